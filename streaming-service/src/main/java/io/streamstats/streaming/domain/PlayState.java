package io.streamstats.streaming.domain;

/**
 * What the rules remember of a viewer on a video: when they last started a playback of it (epoch milliseconds,
 * for the 30-second window; null: never) and where they last paused (the next play resumes there).
 */
public record PlayState(Long lastPlayEpochMillis, int resumeSeconds) {

    /** A viewer who never played the video. */
    public static final PlayState NEVER_PLAYED = new PlayState(null, 0);
}
