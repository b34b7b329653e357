package io.streamstats.streaming.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamstats.streaming.support.Users;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content negotiation over a real socket (java.net.http, which adds no Accept of its own): an Accept that lists
 * application/problem+json (what a generated client sends when it takes the first JSON type an operation's document
 * lists), application/json, any type, or nothing gets the operation's answer; an error is problem+json whatever was
 * asked; 406 only for a type no operation produces. (The fix is platform-common's HttpEdge; user-service has the
 * same test.)
 */
@QuarkusTest
class ContentNegotiationTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    // "" is no Accept header at all
    @ParameterizedTest
    @ValueSource(strings = {"", "application/json", "application/problem+json", "*/*",
        "application/problem+json, application/json", "application/problem+json;q=0.9, text/plain;q=0.1"})
    void successesAnswerJsonAndErrorsProblemJson(String accept) throws Exception {
        Users.User creator = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        var registered = send("POST", "api/videos", accept, creator, "{\"title\":\"accept\",\"durationSeconds\":600}");
        assertAnswer(201, "application/json", registered);
        long video = JsonPath.from(registered.body()).getLong("id");
        assertAnswer(200, "application/json", send("GET", "api/videos/" + video, accept, viewer, null));
        var played = send("POST", "api/videos/" + video + "/play", accept, viewer, null);
        assertAnswer(200, "application/json", played);
        long playback = JsonPath.from(played.body()).getLong("playbackId");
        assertAnswer(200, "application/json", send("POST", "api/videos/" + video + "/pause", accept, viewer,
                "{\"playbackId\":" + playback + ",\"positionSeconds\":0}"));
        assertAnswer(200, "application/json",
                send("GET", "api/stats/top?period=DAILY&date=2026-01-01", accept, viewer, null));
        assertAnswer(200, "application/json",
                send("GET", "api/settlements?period=DAILY&date=2026-01-01", accept, creator, null));

        assertAnswer(400, "application/problem+json", send("POST", "api/videos", accept, creator, "{}"));
        assertAnswer(403, "application/problem+json",
                send("POST", "api/videos", accept, viewer, "{\"title\":\"t\",\"durationSeconds\":10}"));
        assertAnswer(404, "application/problem+json", send("GET", "api/videos/999999999", accept, viewer, null));
        assertAnswer(409, "application/problem+json", send("POST", "api/videos/" + video + "/pause", accept, viewer,
                "{\"playbackId\":" + playback + ",\"positionSeconds\":0}"));
        assertAnswer(401, "application/problem+json", send("POST", "api/videos", accept, null, "{}"));
        assertAnswer(400, "application/problem+json",
                send("GET", "api/stats/top?period=NEVER&date=2026-01-01", accept, viewer, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "text/html", "application/xml"})
    void aTypeNoOperationProducesIs406AsProblemJson(String accept) throws Exception {
        Users.User creator = Users.create("CREATOR");
        var refused = send("POST", "api/videos", accept, creator, "{\"title\":\"t\",\"durationSeconds\":10}");
        assertAnswer(406, "application/problem+json", refused);
        assertTrue(refused.body().contains("Accept"), refused.body());
        assertAnswer(406, "application/problem+json",
                send("GET", "api/stats/top?period=DAILY&date=2026-01-01", accept, creator, null));
        // the statement answers text/csv: the detail must not claim every operation answers JSON
        var statement = send("GET", "api/settlements/statement?month=2026-01", accept, creator, null);
        assertAnswer(406, "application/problem+json", statement);
        assertTrue(statement.body().contains("text/csv"), statement.body());
    }

    /** q=0 says "not this type" (RFC 9110): such a range is not matched, and one that leaves nothing is 406. */
    @Test
    void aRangeOfQualityZeroIsNotAcceptable() throws Exception {
        Users.User creator = Users.create("CREATOR");
        assertAnswer(406, "application/problem+json", send("GET", "api/settlements?period=DAILY&date=2026-01-01",
                "application/json;q=0, text/csv", creator, null));
        assertAnswer(406, "application/problem+json", send("GET", "api/settlements?period=DAILY&date=2026-01-01",
                "application/json;q=0", creator, null));
        assertAnswer(200, "application/json", send("GET", "api/settlements?period=DAILY&date=2026-01-01",
                "text/csv;q=0, application/json;q=0.1", creator, null));
        var csv = send("GET", "api/settlements/statement?month=2026-01", "application/json;q=0, text/csv", creator, null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
    }

    private HttpResponse<String> send(String method, String path, String accept, Users.User user, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (!accept.isEmpty()) {
            request.header("Accept", accept);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + user.accessToken());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAnswer(int status, String mediaType, HttpResponse<String> response) {
        String what = response.request().method() + " " + response.request().uri().getPath() + " with Accept "
                + response.request().headers().firstValue("Accept").orElse("(none)") + " → " + response.statusCode()
                + " " + response.headers().firstValue("Content-Type").orElse("(no type)") + " " + response.body();
        assertEquals(status, response.statusCode(), what);
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse(null);
        assertEquals(mediaType, type, what);
    }
}
