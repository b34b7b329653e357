package io.streamstats.streaming.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Sits between streaming-service and user-service's revocation feed in tests: passes requests through, or fails
 * them as a partition (connection dropped) or a wrong internal key (401) would, so a test can cut the feed.
 */
public final class FeedGate {

    public enum Mode { PASS, UNAUTHORIZED, DROP }

    private static volatile Mode mode = Mode.PASS;
    private static HttpServer server;

    private FeedGate() {
    }

    /** Starts the gate in front of the given user-service; returns the URL streaming-service should poll. */
    static synchronized String start(String userServiceUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "feed-gate");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                Mode now = mode;
                if (now == Mode.DROP) {
                    exchange.close(); // no answer at all: the poll fails like a partition
                    return;
                }
                int status;
                byte[] body;
                if (now == Mode.UNAUTHORIZED) {
                    status = 401;
                    body = "{\"status\":401}".getBytes(StandardCharsets.UTF_8);
                } else {
                    HttpRequest.Builder forward = HttpRequest.newBuilder(
                            URI.create(userServiceUrl + exchange.getRequestURI())).timeout(Duration.ofSeconds(5));
                    exchange.getRequestHeaders().forEach((name, values) -> {
                        if (name.equalsIgnoreCase("X-Internal-Key")) {
                            values.forEach(v -> forward.header(name, v));
                        }
                    });
                    HttpResponse<byte[]> answer = client.send(forward.GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public static void set(Mode newMode) {
        mode = newMode;
    }
}
