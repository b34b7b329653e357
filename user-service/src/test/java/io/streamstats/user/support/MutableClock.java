package io.streamstats.user.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in @QuarkusTest: follows system time unless a test shifts it, to step across a grace, or
 * freezes it, so that a boundary is crossed exactly whatever time the calls in between take.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    public synchronized void advance(Duration duration) {
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(duration);
        } else {
            offset = offset.plus(duration);
        }
    }

    /**
     * Stops the clock at the start of the current second; it then moves only by {@link #advance}. A whole second,
     * because an instant stored and read back must be the same instant: against MariaDB (which announces itself as
     * 5.5.5-10.x) Connector/J sends no fractional seconds, so a DATETIME(6) column keeps whole seconds there.
     */
    public synchronized void freeze() {
        frozenAt = instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public synchronized void reset() {
        offset = Duration.ZERO;
        frozenAt = null;
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
