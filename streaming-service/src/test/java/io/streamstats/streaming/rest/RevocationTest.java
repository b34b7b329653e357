package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.streaming.support.Users;
import org.junit.jupiter.api.Test;

/** A logout at user-service is honoured here within the documented bound (poll interval, 1 s, plus a request). */
@QuarkusTest
class RevocationTest {

    @Test
    void logoutAtUserServiceIsRefusedHereWithinTwoSeconds() throws InterruptedException {
        Users.User viewer = Users.create("VIEWER");
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", 1).get("/api/videos").then()
                .statusCode(200);
        Users.logout(viewer);
        long loggedOutAt = System.nanoTime();
        int status = 200;
        while (status != 401 && System.nanoTime() - loggedOutAt < 5_000_000_000L) {
            status = given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", 1).get("/api/videos")
                    .statusCode();
            if (status != 401) {
                Thread.sleep(50);
            }
        }
        long millis = (System.nanoTime() - loggedOutAt) / 1_000_000;
        assertEquals(401, status, "the logged-out token is refused");
        assertTrue(millis <= 2_000, "refused after " + millis + " ms; the documented bound is 2 s");
    }
}
