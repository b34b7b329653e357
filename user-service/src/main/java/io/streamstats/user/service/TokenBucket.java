package io.streamstats.user.service;

import java.time.Duration;

/**
 * A budget that refills by one every {@code refill} up to {@code capacity}: the per-address limits of logins
 * ({@link LoginThrottle}) and sign-ups ({@link SignUpThrottle}). Times are {@link Ticker} nanoseconds.
 */
final class TokenBucket {
    private final double capacity;
    private final long refillNanos;
    private double tokens;
    private long updated;

    TokenBucket(int capacity, Duration refill, long now) {
        this.capacity = capacity;
        this.refillNanos = Math.max(1, refill.toNanos());
        this.tokens = capacity;
        this.updated = now;
    }

    /** Takes one; returns 0, or how long until one is back. */
    synchronized long reserve(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) ((1 - tokens) * refillNanos));
    }

    synchronized long giveBack(long now) {
        refill(now);
        tokens = Math.min(capacity, tokens + 1);
        return 0;
    }

    /** Full again: nothing to remember. */
    synchronized boolean atRest(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updated) {
            tokens = Math.min(capacity, tokens + (double) (now - updated) / refillNanos);
            updated = now;
        }
    }
}
