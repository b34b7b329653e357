package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static io.streamstats.user.support.Api.PASSWORD;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.streamstats.user.support.ManualTicker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-ups per client address (burst 3, one back per hour here). Behind a trusted proxy, so each test speaks from
 * addresses of its own via X-Forwarded-For; the limits' time is frozen and stepped ({@link ManualTicker}).
 */
@QuarkusTest
@TestProfile(SignUpThrottleTest.ThreePerAddress.class)
public class SignUpThrottleTest {

    static final AtomicLong SEQ = new AtomicLong(System.nanoTime());

    @Inject
    ManualTicker ticker;

    public static class ThreePerAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "platform.signup-throttle.burst", "3",
                    "platform.signup-throttle.refill", "PT1H",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @BeforeEach
    void freeze() {
        ticker.freeze();
    }

    @AfterEach
    void release() {
        ticker.release();
    }

    static ValidatableResponse signUp(String from, String email) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "nickname", "n", "role", "VIEWER"))
                .post("/api/users").then();
    }

    static String email() {
        return "signup-" + SEQ.incrementAndGet() + "@example.com";
    }

    // attack: 60 accounts in 4.8 s from one address, each a new viewer the contract credits (a view, the first ad)
    @Test
    void anAddressSignsUpItsBurstThenWaits() {
        String from = "198.51.100.7";
        for (int i = 0; i < 3; i++) {
            signUp(from, email()).statusCode(201);
        }
        String retryAfter = signUp(from, email()).statusCode(429)
                .contentType(equalTo("application/problem+json"))
                .body("detail", containsString("Too many sign-ups from your network address"))
                .extract().header("Retry-After");
        // one comes back per hour: 3600 s, to the second
        org.junit.jupiter.api.Assertions.assertEquals("3600", retryAfter);
        // another address is not held back by this one
        signUp("198.51.100.8", email()).statusCode(201);
        // an IPv6 subscriber's /64 is one address
        for (int i = 0; i < 3; i++) {
            signUp("2001:db8:1:2::" + (i + 1), email()).statusCode(201);
        }
        signUp("2001:db8:1:2:ffff::9", email()).statusCode(429);
        // the budget refills: 1 ms short of an hour still refused, then one more
        ticker.advance(Duration.ofHours(1).minusMillis(1));
        signUp(from, email()).statusCode(429);
        ticker.advance(Duration.ofMillis(1));
        signUp(from, email()).statusCode(201);
        signUp(from, email()).statusCode(429);
    }

    static ValidatableResponse signUp(String from, String email, String password) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "nickname", "n", "role", "VIEWER"))
                .post("/api/users").then();
    }

    @Test
    void refusedSignUpsCostNothingAndDuplicatesDo() {
        String from = "198.51.100.20";
        for (int i = 0; i < 5; i++) {
            // refused by bean validation, before the limit is asked
            signUp(from, "not-an-email").statusCode(400);
            // refused inside the sign-up, after the limit took one (40 characters, 80 UTF-8 bytes: bcrypt would
            // ignore the rest): the budget is given back
            signUp(from, email(), "\u00e9".repeat(40)).statusCode(400)
                    .body("detail", containsString("at most 72 bytes"));
        }
        String taken = email();
        signUp(from, taken).statusCode(201);
        // a duplicate email costs one: trying addresses is what the limit bounds
        signUp(from, taken).statusCode(409);
        signUp(from, email()).statusCode(201);
        signUp(from, email()).statusCode(429);
    }
}
