package io.streamstats.batch.support;

import io.streamstats.batch.cli.BatchClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/**
 * The batch's "now" in tests: fixed, so tests that settle dates after the real today (year ends, rollups) stay
 * independent of when they run. Open-day tests move it and put it back with {@link #reset()}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FixedClock extends BatchClock {

    /** Far enough ahead that every date the tests settle is over. */
    public static final Instant DEFAULT = Instant.parse("2030-01-01T00:00:00Z");

    private volatile Instant now = DEFAULT;

    @Override
    public Instant now() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void reset() {
        now = DEFAULT;
    }
}
