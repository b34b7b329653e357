package io.streamstats.streaming.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/**
 * Per-viewer limit on play and pause (a token bucket per user id, in memory per instance). Generous on purpose:
 * a real player sends a few requests a minute; the playback benchmark's synthetic viewers send ~120 a second
 * each (64 clients on 64 viewers at ~4,000 pairs/s). What it stops is one account flooding the write path.
 */
@ConfigMapping(prefix = "streaming.viewer-limit")
public interface ViewerLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Sustained play + pause requests per second per viewer. */
    @WithDefault("200")
    @Min(1)
    int requestsPerSecond();

    /** Requests a viewer may send at once above the sustained rate. */
    @WithDefault("400")
    @Min(1)
    int burst();
}
