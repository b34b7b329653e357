package io.streamstats.streaming.service;

import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.domain.SeriesGrouping;
import io.streamstats.streaming.domain.TimeSeries;
import io.streamstats.streaming.repository.SeriesReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * Time series of a creator's channel (creator_daily_stats, the batch's per-creator rollup) or of one of their
 * videos (its daily rows): one read of the range and its previous range, grouped by {@link TimeSeries}.
 */
@ApplicationScoped
public class SeriesService {

    @Inject
    SeriesReads reads;

    @Inject
    VideoService videos;

    public TimeSeries.Series channel(long creatorId, DateRange range, SeriesGrouping grouping) {
        DateRange read = new DateRange(range.previous().from(), range.to());
        return TimeSeries.of(range, grouping, reads.channelDays(creatorId, read));
    }

    /** A video's series for its creator: 404 for an unknown video, or another creator's. */
    public TimeSeries.Series video(long creatorId, long videoId, DateRange range, SeriesGrouping grouping) {
        videos.ownedBy(creatorId, videoId);
        DateRange read = new DateRange(range.previous().from(), range.to());
        return TimeSeries.of(range, grouping, reads.videoDays(videoId, read));
    }
}
