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
    void pagesContinueAfterTheLastSessionReturned() {
        Instant before = Instant.now().minusSeconds(1);
        java.util.Set<String> ended = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            var user = Api.newUser("VIEWER");
            ended.add(TokenRejectionTest.sessionOf(user.accessToken()));
            Api.logout(user.accessToken()).statusCode(204);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String since = before.toString();
        String after = "";
        for (int page = 0; page < 50; page++) {
            var body = given().header("X-Internal-Key", "test-internal-key").queryParam("since", since)
                    .queryParam("afterSessionId", after).queryParam("limit", 1)
                    .get("/internal/revoked-sessions").then().statusCode(200).extract().jsonPath();
            java.util.List<String> ids = body.getList("sessions.sessionId");
            seen.addAll(ids);
            if (body.getBoolean("complete")) {
                break;
            }
            since = body.getString("sessions[0].revokedAt");
            after = ids.get(0);
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen.containsAll(ended), "every ended session, one per page");
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
        given().header("X-Internal-Key", "test-internal-key").queryParam("since", Instant.now().toString())
                .queryParam("limit", 0).get("/internal/revoked-sessions").then().statusCode(400);
    }
}
