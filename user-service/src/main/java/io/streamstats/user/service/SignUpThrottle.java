package io.streamstats.user.service;

import io.streamstats.common.rest.ApiException;
import io.streamstats.common.rest.TooManyRequestsException;
import io.streamstats.user.config.SignUpThrottleConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sign-ups per client address (IPv6 by /64, as the login limits): a budget of {@code burst} that refills by one
 * every {@code refill}. Every new account is a viewer the contract credits (a first view of each video, the ad the
 * first play passes), so accounts made by the thousand from one address are money made from nothing; an honest
 * address signs up a few people at most. Every attempt takes one from the budget before any bcrypt work, and one
 * refused as invalid (400) gives it back. Kept in memory per instance; the Ingress bounds an address across pods.
 */
@ApplicationScoped
public class SignUpThrottle {

    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    @Inject
    SignUpThrottleConfig config;

    @Inject
    Ticker ticker;

    private final ConcurrentHashMap<String, TokenBucket> addresses = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    @PostConstruct
    void start() {
        nextSweep.set(ticker.nanoTime() + SWEEP_EVERY_NANOS);
    }

    /** Runs {@code signUp} for a client at {@code clientAddress}, or refuses it with 429 first. */
    public <T> T attempt(String clientAddress, Supplier<T> signUp) {
        if (!config.enabled()) {
            return signUp.get();
        }
        long now = ticker.nanoTime();
        sweepIfDue(now);
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

    private long onAddress(String key, long now, java.util.function.ToLongFunction<TokenBucket> change) {
        return LoginThrottle.onEntry(addresses, key, () -> new TokenBucket(config.burst(), config.refill(), now), change);
    }

    /** Addresses whose budget is full again are dropped every 10 s, so memory follows the addresses active lately. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            return;
        }
        addresses.forEach((k, v) -> addresses.computeIfPresent(k, (key, bucket) -> bucket.atRest(now) ? null : bucket));
    }
}
