package io.streamstats.streaming.domain;

import java.time.Instant;

/** One playback as the rules see it: whose, of what, from which position and instant, and whether paused. */
public record Playback(long id, long videoId, long viewerId, int startSeconds, Instant startedAt, boolean closed) {

    public Playback closedNow() {
        return new Playback(id, videoId, viewerId, startSeconds, startedAt, true);
    }
}
