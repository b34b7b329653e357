package io.streamstats.user.rest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.user.support.Api;
import io.streamstats.user.support.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rotated refresh token presented again within the grace (10 s) gets a pair; later it ends the session. */
@QuarkusTest
class RefreshGraceTest {

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // attack (on ourselves): two tabs or a client retry refreshing at once ended the whole session
    @Test
    void concurrentRefreshesWithOneTokenAllSucceed() throws Exception {
        var user = Api.newUser("VIEWER");
        int parallel = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<io.restassured.response.ExtractableResponse<io.restassured.response.Response>>> answers =
                    new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Api.refresh(user.refreshToken()).extract();
                }));
            }
            start.countDown();
            var refreshTokens = new HashSet<String>();
            for (var answer : answers) {
                var response = answer.get();
                assertEquals(200, response.statusCode(), response.body().asString());
                refreshTokens.add(response.path("refreshToken"));
                Api.me(response.path("accessToken")).statusCode(200);
            }
            assertEquals(parallel, refreshTokens.size(), "each refresh got a refresh token of its own");
            for (String token : refreshTokens) {
                Api.refresh(token).statusCode(200); // every sibling is valid (once)
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // attack: a copied refresh token replayed after its rotation must still end the session
    @Test
    void reuseAfterTheGraceEndsTheSession() {
        var user = Api.newUser("VIEWER");
        clock.freeze(); // the grace's edges exactly, whatever time the calls take
        var pair = Api.refresh(user.refreshToken()).statusCode(200).extract();
        String access = pair.path("accessToken");
        String successor = pair.path("refreshToken");

        clock.advance(Duration.ofMillis(9_999)); // 1 ms before the grace ends
        String sibling = Api.refresh(user.refreshToken()).statusCode(200).extract().path("refreshToken");

        clock.advance(Duration.ofMillis(1)); // 10 s after the rotation: the grace is over
        Api.refresh(user.refreshToken()).statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("already used"));
        Api.me(access).statusCode(401);
        Api.refresh(successor).statusCode(401).body("detail", containsString("ended"));
        Api.refresh(sibling).statusCode(401);
    }

    // presenting the token again within the grace must not move its rotation time (no endless grace)
    @Test
    void graceIsCountedFromTheFirstRotation() {
        var user = Api.newUser("VIEWER");
        clock.freeze();
        Api.refresh(user.refreshToken()).statusCode(200);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(3_000));
            Api.refresh(user.refreshToken()).statusCode(200); // at 3, 6, 9 s
        }
        clock.advance(Duration.ofMillis(1_000)); // 10 s after the first rotation, 1 s after the last presentation
        Api.refresh(user.refreshToken()).statusCode(401);
    }
}
