package io.streamstats.streaming.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP for hostile requests: exact bytes, any header, no client-side cleaning of what is sent. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    record Answer(String request, int status, String contentType, String body) {

        /** What every refusal must look like: a problem+json body with a detail a person can read. */
        String problemDefect() {
            if (status >= 500) {
                return "answered " + status;
            }
            if (status < 400) {
                return null;
            }
            if (!contentType.startsWith("application/problem+json")) {
                return "answered " + status + " as '" + contentType + "'";
            }
            try {
                JsonNode detail = JSON.readTree(body).get("detail");
                if (detail == null || !detail.isTextual() || detail.asText().isBlank()) {
                    return "answered " + status + " without a detail";
                }
            } catch (IOException e) {
                return "answered " + status + " with a body that is not JSON";
            }
            return null;
        }

        String detail() {
            try {
                return JSON.readTree(body).path("detail").asText();
            } catch (IOException e) {
                return "";
            }
        }

        Answer assertProblem(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> request + " -> " + this);
            String defect = problemDefect();
            assertTrue(defect == null, () -> request + " " + defect + ": " + body);
            return this;
        }
    }

    static Answer send(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        String described = method + " " + url + " " + headers.keySet() + " body=" + describe(body);
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(described, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            fail(described + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
        return null;
    }

    static Answer json(String method, String url, String token, String body) {
        Map<String, String> headers = token == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token);
        return send(method, url, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer get(String url, String token) {
        return send("GET", url, Map.of("Authorization", "Bearer " + token), null);
    }

    static String describe(byte[] body) {
        if (body == null) {
            return "none";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "…(" + body.length + " bytes)" : text;
    }

    static void assertNoProblemDefect(Answer answer) {
        String defect = answer.problemDefect();
        assertFalse(defect != null, () -> answer.request() + " " + defect + ": " + answer.body());
    }
}
