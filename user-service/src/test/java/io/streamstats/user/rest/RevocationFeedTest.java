package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.user.support.Api;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RevocationFeedTest {

    @Test
    void loggedOutSessionAppearsInTheFeed() {
        Instant before = Instant.now().minusSeconds(1);
        var user = Api.newUser("VIEWER");
        String session = TokenRejectionTest.sessionOf(user.accessToken());
        given().header("X-Internal-Key", "test-internal-key").queryParam("since", before.toString())
                .get("/internal/revoked-sessions").then().statusCode(200)
                .body("sessions.sessionId", not(hasItem(session)));
        Api.logout(user.accessToken()).statusCode(204);
        given().header("X-Internal-Key", "test-internal-key").queryParam("since", before.toString())
                .get("/internal/revoked-sessions").then().statusCode(200)
                .body("complete", equalTo(true))
                .body("sessions.sessionId", hasItem(session));
    }

    @Test
    void feedNeedsTheInternalKeyAndAnInstant() {
        given().queryParam("since", Instant.now().toString()).get("/internal/revoked-sessions").then()
                .statusCode(401).contentType("application/problem+json");
        given().header("X-Internal-Key", "wrong").queryParam("since", Instant.now().toString())
                .get("/internal/revoked-sessions").then().statusCode(401);
        given().header("X-Internal-Key", "test-internal-key").queryParam("since", "yesterday")
                .get("/internal/revoked-sessions").then().statusCode(400).contentType("application/problem+json");
        given().header("X-Internal-Key", "test-internal-key")
                .get("/internal/revoked-sessions").then().statusCode(400);
    }
}
