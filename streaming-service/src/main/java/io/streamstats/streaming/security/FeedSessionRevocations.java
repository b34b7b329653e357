package io.streamstats.streaming.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamstats.common.db.MigrateMode;
import io.streamstats.common.security.SessionRevocations;
import io.streamstats.streaming.config.StreamingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A copy of user-service's ended sessions, refreshed every poll interval (default 1 s) from its revocation feed.
 * Checking a token is a map lookup. The first poll asks for every session a still-valid token may belong to (user-
 * service derives that from the token lifetime); each later poll asks from a little before the previous answer's
 * server time, so a logout committed late is still seen. Entries are dropped once no access token of that session
 * can be valid. When the copy is older than {@code max-staleness} the instance reports itself not ready (it would let
 * logged-out tokens pass) and says so at WARN until the feed is read again.
 */
@ApplicationScoped
public class FeedSessionRevocations implements SessionRevocations {

    private static final Logger LOG = Logger.getLogger(FeedSessionRevocations.class);

    private final Map<String, Instant> refuseUntil = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Instant nextSince; // null: the first poll, which lets user-service choose how far back
    private volatile String nextAfterId = "";
    private volatile Instant startedAt = Instant.now();
    private volatile Instant lastSuccess;
    private volatile String lastError = "not polled yet";
    private volatile boolean failing;
    private volatile long lastWarnNanos;
    private ScheduledExecutorService poller;

    @Inject
    StreamingConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    void start(@Observes StartupEvent event) {
        StreamingConfig.Revocation feed = config.revocation();
        startedAt = Instant.now();
        Gauge.builder("streaming.revocation.feed.age.seconds", this, r -> r.age().toMillis() / 1000.0)
                .description("Seconds since the revocation feed was last read (since start while never read)")
                .register(registry);
        if (MigrateMode.active()) {
            return; // a one-shot migration run serves no request: no feed to keep
        }
        if (!feed.enabled()) {
            LOG.warn("Revocation feed polling is disabled: logged-out tokens stay valid here until they expire");
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "revocation-feed");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, 0, feed.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public boolean isRevoked(String sessionId) {
        Instant until = refuseUntil.get(sessionId);
        return until != null && until.isAfter(clock.instant());
    }

    @Override
    public boolean blocks() {
        return false;
    }

    /** Whether the copy is recent enough to refuse logged-out tokens (readiness): read within max-staleness. */
    public boolean isSynchronized() {
        return !config.revocation().enabled()
                || lastSuccess != null && age().compareTo(config.revocation().maxStaleness()) <= 0;
    }

    /** How old the copy is: since the last successful read, or since start while it was never read. */
    public Duration age() {
        Instant last = lastSuccess;
        return Duration.between(last != null ? last : startedAt, Instant.now());
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }

    private void pollSafely() {
        try {
            boolean complete;
            do {
                complete = pollOnce();
            } while (!complete);
            lastSuccess = Instant.now();
            lastError = null;
            if (failing) {
                failing = false;
                LOG.info("Revocation feed read again: logged-out tokens are refused here again");
            }
        } catch (Exception e) {
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            long now = System.nanoTime();
            // the first failure of a run, then every 30 s while it lasts: loud enough to be seen, not one line a second
            if (!failing || now - lastWarnNanos > 30_000_000_000L) {
                LOG.warnf("Revocation feed of %s not read (%s); copy is %d s old, not ready beyond %d s",
                        config.revocation().userServiceUrl(), lastError, age().toSeconds(),
                        config.revocation().maxStaleness().toSeconds());
                lastWarnNanos = now;
            }
            failing = true;
        }
    }

    /** Reads one page; returns whether the feed said it was complete. */
    boolean pollOnce() throws Exception {
        StreamingConfig.Revocation feed = config.revocation();
        URI uri = URI.create(feed.userServiceUrl() + "/internal/revoked-sessions?afterSessionId="
                + URLEncoder.encode(nextAfterId, StandardCharsets.UTF_8)
                + (nextSince == null ? "" : "&since=" + URLEncoder.encode(nextSince.toString(), StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(uri).header("X-Internal-Key", feed.internalApiKey())
                .timeout(feed.requestTimeout().orElse(Duration.ofSeconds(2))).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("revocation feed answered " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        JsonNode last = null;
        for (JsonNode session : body.path("sessions")) {
            Instant until = Instant.parse(session.path("refuseUntil").asText());
            refuseUntil.merge(session.path("sessionId").asText(), until, (a, b) -> a.isAfter(b) ? a : b);
            last = session;
        }
        boolean complete = body.path("complete").asBoolean(true) || last == null;
        if (complete) {
            nextSince = Instant.parse(body.path("serverTime").asText()).minus(feed.overlap());
            nextAfterId = "";
        } else {
            // page cut by the limit: continue right after the last one returned, even inside one instant
            nextSince = Instant.parse(last.path("revokedAt").asText());
            nextAfterId = last.path("sessionId").asText();
        }
        Instant now = clock.instant();
        refuseUntil.values().removeIf(until -> !until.isAfter(now));
        return complete;
    }
}
