package io.streamstats.streaming.hostile;

import static io.streamstats.streaming.hostile.Http.get;
import static io.streamstats.streaming.hostile.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.support.Users;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests from an attack on the running platform, replayed against both services (this one in-process, the
 * packaged user-service as a process): each must be refused with a 4xx and a problem+json body, never a 500 or
 * an empty body.
 */
@QuarkusTest
class HostileRequestsTest {

    static final String SIGN_UP = "{\"email\":\"dup-%s@example.com\",\"email\":\"other-%s@example.com\","
            + "\"password\":\"s3cret-password\",\"nickname\":\"n\",\"role\":\"VIEWER\"}";

    String users;
    String streaming;
    Users.User creator;
    long video;

    @BeforeEach
    void setUp() {
        users = Users.userServiceUrl();
        streaming = "http://localhost:" + RestAssured.port;
        creator = Users.create("CREATOR");
        Http.Answer registered = json("POST", streaming + "/api/videos", creator.accessToken(),
                "{\"title\":\"t\",\"durationSeconds\":600}");
        assertEquals(201, registered.status(), registered::toString);
        video = ((Number) readJson(registered.body()).get("id")).longValue();
    }

    // attack: {"email":"a","email":"b"} answered 500 with an empty body (login, refresh) or let the last key win
    @Test
    void duplicateJsonKeysAreRefusedOnEveryJsonEndpointOfBothServices() {
        String tag = Long.toString(System.nanoTime());
        String token = creator.accessToken();
        List<Http.Answer> answers = List.of(
                json("POST", users + "/api/users", null, SIGN_UP.formatted(tag, tag)),
                json("POST", users + "/api/auth/login", null, "{\"email\":\"a@b.co\",\"password\":\"x\",\"password\":\"y\"}"),
                json("POST", users + "/api/auth/refresh", null, "{\"refreshToken\":\"a\",\"refreshToken\":\"b\"}"),
                json("POST", streaming + "/api/videos", token, "{\"title\":\"a\",\"title\":\"b\",\"durationSeconds\":60}"),
                json("POST", streaming + "/api/videos/" + video + "/pause", token,
                        "{\"playbackId\":1,\"positionSeconds\":1,\"positionSeconds\":2}"),
                // nested objects are checked too
                json("POST", streaming + "/api/videos", token,
                        "{\"title\":\"a\",\"durationSeconds\":60,\"x\":{\"k\":1,\"k\":2}}"));
        for (Http.Answer answer : answers) {
            answer.assertProblem(400);
            assertTrue(answer.detail().contains("Duplicate field"), answer::toString);
        }
        // neither email was registered
        json("POST", users + "/api/auth/login", null,
                "{\"email\":\"other-" + tag + "@example.com\",\"password\":\"s3cret-password\"}").assertProblem(401);
    }

    // attack: a body of another shape ([], "text", 5) was answered "not valid JSON: Cannot deserialize value of type
    // `io.streamstats…RegisterVideoRequest`" (internal class names), and a second value after the body was ignored
    @Test
    void wrongShapesAndTrailingValuesAreRefusedWithoutInternalNames() {
        String token = creator.accessToken();
        for (String body : List.of("[]", "\"text\"", "5", "true", "null")) {
            for (Http.Answer answer : List.of(json("POST", streaming + "/api/videos", token, body),
                    json("POST", users + "/api/users", null, body),
                    json("POST", users + "/api/auth/login", null, body))) {
                answer.assertProblem(400);
                assertTrue(!answer.body().contains("io.streamstats") && !answer.body().contains("`"), answer::toString);
            }
        }
        Http.Answer shape = json("POST", streaming + "/api/videos", token, "[]");
        assertEquals("The request body must be a JSON object with the fields this operation documents", shape.detail(),
                shape::toString);
        long before = count(token);
        for (Http.Answer answer : List.of(
                json("POST", streaming + "/api/videos", token, "{\"title\":\"t\",\"durationSeconds\":60}{\"x\":1}"),
                json("POST", streaming + "/api/videos", token, "{\"title\":\"t\",\"durationSeconds\":60} 5"),
                json("POST", streaming + "/api/videos/" + video + "/pause", token,
                        "{\"playbackId\":1,\"positionSeconds\":0}{\"x\":1}"),
                json("POST", users + "/api/auth/login", null, "{\"email\":\"a@b.co\",\"password\":\"x\"}[]"))) {
            answer.assertProblem(400);
            assertEquals("The request body must be one JSON value; something follows it", answer.detail(),
                    answer::toString);
        }
        assertEquals(before, count(token), "no video was registered from a refused body");
        // white space after the value is still one value
        assertEquals(201, json("POST", streaming + "/api/videos", token,
                "{\"title\":\"t\",\"durationSeconds\":60} \n").status());
    }

    private long count(String token) {
        Http.Answer mine = get(streaming + "/api/videos?limit=100&creatorId=" + creator.id(), token);
        return ((List<?>) readJson(mine.body()).get("items")).size();
    }

    // attack: bodies over 16 KiB were answered 413 with an empty body by Vert.x, before JAX-RS
    @Test
    void bodiesOverTheLimitAreProblemsOnEveryPostEndpointOfBothServices() throws Exception {
        String big = "{\"title\":\"" + "a".repeat(17 * 1024) + "\"}";
        String token = creator.accessToken();
        for (String url : List.of(users + "/api/users", users + "/api/auth/login", users + "/api/auth/refresh",
                users + "/api/auth/logout", streaming + "/api/videos", streaming + "/api/videos/" + video + "/play",
                streaming + "/api/videos/" + video + "/pause")) {
            Http.Answer answer = json("POST", url, token, big).assertProblem(413);
            assertTrue(answer.detail().contains("16384 bytes"), answer::toString);
            // the same body sent chunked (no Content-Length) is counted while it is read
            String[] chunked = chunked(url, token, big);
            assertTrue(chunked[0].startsWith("HTTP/1.1 413"), () -> url + " chunked: " + chunked[0]);
            assertTrue(chunked[1].contains("application/problem+json") && chunked[2].contains("16384 bytes"),
                    () -> url + " chunked: " + String.join("\n", chunked));
        }
        // a body at the limit is still read (and refused for its content, not its size)
        String atLimit = "{\"title\":\"" + "a".repeat(16 * 1024 - 40) + "\",\"durationSeconds\":60}";
        json("POST", streaming + "/api/videos", token, atLimit).assertProblem(400);
        String[] chunkedAtLimit = chunked(streaming + "/api/videos", token, atLimit);
        assertTrue(chunkedAtLimit[0].startsWith("HTTP/1.1 400"), () -> String.join("\n", chunkedAtLimit));
        // and a small chunked body works end to end
        String[] small = chunked(streaming + "/api/videos", token, "{\"title\":\"chunked\",\"durationSeconds\":60}");
        assertTrue(small[0].startsWith("HTTP/1.1 201"), () -> String.join("\n", small));
    }

    // seen in CI: a client still sending an over-the-limit body got a reset instead of its 413 when the server
    // closed the connection the moment it had answered (the late body bytes made the server's kernel reset the
    // connection, and the reset made the client's kernel drop the unread 413)
    @Test
    void aRefusedBodyThatKeepsArrivingAfterTheAnswerStillGetsTheAnswer() throws Exception {
        URI uri = URI.create(streaming + "/api/videos/" + video + "/play");
        int length = 1024 * 1024;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(uri, creator.accessToken(), length).getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            // the server has answered (its bytes wait unread) before the rest of the body is sent
            var in = socket.getInputStream();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (in.available() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(in.available() > 0, "the server answered while the body was still being sent");
            for (int sent = 1024; sent < length; sent += 64 * 1024) {
                out.write(new byte[Math.min(64 * 1024, length - sent)]);
            }
            out.flush();
            Thread.sleep(200); // any reset would have arrived by now
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("16384 bytes"), response);
        }
    }

    // ... but a client that announces a huge body and never sends it does not hold the connection open
    @Test
    void aRefusedBodyThatNeverArrivesDoesNotKeepTheConnectionOpen() throws Exception {
        URI uri = URI.create(streaming + "/api/videos/" + video + "/play");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(uri, creator.accessToken(), 1L << 40).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            // readAllBytes returns at the server's close, or throws at the socket timeout
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(seconds < 10, "the connection stayed open " + seconds + " s");
        }
    }

    // over HTTP/2 (h2c) a refused body ends its own stream only: no Connection header (HTTP/2 forbids it, clients
    // reject the answer), and the connection goes on serving the client's other requests
    @Test
    void aRefusedBodyOverHttp2EndsItsStreamNotTheConnection() throws Exception {
        java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        URI videoUri = URI.create(streaming + "/api/videos/" + video);
        java.net.http.HttpResponse<String> upgraded = h2.send(java.net.http.HttpRequest.newBuilder(videoUri)
                .header("Authorization", "Bearer " + creator.accessToken()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upgraded.statusCode(), upgraded.body());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, upgraded.version(), "the service speaks h2c");
        String big = "{\"title\":\"" + "a".repeat(17 * 1024) + "\"}";
        java.net.http.HttpResponse<String> refused = h2.send(java.net.http.HttpRequest.newBuilder(
                URI.create(streaming + "/api/videos")).header("Authorization", "Bearer " + creator.accessToken())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, refused.version());
        assertEquals(413, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("16384 bytes"), refused.body());
        assertTrue(refused.headers().firstValue("connection").isEmpty(), refused.headers().toString());
        java.net.http.HttpResponse<String> after = h2.send(java.net.http.HttpRequest.newBuilder(videoUri)
                .header("Authorization", "Bearer " + creator.accessToken()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, after.version());
    }

    private static String head(URI uri, String token, long contentLength) {
        return "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ':' + uri.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    // attack: malformed Authorization headers; every one must be a 401 problem, on every authenticated endpoint
    @Test
    void malformedAuthorizationHeadersAreProblemsOnEveryEndpointOfBothServices() {
        List<String> shapes = List.of("Bearer", "Bearer ", "Basic xyz", "Basic", "Bearer a.b", "Bearer a.b.c",
                "Bearer ..", "bearer x", "Digest x", "Bearer \u00ff\u00fe\u0080", "\u00ff\u00fe",
                "Bearer " + "a".repeat(6000), "Bearer " + creator.accessToken() + "x",
                "Bearer " + creator.accessToken().replace('.', '!'), "Bearer  " + creator.accessToken() + " extra");
        List<String[]> endpoints = List.of(
                new String[] {"POST", users + "/api/auth/logout"},
                new String[] {"GET", users + "/api/users/me"},
                new String[] {"POST", streaming + "/api/videos"},
                new String[] {"GET", streaming + "/api/videos/" + video},
                new String[] {"GET", streaming + "/api/videos?creatorId=" + creator.id()},
                new String[] {"POST", streaming + "/api/videos/" + video + "/play"},
                new String[] {"POST", streaming + "/api/videos/" + video + "/pause"},
                new String[] {"GET", streaming + "/api/stats/top?period=DAILY&date=2024-01-01"},
                new String[] {"GET", streaming + "/api/settlements?period=DAILY&date=2024-01-01"});
        for (String shape : shapes) {
            for (String[] endpoint : endpoints) {
                Map<String, String> headers = new HashMap<>();
                headers.put("Authorization", shape);
                headers.put("Content-Type", "application/json");
                Http.send(endpoint[0], endpoint[1], headers, "{}".getBytes(StandardCharsets.UTF_8))
                        .assertProblem(401);
            }
        }
    }

    // attack: NUL and lone surrogates in names were accepted and stored as something else ('?')
    @Test
    void controlCharactersAndBrokenCharactersInNamesAndTitlesAreRefused() {
        String token = creator.accessToken();
        for (String bad : List.of("a\\u0000b", "a\\ud800b", "a\\udc00", "\\ud83d", "line\\nbreak", "tab\\there",
                "\\u007f", "\\u0085", "a\\u2028b", "\\u001b[31mred",
                // bidirectional overrides and isolates reorder what is shown: "evil\u202egnp.exe" shows as "evilexe.png"
                "evil\\u202egnp.exe", "a\\u202ab", "a\\u2066b\\u2069")) {
            Http.Answer title = json("POST", streaming + "/api/videos", token,
                    "{\"title\":\"" + bad + "\",\"durationSeconds\":60}").assertProblem(400);
            assertTrue(title.detail().startsWith("title:"), title::toString);
            Http.Answer nickname = json("POST", users + "/api/users", null, "{\"email\":\"n-" + System.nanoTime()
                    + "@example.com\",\"password\":\"s3cret-password\",\"nickname\":\"" + bad
                    + "\",\"role\":\"VIEWER\"}").assertProblem(400);
            assertTrue(nickname.detail().startsWith("nickname:"), nickname::toString);
        }
        json("POST", streaming + "/api/videos", token,
                "{\"title\":\"t\",\"durationSeconds\":60,\"url\":\"https://x.example/\\u0000\"}").assertProblem(400);
        // any script and emoji (surrogate pairs, joiners) are names like others, and come back as sent
        String fine = "Ünïcode 한국어 👩\u200d💻 ok";
        Http.Answer created = json("POST", streaming + "/api/videos", token,
                "{\"title\":\"" + fine + "\",\"durationSeconds\":60}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(fine, readJson(created.body()).get("title"));
    }

    // attack: /api/videos/+1 and /api/videos/01 resolved to video 1
    @Test
    void onlyCanonicalVideoIdsNameAVideo() {
        String token = creator.accessToken();
        String id = Long.toString(video);
        assertEquals(200, get(streaming + "/api/videos/" + id, token).status());
        for (String alias : List.of("+" + id, "%2B" + id, "0" + id, "00" + id, id + ".0", "-" + id, "0", "-0",
                " " + id, "%20" + id, id + "%20", "99999999999999999999", "9223372036854775808", "1e3", "0x1")) {
            String path = alias.replace(" ", "%20");
            get(streaming + "/api/videos/" + path, token).assertProblem(404);
            Http.json("POST", streaming + "/api/videos/" + path + "/play", token, "").assertProblem(404);
            Http.json("POST", streaming + "/api/videos/" + path + "/pause", token,
                    "{\"playbackId\":1,\"positionSeconds\":1}").assertProblem(404);
        }
        for (String alias : List.of("%2B" + creator.id(), "0" + creator.id(), "-" + creator.id(), "%20" + creator.id(),
                "1.0", "99999999999999999999")) {
            get(streaming + "/api/videos?creatorId=" + alias, token).assertProblem(400);
        }
        assertEquals(200, get(streaming + "/api/videos?creatorId=" + creator.id(), token).status());
    }

    // attack: period=WEEKLY&date=+999999999-12-31 answered 500 on both report endpoints
    @Test
    void reportDatesOutsideTheSupportedRangeAreRefused() {
        String token = creator.accessToken();
        for (String endpoint : List.of("/api/stats/top", "/api/settlements")) {
            for (String period : Arrays.stream(StatPeriod.values()).map(Enum::name).toList()) {
                for (String date : List.of("%2B999999999-12-31", "-999999999-01-01", "+2024-01-01", "1999-12-31",
                        "0000-01-01", "9999-12-31", "10000-01-01", "2024-1-1", "2024-02-30", "%202024-01-01",
                        "2024-01-01T00:00", "20240101", "")) {
                    get(streaming + endpoint + "?period=" + period + "&date=" + date, token).assertProblem(400);
                }
                for (String date : List.of("2000-01-01", "2024-02-29", "9998-12-31")) {
                    Http.Answer answer = get(streaming + endpoint + "?period=" + period + "&date=" + date, token);
                    assertEquals(200, answer.status(), answer::toString);
                }
            }
        }
    }

    /** Sends {@code body} with Transfer-Encoding: chunked; returns {status line, headers, body}. */
    static String[] chunked(String url, String token, String body) throws Exception {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder()
                    .append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Authorization: Bearer ").append(token).append("\r\n")
                    .append("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                for (int offset = 0; offset < bytes.length; offset += 4096) {
                    int length = Math.min(4096, bytes.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException e) {
                // the server may answer and close before the whole body is sent; its answer is read below
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? response : response.substring(0, headersEnd);
            String statusLine = head.lines().findFirst().orElse("");
            return new String[] {statusLine, head.toLowerCase(), headersEnd < 0 ? "" : response.substring(headersEnd + 4)};
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
