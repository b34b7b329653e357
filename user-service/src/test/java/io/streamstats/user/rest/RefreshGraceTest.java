package io.streamstats.user.rest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.user.support.Api;
import io.streamstats.user.support.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A refresh token works once ("the old refresh token stops working"). Presented again within the grace (10 s) of its
 * rotation it is refused and the session goes on; presented later it ends the session.
 */
@QuarkusTest
class RefreshGraceTest {

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // attack: one refresh token presented many times at once must give exactly one pair (an earlier release answered
    // each with a pair of its own), and a racing request must not end the owner's session
    @Test
    void concurrentRefreshesWithOneTokenGiveExactlyOnePair() throws Exception {
        var user = Api.newUser("VIEWER");
        int parallel = 8;
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
            List<String> pairs = new ArrayList<>();
            String winner = null;
            for (var answer : answers) {
                var response = answer.get();
                if (response.statusCode() == 200) {
                    pairs.add(response.path("refreshToken"));
                    winner = response.path("accessToken");
                } else {
                    assertEquals(401, response.statusCode(), response.body().asString());
                    assertEquals(true, response.body().asString().contains("already used; use the refresh token that"
                            + " replaced it"), response.body().asString());
                }
            }
            assertEquals(1, pairs.size(), "exactly one refresh got a pair");
            // the session goes on with that pair
            Api.me(winner).statusCode(200);
            Api.refresh(pairs.getFirst()).statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    // attack: a copied refresh token replayed after its rotation must end the session; within the grace it is refused
    @Test
    void reuseWithinTheGraceIsRefusedAndAfterItEndsTheSession() {
        var user = Api.newUser("VIEWER");
        clock.freeze(); // the grace's edges exactly, whatever time the calls take
        var pair = Api.refresh(user.refreshToken()).statusCode(200).extract();
        String access = pair.path("accessToken");
        String successor = pair.path("refreshToken");

        clock.advance(Duration.ofMillis(9_999)); // 1 ms before the grace ends
        Api.refresh(user.refreshToken()).statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("use the refresh token that replaced it"));
        Api.me(access).statusCode(200); // the session goes on

        clock.advance(Duration.ofMillis(1)); // 10 s after the rotation: the grace is over
        Api.refresh(user.refreshToken()).statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("the session has been ended"));
        Api.me(access).statusCode(401);
        Api.refresh(successor).statusCode(401).body("detail", containsString("ended"));
    }

    // presenting the token again within the grace must not move its rotation time (no endless grace)
    @Test
    void graceIsCountedFromTheFirstRotation() {
        var user = Api.newUser("VIEWER");
        clock.freeze();
        String successor = Api.refresh(user.refreshToken()).statusCode(200).extract().path("refreshToken");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(3_000));
            Api.refresh(user.refreshToken()).statusCode(401); // at 3, 6, 9 s: refused, the session goes on
        }
        clock.advance(Duration.ofMillis(1_000)); // 10 s after the first rotation, 1 s after the last presentation
        Api.refresh(user.refreshToken()).statusCode(401).body("detail", containsString("the session has been ended"));
        Api.refresh(successor).statusCode(401).body("detail", containsString("ended"));
    }
}
