package io.streamstats.common.limit;

import java.time.Duration;

/**
 * A budget of {@code capacity} that refills continuously, one every {@code refill}: the per-address limits of logins
 * and sign-ups (user-service) and the per-viewer limit of plays and pauses (streaming-service). Times are
 * nanoseconds of a monotonic clock. Not thread-safe by itself: it is changed only inside {@link KeyedEntries}'
 * compute for its key.
 */
public final class TokenBucket implements KeyedEntries.Entry {
    private final double capacity;
    private final double refillNanos;
    private double tokens;
    private long updated;

    private TokenBucket(double capacity, double refillNanos, long now) {
        this.capacity = capacity;
        this.refillNanos = Math.max(1, refillNanos);
        this.tokens = capacity;
        this.updated = now;
    }

    /** Full with {@code capacity}, one back every {@code refill}. */
    public static TokenBucket refillingEvery(int capacity, Duration refill, long now) {
        return new TokenBucket(capacity, refill.toNanos(), now);
    }

    /** Full with {@code burst}, {@code perSecond} back every second. */
    public static TokenBucket refillingPerSecond(int burst, int perSecond, long now) {
        return new TokenBucket(burst, 1e9 / perSecond, now);
    }

    /** Takes one; returns 0, or how many nanoseconds until one is back. */
    public long reserve(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) ((1 - tokens) * refillNanos));
    }

    /** Gives back one taken by {@link #reserve} (never above the capacity); returns 0. */
    public long giveBack(long now) {
        refill(now);
        tokens = Math.min(capacity, tokens + 1);
        return 0;
    }

    /** Full again: nothing to remember. */
    @Override
    public boolean atRest(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updated) {
            tokens = Math.min(capacity, tokens + (now - updated) / refillNanos);
            updated = now;
        }
    }
}
