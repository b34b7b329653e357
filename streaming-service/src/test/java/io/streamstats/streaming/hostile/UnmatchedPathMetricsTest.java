package io.streamstats.streaming.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.streamstats.streaming.support.Users;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Attack: anonymous requests with made-up paths and wrong methods ({@code DELETE /api/videos/123abc},
 * {@code PUT /random/path}) put the raw path into the {@code uri} tag of the HTTP server metrics: 300 requests
 * grew /q/metrics from 4,403 to 10,883 series. Unmatched requests must share one tag value, on both services.
 */
@QuarkusTest
class UnmatchedPathMetricsTest {

    private static final Pattern URI_TAG = Pattern.compile("^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"",
            Pattern.MULTILINE);

    @Test
    void madeUpPathsDoNotGrowTheMetricsOfEitherService() {
        String streaming = "http://localhost:" + RestAssured.port;
        String users = Users.userServiceUrl();
        Users.User viewer = Users.create("VIEWER");
        // matched templates, so that they show below
        assertEquals(404, Http.get(streaming + "/api/videos/987654321", viewer.accessToken()).status());
        assertEquals(200, Http.get(users + "/api/users/me", viewer.accessToken()).status());

        for (String base : List.of(streaming, users)) {
            Set<String> before = uriTags(base);
            String marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 40; i++) {
                String unique = marker + i;
                List<String[]> requests = List.of(
                        new String[] {"DELETE", "/api/videos/" + unique},
                        new String[] {"PUT", "/random/" + unique},
                        new String[] {"PATCH", "/api/users/" + unique},
                        new String[] {"GET", "/" + unique},
                        new String[] {"POST", "/api/videos/" + unique + "/rewind"},
                        new String[] {"DELETE", "/q/" + unique},
                        new String[] {"TRACE", "/api/auth/" + unique});
                for (String[] request : requests) {
                    Http.Answer answer = Http.send(request[0], base + request[1], Map.of(),
                            "x".getBytes(StandardCharsets.UTF_8));
                    assertTrue(answer.status() >= 400 && answer.status() < 500, answer::toString);
                }
                // a matched path whose body type is wrong (415) is not a template match either
                Http.send("POST", base + "/api/videos/" + unique + "/pause", Map.of("Content-Type", "text/plain",
                        "Authorization", "Bearer " + viewer.accessToken()), "x".getBytes(StandardCharsets.UTF_8));
            }
            Set<String> after = uriTags(base);
            Set<String> added = new TreeSet<>(after);
            added.removeAll(before);
            assertTrue(after.stream().noneMatch(uri -> uri.contains(marker)), () -> base + ": raw paths in " + after);
            assertTrue(added.size() <= 3, () -> base + ": 320 made-up requests added the uri values " + added);
            assertTrue(after.contains("/UNMATCHED"), () -> base + ": " + after);
        }
        assertTrue(uriTags(streaming).contains("/api/videos/{id}"), () -> "templates still show: " + uriTags(streaming));
        assertTrue(uriTags(users).contains("/api/users/me"), () -> "templates still show: " + uriTags(users));
    }

    private static Set<String> uriTags(String base) {
        String metrics = Http.send("GET", base + "/q/metrics", Map.of(), null).body();
        Set<String> uris = new TreeSet<>();
        Matcher matcher = URI_TAG.matcher(metrics);
        while (matcher.find()) {
            uris.add(matcher.group(1));
        }
        return uris;
    }
}
