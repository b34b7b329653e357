package io.streamstats.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON over HTTP for the scenario, with just enough parsing for the fields it reads. */
final class Http {

    record Response(int status, String body) {
        long number(String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no " + field + " in " + body);
            }
            return Long.parseLong(m.group(1));
        }

        boolean flag(String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(true|false)").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no " + field + " in " + body);
            }
            return Boolean.parseBoolean(m.group(1));
        }

        String text(String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no " + field + " in " + body);
            }
            return m.group(1);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Response get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    Response post(String url, String token, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (json == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(builder, token);
    }

    /** Like {@link #post} but fails unless the status is the expected one. */
    Response expect(int status, Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + " (expected " + status + "): "
                    + response.body());
        }
        return response;
    }

    private Response send(HttpRequest.Builder builder, String token) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted");
        }
    }
}
