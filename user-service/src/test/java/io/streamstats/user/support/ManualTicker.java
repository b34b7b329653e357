package io.streamstats.user.support;

import io.streamstats.user.service.Ticker;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;

/**
 * The login limits' time in @QuarkusTest: follows {@link System#nanoTime()} until a test freezes it, so that a
 * back-off's Retry-After and its end are exact whatever the machine's speed; then it moves only when advanced.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ManualTicker extends Ticker {

    private volatile Long frozenAt;

    @Override
    public long nanoTime() {
        Long frozen = frozenAt;
        return frozen != null ? frozen : System.nanoTime();
    }

    public void freeze() {
        frozenAt = System.nanoTime();
    }

    public synchronized void advance(Duration duration) {
        if (frozenAt == null) {
            throw new IllegalStateException("freeze() first");
        }
        frozenAt = frozenAt + duration.toNanos();
    }

    /** Back to the system's time; what the frozen time recorded lies in its past or near future. */
    public void release() {
        frozenAt = null;
    }
}
