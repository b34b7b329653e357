package io.streamstats.streaming.domain;

import io.streamstats.domain.ViewCounting;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything one batch of plays and pauses writes, as decided by {@link PlaybackRules}; all of it stamped with one
 * instant and the date of that instant in the platform zone.
 *
 * @param states  only the (viewer, video) states the batch changed
 * @param credits only the viewers whose time the batch used: up to when it is credited now, and their ad reserve
 * @param live    what the history records add to the day's live counters, one per video with something credited,
 *                in video-id order (the order their rows are locked in)
 */
public record PlaybackWrites(Instant at, LocalDate date, List<Opened> opened, List<Closed> closed,
                             Map<ViewerVideo, PlayState> states, Map<Long, ViewCounting.ViewerTime> credits,
                             List<HistoryRecord> history, List<LiveCount> live) {

    /** A playback a play opened. */
    public record Opened(long id, long videoId, long viewerId, int startSeconds, boolean countedView) {
    }

    /** A playback a pause closed, at the position it claimed. */
    public record Closed(long id, int endSeconds) {
    }

    /** One append-only watch-history record: a play (the view) or a closed segment (play time and ad views). */
    public record HistoryRecord(long videoId, long playbackId, boolean segment, long viewerId, boolean countedView,
                                int playedSeconds, int adViews, int startSeconds, int endSeconds) {
    }

    /** The sums of one video's history records of the batch: what its row of the day's live counters gains. */
    public record LiveCount(long videoId, long creatorId, long views, long playSeconds, long adViews) {
    }
}
