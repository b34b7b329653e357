package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

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

    /**
     * A new reader's first poll asks without 'since' and gets every session a still-valid token may belong to: those
     * ended within the access-token lifetime (15 min) plus the skew allowance, derived here, not a second setting.
     */
    @Test
    void withoutSinceTheFeedCoversTheAccessTokenLifetime() throws Exception {
        var recent = Api.newUser("VIEWER");
        var old = Api.newUser("VIEWER");
        String recentSession = TokenRejectionTest.sessionOf(recent.accessToken());
        String oldSession = TokenRejectionTest.sessionOf(old.accessToken());
        Api.logout(recent.accessToken()).statusCode(204);
        Api.logout(old.accessToken()).statusCode(204);
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "UPDATE user_sessions SET revoked_at = revoked_at - INTERVAL 16 MINUTE WHERE id = ?")) {
            ps.setString(1, oldSession);
            org.junit.jupiter.api.Assertions.assertEquals(1, ps.executeUpdate());
        }
        given().header("X-Internal-Key", "test-internal-key").get("/internal/revoked-sessions").then()
                .statusCode(200).body("sessions.sessionId", hasItem(recentSession))
                .body("sessions.sessionId", not(hasItem(oldSession)));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @jakarta.inject.Inject
    io.streamstats.user.support.MutableClock clock;

    /**
     * A user-service pod whose clock is an hour behind used to stamp a logout an hour in the past: a reader whose
     * cursor is at "now" never saw it, and the session's tokens passed elsewhere until they expired. Revocations
     * are stamped by the database's clock now.
     */
    @Test
    void aLogoutOnAPodWithASkewedClockIsStillInTheFeed() {
        Instant readerCursor = Instant.now().minusSeconds(2);
        var user = Api.newUser("VIEWER");
        String session = TokenRejectionTest.sessionOf(user.accessToken());
        try {
            clock.advance(java.time.Duration.ofHours(-1));
            Api.logout(user.accessToken()).statusCode(204);
        } finally {
            clock.reset();
        }
        var feed = given().header("X-Internal-Key", "test-internal-key").queryParam("since", readerCursor.toString())
                .get("/internal/revoked-sessions").then().statusCode(200)
                .body("sessions.sessionId", hasItem(session)).extract().jsonPath();
        Instant refuseUntil = Instant.parse(feed.getString("sessions.find { it.sessionId == '" + session
                + "' }.refuseUntil"));
        org.junit.jupiter.api.Assertions.assertTrue(refuseUntil.isAfter(Instant.now().plusSeconds(14 * 60)),
                "refused until " + refuseUntil + ", the token lifetime from the real logout");
        Instant serverTime = Instant.parse(feed.getString("serverTime"));
        org.junit.jupiter.api.Assertions.assertTrue(
                java.time.Duration.between(serverTime, Instant.now()).abs().getSeconds() < 60, "server time " + serverTime);
    }

    @Test
    void feedNeedsTheInternalKeyAndAnInstant() {
        given().queryParam("since", Instant.now().toString()).get("/internal/revoked-sessions").then()
                .statusCode(401).contentType("application/problem+json");
        given().header("X-Internal-Key", "wrong").queryParam("since", Instant.now().toString())
                .get("/internal/revoked-sessions").then().statusCode(401);
        given().header("X-Internal-Key", "test-internal-key").queryParam("since", "yesterday")
                .get("/internal/revoked-sessions").then().statusCode(400).contentType("application/problem+json");
        // instants that parse but that the database column cannot hold (the far one once answered 500)
        for (String outOfRange : new String[] {"+999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z"}) {
            given().header("X-Internal-Key", "test-internal-key").queryParam("since", outOfRange)
                    .get("/internal/revoked-sessions").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", startsWith("since: must be an ISO-8601 instant from 1970"));
        }
        for (String last : new String[] {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z"}) {
            given().header("X-Internal-Key", "test-internal-key").queryParam("since", last)
                    .get("/internal/revoked-sessions").then().statusCode(200).body("sessions.size()", equalTo(0));
        }
        given().header("X-Internal-Key", "test-internal-key").queryParam("since", Instant.now().toString())
                .queryParam("limit", 0).get("/internal/revoked-sessions").then().statusCode(400);
    }
}
