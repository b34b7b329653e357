package io.streamstats.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What ./platform checks of the creator studio before it prints the URL: the page is served, its config names
 * user-service, and user-service answers a CORS preflight from the page's origin (the services run on two ports).
 */
record StudioCheck(String url, int pageStatus, String userServiceUrl, String allowedOrigin) {

    static StudioCheck run(String streamingBaseUrl, String userServiceBaseUrl) {
        String url = streamingBaseUrl + "/studio/";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            int page = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            String config = new Http().get(streamingBaseUrl + "/studio/config.json", null).text("userServiceUrl");
            HttpResponse<Void> preflight = client.send(HttpRequest.newBuilder(
                            URI.create(userServiceBaseUrl + "/api/auth/login"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", streamingBaseUrl)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.discarding());
            return new StudioCheck(url, page, config,
                    preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException("the creator studio check failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted");
        }
    }

    /** Null when the page can sign in; else what is wrong. */
    String problem(String streamingBaseUrl, String userServiceBaseUrl) {
        if (pageStatus != 200) {
            return url + " answered " + pageStatus;
        }
        if (!userServiceBaseUrl.equals(userServiceUrl)) {
            return "the studio's config names " + userServiceUrl + ", not " + userServiceBaseUrl;
        }
        if (!streamingBaseUrl.equals(allowedOrigin)) {
            return "user-service does not allow the studio's origin " + streamingBaseUrl + " (CORS)";
        }
        return null;
    }
}
