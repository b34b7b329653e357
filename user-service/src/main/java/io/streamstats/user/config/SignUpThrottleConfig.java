package io.streamstats.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Sign-ups per client address (see {@code SignUpThrottle}). Per instance, in memory, like the login limits; the
 * Ingress limits requests per client address across pods.
 */
@ConfigMapping(prefix = "platform.signup-throttle")
public interface SignUpThrottleConfig {

    /** Off for tests that sign up many users from one address, and for experiments. */
    @WithDefault("true")
    boolean enabled();

    /** Sign-ups an address may make in a row. */
    @WithDefault("20")
    @Min(1)
    int burst();

    /** One sign-up of the budget comes back per this interval (PT3M: 20 an hour sustained). */
    @WithDefault("PT3M")
    Duration refill();
}
