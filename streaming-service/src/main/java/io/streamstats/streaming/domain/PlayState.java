package io.streamstats.streaming.domain;

import io.streamstats.common.db.DatabaseTime;
import java.time.Instant;

/**
 * What the rules remember of a viewer on a video: when they last started a playback of it (epoch microseconds, the
 * precision of the instant that dates a play, for the 30-second window; null: never) and where they last paused
 * (the next play resumes there).
 */
public record PlayState(Long lastPlayMicros, int resumeSeconds) {

    /** A viewer who never played the video. */
    public static final PlayState NEVER_PLAYED = new PlayState(null, 0);

    /** A play started {@code at}, the position kept. */
    public PlayState playedAt(Instant at) {
        return new PlayState(DatabaseTime.microsOf(at), resumeSeconds);
    }

    /** The last play's instant, or null. */
    public Instant lastPlay() {
        return lastPlayMicros == null ? null : DatabaseTime.instantOfMicros(lastPlayMicros);
    }
}
