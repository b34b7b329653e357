package io.streamstats.streaming.service;

import io.streamstats.streaming.config.ViewerLimitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per viewer for play and pause: {@code burst} requests at once, refilled at
 * {@code requests-per-second}. In memory, per instance; buckets back at full are dropped every 10 s.
 */
@ApplicationScoped
public class ViewerRateLimiter {

    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    @Inject
    ViewerLimitConfig config;

    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime() + SWEEP_EVERY_NANOS);

    public boolean enabled() {
        return config.enabled();
    }

    /** Takes one request of the viewer's allowance: {@link Duration#ZERO} when admitted, else how long to wait. */
    public Duration acquire(long viewerId) {
        long now = System.nanoTime();
        sweepIfDue(now);
        long[] wait = new long[1];
        buckets.compute(viewerId, (id, bucket) -> {
            Bucket b = bucket != null ? bucket : new Bucket(config.burst(), now);
            wait[0] = b.take(now, config.burst(), config.requestsPerSecond());
            return b;
        });
        return Duration.ofNanos(wait[0]);
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            return;
        }
        buckets.forEach((id, b) -> buckets.computeIfPresent(id,
                (key, bucket) -> bucket.full(now, config.burst(), config.requestsPerSecond()) ? null : bucket));
    }

    /** Changed only inside the map's compute for its key, so it needs no lock of its own. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        long take(long now, int burst, int perSecond) {
            refill(now, burst, perSecond);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) ((1 - tokens) * 1e9 / perSecond));
        }

        boolean full(long now, int burst, int perSecond) {
            refill(now, burst, perSecond);
            return tokens >= burst;
        }

        private void refill(long now, int burst, int perSecond) {
            if (now > updated) {
                tokens = Math.min(burst, tokens + (now - updated) * perSecond / 1e9);
                updated = now;
            }
        }
    }
}
