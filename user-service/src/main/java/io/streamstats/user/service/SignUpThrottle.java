package io.streamstats.user.service;

import io.streamstats.common.limit.KeyedEntries;
import io.streamstats.common.limit.TokenBucket;
import io.streamstats.common.rest.ApiException;
import io.streamstats.common.rest.TooManyRequestsException;
import io.streamstats.user.config.SignUpThrottleConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Sign-ups per client address (IPv6 by /64, as the login limits): a budget of {@code burst} that refills by one
 * every {@code refill}. Every new account is a viewer the contract credits (a first view of each video, the ad the
 * first play passes), so accounts made by the thousand from one address are money made from nothing; an honest
 * address signs up a few people at most. Every attempt takes one from the budget before any bcrypt work, and one
 * refused as invalid (400) gives it back. Kept in memory per instance ({@link KeyedEntries}); the Ingress bounds an
 * address across pods.
 */
@ApplicationScoped
public class SignUpThrottle {

    @Inject
    SignUpThrottleConfig config;

    @Inject
    Ticker ticker;

    private KeyedEntries<String, TokenBucket> addresses;

    @PostConstruct
    void start() {
        addresses = new KeyedEntries<>(ticker.nanoTime());
    }

    /** Runs {@code signUp} for a client at {@code clientAddress}, or refuses it with 429 first. */
    public <T> T attempt(String clientAddress, Supplier<T> signUp) {
        if (!config.enabled()) {
            return signUp.get();
        }
        long now = ticker.nanoTime();
        String key = LoginThrottle.addressKey(clientAddress);
        long wait = onAddress(key, now, bucket -> bucket.reserve(now));
        if (wait > 0) {
            throw new TooManyRequestsException("Too many sign-ups from your network address; try again later",
                    Duration.ofNanos(wait));
        }
        try {
            return signUp.get();
        } catch (ApiException e) {
            if (e.status() == 400) {
                long end = ticker.nanoTime();
                onAddress(key, end, bucket -> bucket.giveBack(end));
            }
            throw e;
        }
    }

    private long onAddress(String key, long now, ToLongFunction<TokenBucket> change) {
        return addresses.change(key, now, () -> TokenBucket.refillingEvery(config.burst(), config.refill(), now), change);
    }
}
