package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The creator studio's files are revalidated (not cached for a day) and cannot be framed by another site. */
@QuarkusTest
class StudioHeadersTest {

    @Test
    void theStudioIsRevalidatedAndNotFramed() {
        for (String path : List.of("/studio/", "/studio/index.html", "/studio/studio.js", "/studio/studio.css")) {
            Response response = given().get(path);
            response.then().statusCode(200)
                    .header("Cache-Control", equalTo("no-cache"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", not(containsString("unsafe")));
            // unchanged: a revalidation answers 304 from the validator the first answer carried
            String lastModified = response.header("Last-Modified");
            String etag = response.header("ETag");
            var again = given();
            if (etag != null) {
                again.header("If-None-Match", etag);
            } else {
                again.header("If-Modified-Since", lastModified);
            }
            again.get(path).then().statusCode(304);
        }
        // the settings keep no-store (they name user-service, which a release may move)
        given().get("/studio/config.json").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("X-Frame-Options", equalTo("DENY"));
        // user-service named with a path: the policy names its origin, which a path-exact source would not cover
        org.junit.jupiter.api.Assertions.assertEquals("https://users.example.com:8443",
                StudioHeaders.origin("https://users.example.com:8443/users/"));
        org.junit.jupiter.api.Assertions.assertEquals("http://localhost:8081", StudioHeaders.origin("http://localhost:8081"));
        // the API is not the studio's: its headers are its own
        given().get("/api/videos/1").then().statusCode(401).header("Content-Security-Policy", (String) null);
    }
}
