package io.streamstats.streaming.domain;

import io.streamstats.common.domain.AdSchedule;
import java.time.Duration;
import java.time.Instant;

/**
 * The view-counting rules (DESIGN §2), in one place. A playback counts as a view unless the viewer is the video's
 * creator, or the same viewer started a playback of the same video less than 30 seconds before. A creator's own
 * playbacks credit nothing; a playback inside the window still credits its play time and ad views.
 */
public final class ViewCounting {

    public static final Duration ABUSE_WINDOW = Duration.ofSeconds(30);

    public enum Outcome {
        COUNTED(true), OWN_VIDEO(false), WITHIN_WINDOW(false);

        private final boolean view;

        Outcome(boolean view) {
            this.view = view;
        }

        public boolean isView() {
            return view;
        }
    }

    /** What is credited to statistics for one closed segment. */
    public record Credit(int playedSeconds, int adViews) {
    }

    private ViewCounting() {
    }

    /**
     * @param previousPlayAt when this viewer last started a playback of this video, or null
     */
    public static Outcome classify(long viewerId, long creatorId, Instant previousPlayAt, Instant now) {
        if (viewerId == creatorId) {
            return Outcome.OWN_VIDEO;
        }
        if (previousPlayAt != null && Duration.between(previousPlayAt, now).compareTo(ABUSE_WINDOW) < 0) {
            return Outcome.WITHIN_WINDOW;
        }
        return Outcome.COUNTED;
    }

    public static Credit credit(long viewerId, long creatorId, int startSeconds, int endSeconds, int durationSeconds) {
        if (viewerId == creatorId) {
            return new Credit(0, 0);
        }
        return new Credit(endSeconds - startSeconds, AdSchedule.adsBetween(startSeconds, endSeconds, durationSeconds));
    }
}
