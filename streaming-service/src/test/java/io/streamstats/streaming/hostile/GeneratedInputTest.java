package io.streamstats.streaming.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.streamstats.devkit.ServiceProcess;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.support.UserServiceTestResource;
import io.streamstats.streaming.support.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input against every endpoint of both services: random and edge-case bodies, query values,
 * path ids and Authorization headers. No answer may be a 5xx, and every 4xx must be problem+json with a detail.
 * <p>
 * jqwik's {@code @Property} methods run on jqwik's own JUnit engine, outside the Quarkus JUnit extension (no
 * application would be started for them), so its generators are driven here from a plain {@code @QuarkusTest}
 * with a fixed seed ({@code -Dfuzz.seed=N} to explore others); a failure names the seed and the request.
 * Logins go to a user-service instance of this test's own, so the failed logins it generates do not use up the
 * login budget of the instance other tests share.
 */
@QuarkusTest
class GeneratedInputTest {

    static final int TRIES_PER_ENDPOINT = 200;
    static final long SEED = Long.getLong("fuzz.seed", 20_240_917L);

    static ServiceProcess ownUserService;

    @BeforeAll
    static void startOwnUserService() {
        ownUserService = UserServiceTestResource.startUserService("users_for_generated_input_test");
    }

    @AfterAll
    static void stopOwnUserService() {
        if (ownUserService != null) {
            ownUserService.stop();
        }
    }

    record Endpoint(String method, String base, String pathTemplate, List<String> fields, List<String> queryNames) {
    }

    @Test
    void noGeneratedRequestIsAnsweredWith5xxOrAnEmptyRefusal() {
        String users = ownUserService.baseUrl();
        String streaming = "http://localhost:" + RestAssured.port;
        Users.User creator = Users.create(users, "CREATOR");
        Users.User viewer = Users.create(users, "VIEWER");
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", users, "/api/users", List.of("email", "password", "nickname", "role"), List.of()),
                new Endpoint("POST", users, "/api/auth/login", List.of("email", "password"), List.of()),
                new Endpoint("POST", users, "/api/auth/refresh", List.of("refreshToken"), List.of()),
                new Endpoint("POST", users, "/api/auth/logout", List.of(), List.of()),
                new Endpoint("GET", users, "/api/users/me", List.of(), List.of()),
                new Endpoint("POST", streaming, "/api/videos", List.of("title", "durationSeconds", "url"), List.of()),
                new Endpoint("GET", streaming, "/api/videos/{id}", List.of(), List.of()),
                new Endpoint("GET", streaming, "/api/videos", List.of(), List.of("creatorId", "afterId", "limit")),
                new Endpoint("POST", streaming, "/api/videos/{id}/play", List.of(), List.of()),
                new Endpoint("POST", streaming, "/api/videos/{id}/pause", List.of("playbackId", "positionSeconds"),
                        List.of()),
                new Endpoint("GET", streaming, "/api/stats/top", List.of(), List.of("period", "date", "by", "scope")),
                new Endpoint("GET", streaming, "/api/settlements", List.of(), List.of("period", "date")),
                new Endpoint("GET", streaming, "/api/settlements/statement", List.of(), List.of("month", "from", "to")));

        List<String> failures = new ArrayList<>();
        JqwikSession.start();
        try {
            Random random = new Random(SEED);
            RandomGenerator<String> text = hostileText().generatorWithEmbeddedEdgeCases(1000);
            RandomGenerator<String> values = jsonValue().generatorWithEmbeddedEdgeCases(1000);
            RandomGenerator<String> ids = pathId().generatorWithEmbeddedEdgeCases(1000);
            RandomGenerator<String> authorization = authorization(List.of(creator.accessToken(),
                    viewer.accessToken())).generatorWithEmbeddedEdgeCases(1000);
            RandomGenerator<String> contentTypes = Arbitraries.of("application/json", "application/json",
                    "text/plain", "application/json; charset=UTF-16", "application/xml", "*/*", "",
                    "application/problem+json").generator(1000);
            Function<RandomGenerator<String>, String> next = generator -> generator.next(random).value();

            for (Endpoint endpoint : endpoints) {
                for (int i = 0; i < TRIES_PER_ENDPOINT; i++) {
                    String path = endpoint.pathTemplate().replace("{id}", URLEncoder.encode(
                            random.nextInt(3) == 0 ? "1" : next.apply(ids), StandardCharsets.UTF_8));
                    StringBuilder query = new StringBuilder();
                    for (String name : endpoint.queryNames()) {
                        if (random.nextInt(5) > 0) {
                            query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(URLEncoder
                                    .encode(queryValue(name, random, next.apply(text)), StandardCharsets.UTF_8));
                        }
                    }
                    Map<String, String> headers = new HashMap<>();
                    String auth = next.apply(authorization);
                    if (!auth.isEmpty()) {
                        headers.put("Authorization", auth);
                    }
                    String contentType = next.apply(contentTypes);
                    if (!contentType.isEmpty()) {
                        headers.put("Content-Type", contentType);
                    }
                    byte[] body = body(endpoint.fields(), random, next, text, values);
                    Http.Answer answer;
                    try {
                        answer = Http.send(endpoint.method(), endpoint.base() + path + query, headers, body);
                    } catch (IllegalArgumentException notSendable) {
                        continue; // a header value the HTTP client itself refuses to send
                    }
                    String defect = answer.problemDefect();
                    if (defect != null) {
                        failures.add(defect + " to " + answer.request() + " headers=" + headers + " -> "
                                + answer.body());
                    }
                }
            }
        } finally {
            JqwikSession.finish();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers (seed " + SEED + "), first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(15, failures.size()))));
    }

    /** Strings a client should never send: every character class, lone surrogates, numbers in odd spellings. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789+-.eE ").ofMinLength(1).ofMaxLength(25),
                Arbitraries.of("", " ", "\u0000", "\ud800", "\udfff", "\ud83d\ude00", "a\u2028b", "\u202e",
                        "null", "-1", "0", "+1", "01", "1e9", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775808", "NaN", "DAILY", "YEARLY", "VIEWS", "PLAY_TIME", "MINE",
                        "ALL", "VIEWER", "CREATOR", "ADMIN", "+999999999-12-31", "2024-02-29", "2024-02-30",
                        "9999-12-31", "0000-00-00", "https://example.com/v", "javascript:alert(1)", "a@b.co",
                        "ADA@EXAMPLE.COM", "a@b", "@", "'; DROP TABLE users; --", "../../etc/passwd", "%00",
                        "<script>", "x".repeat(300), "s3cret-password", "\u00e9\u0301", "\ufeff"));
    }

    static Arbitrary<String> jsonValue() {
        return Arbitraries.oneOf(
                hostileText().map(GeneratedInputTest::quoted),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-10, 100_000).map(String::valueOf),
                Arbitraries.of("true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1}", "1.5", "-0", "1e400",
                        "1E2", "0.0000001", "12345678901234567890123", "\"\\u0000\"", "\"\\ud800\"", "[\"x\"]"));
    }

    static Arbitrary<String> pathId() {
        return Arbitraries.oneOf(hostileText(), Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("1", "+1", "01", "-1", "0", "1.0", "99999999999999999999", " 1", "1 ", "%2F"));
    }

    static Arbitrary<String> authorization(List<String> tokens) {
        Arbitrary<String> token = Arbitraries.of(tokens);
        // printable ASCII and Latin-1 only: control characters are refused by the HTTP codec (see HttpEdge)
        Arbitrary<String> junk = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff')
                .ofMaxLength(60);
        return Arbitraries.oneOf(
                token.map(t -> "Bearer " + t),
                token.map(t -> "Bearer " + t),
                Arbitraries.of("", "Bearer", "Bearer ", "Basic xyz", "Bearer a.b", "Bearer a.b.c", "bearer x",
                        "Digest x"),
                junk.map(j -> "Bearer " + j),
                junk,
                token.map(t -> "Bearer " + t.substring(0, t.length() / 2)),
                token.map(t -> "Bearer " + t.replace('.', '!')));
    }

    /** Mostly plausible values for the query names the endpoints read, otherwise hostile text. */
    static String queryValue(String name, Random random, String hostile) {
        if (random.nextBoolean()) {
            return hostile;
        }
        return switch (name) {
            // every period the API takes, so a new one is fuzzed without an edit here
            case "period" -> StatPeriod.values()[random.nextInt(StatPeriod.values().length)].name();
            case "date" -> (1990 + random.nextInt(8020)) + "-" + String.format("%02d-%02d", 1 + random.nextInt(12),
                    1 + random.nextInt(31));
            case "by" -> random.nextBoolean() ? "VIEWS" : "PLAY_TIME";
            case "scope" -> random.nextBoolean() ? "ALL" : "MINE";
            // around today, so that some ranges and months are valid, some in the future, some too long
            case "month" -> (1995 + random.nextInt(40)) + "-" + String.format("%02d", 1 + random.nextInt(12));
            case "from", "to" -> (2024 + random.nextInt(4)) + "-" + String.format("%02d-%02d", 1 + random.nextInt(12),
                    1 + random.nextInt(28));
            default -> Long.toString(random.nextInt(2000));
        };
    }

    /** A JSON object over the endpoint's fields (some missing, some repeated, some extra), or raw junk. */
    static byte[] body(List<String> fields, Random random, Function<RandomGenerator<String>, String> next,
                       RandomGenerator<String> text, RandomGenerator<String> values) {
        switch (random.nextInt(8)) {
            case 0:
                return null;
            case 1:
                return next.apply(text).getBytes(StandardCharsets.UTF_8);
            case 2: {
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                return bytes;
            }
            default: {
                List<String> names = new ArrayList<>(fields);
                if (random.nextInt(4) == 0) {
                    names.add(next.apply(text));
                }
                StringBuilder json = new StringBuilder("{");
                for (String name : names) {
                    if (random.nextInt(6) == 0) {
                        continue;
                    }
                    int times = random.nextInt(12) == 0 ? 2 : 1;
                    for (int t = 0; t < times; t++) {
                        if (json.length() > 1) {
                            json.append(',');
                        }
                        json.append(quoted(name)).append(':').append(next.apply(values));
                    }
                }
                json.append('}');
                String result = random.nextInt(15) == 0 ? json.substring(0, random.nextInt(json.length()))
                        : json.toString();
                return result.getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c)); // lone surrogates travel escaped, as JSON allows
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
