package io.streamstats.streaming.service;

import io.streamstats.common.limit.KeyedEntries;
import io.streamstats.common.limit.TokenBucket;
import io.streamstats.streaming.config.ViewerLimitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A token bucket per viewer for play and pause: {@code burst} requests at once, refilled at
 * {@code requests-per-second}. In memory, per instance ({@link KeyedEntries}: buckets back at full are dropped every
 * 10 s).
 */
@ApplicationScoped
public class ViewerRateLimiter {

    @Inject
    ViewerLimitConfig config;

    private final KeyedEntries<Long, TokenBucket> buckets = new KeyedEntries<>(System.nanoTime());

    public boolean enabled() {
        return config.enabled();
    }

    /** Takes one request of the viewer's allowance: {@link Duration#ZERO} when admitted, else how long to wait. */
    public Duration acquire(long viewerId) {
        long now = System.nanoTime();
        return Duration.ofNanos(buckets.change(viewerId, now,
                () -> TokenBucket.refillingPerSecond(config.burst(), config.requestsPerSecond(), now),
                bucket -> bucket.reserve(now)));
    }
}
