package io.streamstats.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamstats.client.streaming.ApiClient;
import io.streamstats.client.streaming.ApiException;
import io.streamstats.client.streaming.api.VideosApi;
import io.streamstats.client.streaming.model.PauseRequest;
import io.streamstats.client.streaming.model.PauseResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the generated streaming-service client sends, against a stand-in server: the operation's documented method
 * and path, JSON in, an Accept listing application/problem+json (which is why a service must answer such an Accept:
 * the seeded stand-in that answers it with 406, as the services once did, fails the client and so the journey).
 */
class GeneratedClientRequestsTest {

    record Seen(String method, String path, String accept, String contentType, String authorization, String body) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private HttpServer server;

    private ApiClient standIn(boolean refuseProblemJsonAccept) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        headers.getFirst("Accept"), headers.getFirst("Content-Type"), headers.getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                String accept = String.valueOf(headers.getFirst("Accept"));
                boolean refused = refuseProblemJsonAccept && accept.contains("application/problem+json");
                byte[] body = (refused
                        ? "{\"type\":\"about:blank\",\"title\":\"Not Acceptable\",\"status\":406,\"detail\":\"no\"}"
                        : "{\"positionSeconds\":2,\"playedSeconds\":2,\"adViews\":0}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", refused ? "application/problem+json" : "application/json");
                exchange.sendResponseHeaders(refused ? 406 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.getAddress().getPort());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer t0ken"));
        return client;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void pauseIsThePostTheDocumentDescribes() throws Exception {
        PauseResponse answer = new VideosApi(standIn(false)).pause("7", new PauseRequest().playbackId(41L).positionSeconds(2));
        assertEquals(2, answer.getPlayedSeconds());
        Seen request = seen.get(0);
        assertEquals(List.of("POST", "/api/videos/7/pause", "Bearer t0ken"),
                List.of(request.method(), request.path(), request.authorization()));
        assertTrue(request.contentType().startsWith("application/json"), request.toString());
        assertTrue(request.accept().contains("application/problem+json"), request.toString());
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(41L, body.get("playbackId").asLong());
        assertEquals(2, body.get("positionSeconds").asInt());
    }

    @Test
    void seededServerRefusingProblemJsonAcceptFailsTheClient() throws Exception {
        VideosApi videos = new VideosApi(standIn(true));
        ApiException e = assertThrows(ApiException.class,
                () -> videos.pause("7", new PauseRequest().playbackId(41L).positionSeconds(2)));
        assertEquals(406, e.getCode());
    }
}
