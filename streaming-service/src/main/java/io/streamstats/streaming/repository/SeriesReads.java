package io.streamstats.streaming.repository;

import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.domain.TimeSeries.Figures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily figures behind the time series, read like every report ({@link ReadConnections}: the replica, the
 * primary while it is unreachable). Each query is one index range of at most 2 × 366 days (the range and its
 * previous range); {@code SeriesQueryPlanTest} checks the plans.
 */
@ApplicationScoped
public class SeriesReads {

    /** A creator's settled days: a range of creator_daily_stats' primary key (creator_id, stat_date). */
    public static final String CHANNEL_DAYS = "SELECT stat_date, views, play_seconds, ad_views, video_amount,"
            + " ad_amount FROM creator_daily_stats WHERE creator_id = ? AND stat_date BETWEEN ? AND ?";

    /**
     * A video's settled days: a range of video_daily_stats' ix_daily_stats_video (video_id, stat_date), each row's
     * amounts one primary-key lookup of video_daily_settlement (stat_date, video_id). The batch writes both rows of
     * a day in the same job, as the rollups read them.
     */
    public static final String VIDEO_DAYS = "SELECT s.stat_date, s.views, s.play_seconds, s.ad_views,"
            + " t.video_amount, t.ad_amount FROM video_daily_stats s STRAIGHT_JOIN video_daily_settlement t"
            + " ON t.stat_date = s.stat_date AND t.video_id = s.video_id"
            + " WHERE s.video_id = ? AND s.stat_date BETWEEN ? AND ?";

    @Inject
    ReadConnections connections;

    public Map<LocalDate, Figures> channelDays(long creatorId, DateRange range) {
        return days(CHANNEL_DAYS, creatorId, range);
    }

    public Map<LocalDate, Figures> videoDays(long videoId, DateRange range) {
        return days(VIDEO_DAYS, videoId, range);
    }

    private Map<LocalDate, Figures> days(String sql, long id, DateRange range) {
        Map<LocalDate, Figures> days = new TreeMap<>();
        connections.list(sql, ps -> {
            ps.setLong(1, id);
            ps.setObject(2, range.from());
            ps.setObject(3, range.to());
        }, rs -> Map.entry(rs.getObject(1, LocalDate.class), new Figures(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6)))).forEach(day -> days.put(day.getKey(), day.getValue()));
        return days;
    }
}
