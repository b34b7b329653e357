package io.streamstats.user.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.user.support.Api;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content negotiation over a real socket (java.net.http, which adds no Accept of its own): an Accept that lists
 * application/problem+json (what a generated client sends when an operation's only JSON type is an error's), or
 * application/json, or any type, or nothing, gets the operation's answer; an error is problem+json whatever was
 * asked; 406 only for a type no operation produces.
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
        String email = Api.uniqueEmail("accept");
        var signedUp = send("POST", "api/users", accept, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD + "\",\"nickname\":\"n\",\"role\":\"VIEWER\"}");
        assertAnswer(201, "application/json", signedUp);
        var login = send("POST", "api/auth/login", accept, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD + "\"}");
        assertAnswer(200, "application/json", login);
        String token = io.restassured.path.json.JsonPath.from(login.body()).getString("accessToken");
        assertAnswer(200, "application/json", send("GET", "api/users/me", accept, token, null));
        // no body: a generated client asks for problem+json here (the only type the operation's document lists)
        assertAnswer(204, null, send("POST", "api/auth/logout", accept, token, null));

        assertAnswer(400, "application/problem+json", send("POST", "api/users", accept, null, "{}"));
        assertAnswer(401, "application/problem+json", send("GET", "api/users/me", accept, token, null));
        assertAnswer(401, "application/problem+json", send("POST", "api/auth/logout", accept, null, null));
        assertAnswer(404, "application/problem+json", send("GET", "api/nothing-here", accept, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "text/html", "application/xml"})
    void aTypeNoOperationProducesIs406AsProblemJson(String accept) throws Exception {
        var refused = send("POST", "api/auth/login", accept, null, "{\"email\":\"a@example.com\",\"password\":\"x\"}");
        assertAnswer(406, "application/problem+json", refused);
        assertTrue(refused.body().contains("Accept"), refused.body());
        assertAnswer(406, "application/problem+json", send("POST", "api/users", accept, null, "{}"));
        // logout answers no body, so no Accept is refused (it was 406, which its document does not list)
        String email = Api.uniqueEmail("accept-logout");
        send("POST", "api/users", "", null, "{\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD
                + "\",\"nickname\":\"n\",\"role\":\"VIEWER\"}");
        String token = io.restassured.path.json.JsonPath.from(send("POST", "api/auth/login", "", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD + "\"}").body()).getString("accessToken");
        assertAnswer(204, null, send("POST", "api/auth/logout", accept, token, null));
    }

    private HttpResponse<String> send(String method, String path, String accept, String token, String json)
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
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertAnswer(int status, String mediaType, HttpResponse<String> response) {
        String what = response.request().method() + " " + response.request().uri().getPath() + " with Accept "
                + response.request().headers().firstValue("Accept").orElse("(none)") + " → " + response.statusCode()
                + " " + response.headers().firstValue("Content-Type").orElse("(no type)") + " " + response.body();
        assertEquals(status, response.statusCode(), what);
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse(null);
        assertEquals(mediaType, type, what);
    }
}
