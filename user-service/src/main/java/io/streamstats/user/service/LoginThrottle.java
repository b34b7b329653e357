package io.streamstats.user.service;

import io.streamstats.common.limit.KeyedEntries;
import io.streamstats.common.limit.TokenBucket;
import io.streamstats.common.rest.ApiException;
import io.streamstats.common.rest.TooManyRequestsException;
import io.streamstats.user.config.LoginThrottleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Limits logins before any bcrypt work is done, so a flood of wrong passwords is refused for the price of two map
 * lookups and password guessing slows down to a crawl. Two limits, both kept in memory per instance:
 * <ul>
 * <li><b>per client address</b> (IPv6 addresses by /64, what one subscriber usually gets): a budget of
 * {@code failure-burst} failed logins that refills by one every {@code failure-refill}. Every attempt reserves one
 * before it runs and a successful login gives it back, so a network of honest users logging in is never slowed,
 * and at most {@code failure-burst} logins of one address run at once;</li>
 * <li><b>per account and client address</b>: after {@code free-failures} consecutive failures each further
 * attempt must wait {@code first-delay}, doubling with every failure up to {@code max-delay}. The right password
 * is refused too while the wait lasts (otherwise the wait would not slow guessing). A successful login resets
 * the count; {@code max-delay} of quiet forgets it. Keyed per address as well, so an attacker elsewhere cannot
 * lock the real user out: only someone sharing the attacker's address (same NAT) waits with them.</li>
 * </ul>
 * Failures are answers 401 (unknown email or wrong password, which look alike); other refusals (400) and errors
 * cost nothing.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    LoginThrottleConfig config;

    @Inject
    Ticker ticker;

    private KeyedEntries<String, TokenBucket> addresses;
    private KeyedEntries<String, AccountFailures> accounts;

    @PostConstruct
    void start() {
        long now = ticker.nanoTime();
        addresses = new KeyedEntries<>(now);
        accounts = new KeyedEntries<>(now);
    }

    /** Runs {@code login} for {@code email} from {@code clientAddress}, or refuses it with 429 first. */
    public <T> T attempt(String email, String clientAddress, Supplier<T> login) {
        if (!config.enabled()) {
            return login.get();
        }
        long now = ticker.nanoTime();
        String addressKey = addressKey(clientAddress);
        String accountKey = UserService.normalizeEmail(email) + '\n' + addressKey;

        long addressWait = onAddress(addressKey, now, budget -> budget.reserve(now));
        if (addressWait > 0) {
            throw new TooManyRequestsException("Too many failed logins from your network address; try again later",
                    Duration.ofNanos(addressWait));
        }
        long accountWait = onAccount(accountKey, now, account -> account.reserve(now));
        if (accountWait > 0) {
            onAddress(addressKey, now, budget -> budget.giveBack(now));
            throw new TooManyRequestsException("Too many failed logins for this account; try again later",
                    Duration.ofNanos(accountWait));
        }
        boolean failed = false;
        boolean succeeded = false;
        try {
            T result = login.get();
            succeeded = true;
            return result;
        } catch (ApiException e) {
            failed = e.status() == 401;
            throw e;
        } finally {
            long end = ticker.nanoTime();
            boolean countAsFailure = failed;
            boolean success = succeeded;
            if (!countAsFailure) {
                onAddress(addressKey, end, budget -> budget.giveBack(end));
            }
            onAccount(accountKey, end, account -> account.finished(end, success, countAsFailure));
        }
    }

    private long onAddress(String key, long now, ToLongFunction<TokenBucket> change) {
        return addresses.change(key, now, () -> TokenBucket.refillingEvery(config.address().failureBurst(),
                config.address().failureRefill(), now), change);
    }

    private long onAccount(String key, long now, ToLongFunction<AccountFailures> change) {
        return accounts.change(key, now, () -> new AccountFailures(config), change);
    }

    /**
     * The client's address: the TCP peer, or the first X-Forwarded-For entry when the peer is a proxy named in
     * {@code quarkus.http.proxy.trusted-proxies} and forwarding is on (Quarkus rewrites {@code remoteAddress()}
     * then). A client talking to the service directly cannot choose its address with a header.
     */
    public static String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }

    /** The address as the limits see it: IPv6 cut to its /64, since one subscriber holds a whole /64. */
    static String addressKey(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "unknown";
        }
        if (clientAddress.indexOf(':') < 0) {
            return clientAddress;
        }
        try {
            InetAddress parsed = InetAddress.getByName(clientAddress.startsWith("[")
                    ? clientAddress.substring(1, clientAddress.length() - 1) : clientAddress);
            if (parsed instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return clientAddress; // not an address literal: keep it as it is
        }
    }

    /**
     * Consecutive failures of one account from one address, the back-off they impose, and attempts running. Changed
     * only inside {@link KeyedEntries}' compute for its key, so it needs no lock of its own.
     */
    static final class AccountFailures implements KeyedEntries.Entry {
        private final int freeFailures;
        private final long firstDelayNanos;
        private final long maxDelayNanos;
        private int failures;
        private int running;
        private long lastFailure;
        private long lockedUntil;

        AccountFailures(LoginThrottleConfig config) {
            freeFailures = config.account().freeFailures();
            firstDelayNanos = config.account().firstDelay().toNanos();
            maxDelayNanos = Math.max(firstDelayNanos, config.account().maxDelay().toNanos());
        }

        /** Admits an attempt (returns 0) or returns how long to wait. */
        long reserve(long now) {
            forgetIfQuiet(now);
            if (failures >= freeFailures && now - lockedUntil < 0) {
                return lockedUntil - now;
            }
            if (running > 0 && failures + running >= freeFailures) {
                // attempts at once beyond the free ones wait for those running: concurrency must not skip the wait
                return firstDelayNanos;
            }
            running++;
            return 0;
        }

        long finished(long now, boolean succeeded, boolean failed) {
            running = Math.max(0, running - 1);
            if (succeeded) {
                failures = 0;
                lockedUntil = now;
            } else if (failed) {
                failures++;
                lastFailure = now;
                if (failures >= freeFailures) {
                    long delay = firstDelayNanos;
                    for (int i = freeFailures; i < failures && delay < maxDelayNanos; i++) {
                        delay *= 2;
                    }
                    lockedUntil = now + Math.min(delay, maxDelayNanos);
                }
            }
            return 0;
        }

        @Override
        public boolean atRest(long now) {
            forgetIfQuiet(now);
            return failures == 0 && running == 0;
        }

        private void forgetIfQuiet(long now) {
            if (failures > 0 && now - lastFailure > maxDelayNanos && now - lockedUntil >= 0) {
                failures = 0;
            }
        }
    }
}
