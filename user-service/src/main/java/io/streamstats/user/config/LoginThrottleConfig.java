package io.streamstats.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Limits on logins, decided before any bcrypt work (see {@code LoginThrottle}). Per instance: each pod keeps its
 * own counts in memory; the Ingress limits requests per client address across pods.
 */
@ConfigMapping(prefix = "platform.login-throttle")
public interface LoginThrottleConfig {

    /** Off only for experiments; every limit below is skipped then. */
    @WithDefault("true")
    boolean enabled();

    Address address();

    Account account();

    /** Per client address (IPv6 by /64), over all accounts: a budget of failed logins that refills slowly. */
    interface Address {
        /** Failed logins an address may have in a row before it is refused; a successful login costs nothing. */
        @WithDefault("20")
        @Min(1)
        int failureBurst();

        /** One failed login of the budget comes back per this interval (PT3S: 20 per minute sustained). */
        @WithDefault("PT3S")
        Duration failureRefill();
    }

    /** Per account and client address: consecutive failures, then an exponential back-off. */
    interface Account {
        /** Failures allowed before the back-off starts. */
        @WithDefault("5")
        @Min(1)
        int freeFailures();

        /** The wait after the last free failure; each further failure doubles it. */
        @WithDefault("PT1S")
        Duration firstDelay();

        /** The longest wait; failures are also forgotten after this much quiet. */
        @WithDefault("PT15M")
        Duration maxDelay();
    }
}
