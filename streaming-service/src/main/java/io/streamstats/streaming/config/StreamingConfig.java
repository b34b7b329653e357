package io.streamstats.streaming.config;

import io.smallrye.config.ConfigMapping;
import io.streamstats.common.config.SecretPlaceholder;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Settings with an environment variable have their default in application.properties, beside the variable; only the
 * others carry {@code @WithDefault} here (each default is written once).
 */
@ConfigMapping(prefix = "streaming")
public interface StreamingConfig {

    /** The platform time zone: watch-history dates and calendar periods. */
    ZoneId zone();

    Revocation revocation();

    Playback playback();

    Replica replica();

    /** The read side's replica and what reads do while it gives no connection (restart, network). */
    interface Replica {
        /**
         * Whether reads are answered from the primary while the replica is unreachable. Off: they are refused with
         * 503 instead, which keeps their load off the primary.
         */
        @WithDefault("true")
        boolean fallback();

        /** After the replica failed, reads stay on the primary this long before one read tries the replica again. */
        @WithDefault("PT5S")
        Duration retryAfter();
    }

    /** The play / pause write path: requests are written in batches, one transaction per batch. */
    interface Playback {
        /** Writer threads per instance, each with one connection of the primary pool while it writes. */
        @WithDefault("2")
        @Min(1)
        @Max(64)
        int writers();

        /** Most requests in one transaction (bounded: the lock statement lists every row it locks). */
        @WithDefault("64")
        @Min(1)
        @Max(500)
        int maxBatch();

        /** Requests that may wait for a writer; beyond it a play or pause is refused with 503. */
        @WithDefault("10000")
        @Min(1)
        int queueCapacity();

        /** A request that waited longer than this for a writer is refused with 503 instead of written. */
        @WithDefault("PT5S")
        Duration maxQueueWait();
    }

    interface Revocation {
        /** Base URL of user-service, whose revocation feed is polled. */
        String userServiceUrl();

        /** Key for user-service's internal endpoints; never the manifests' placeholder. */
        @Pattern(regexp = SecretPlaceholder.REFUSED, message = SecretPlaceholder.MESSAGE)
        String internalApiKey();

        /** How often the feed is polled: the bound on how long a logged-out token may still pass here. */
        Duration pollInterval();

        /** Each poll asks again from this much before the previous answer's server time (late commits). */
        @WithDefault("PT5S")
        Duration overlap();

        /**
         * The copy may be this old before the instance reports not ready (logged-out tokens could pass meanwhile):
         * a few poll intervals plus a request timeout.
         */
        @WithDefault("PT10S")
        Duration maxStaleness();

        /** Poll only when set to false is it off (tests of this module with no user-service). */
        @WithDefault("true")
        boolean enabled();

        Optional<Duration> requestTimeout();
    }
}
