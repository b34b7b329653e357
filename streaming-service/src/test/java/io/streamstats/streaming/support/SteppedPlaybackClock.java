package io.streamstats.streaming.support;

import io.streamstats.streaming.service.PlaybackClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;

/**
 * The play / pause instant in @QuarkusTest: the database's clock, as in production, unless a test sets an instant
 * to step across the 30-second window, midnight or a long watch without waiting for it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SteppedPlaybackClock extends PlaybackClock {

    private volatile Instant fixed;

    public void set(Instant instant) {
        fixed = instant;
    }

    /** Moves the set instant on; starts from the current time when none is set. */
    public void advance(Duration duration) {
        Instant f = fixed;
        fixed = (f != null ? f : Instant.now()).plus(duration);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant batchInstant(Instant databaseNow) {
        Instant f = fixed;
        return f != null ? f : databaseNow;
    }
}
