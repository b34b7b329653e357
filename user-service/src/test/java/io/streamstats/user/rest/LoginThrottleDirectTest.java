package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.streamstats.user.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not behind a trusted proxy (the default): X-Forwarded-For is the client's own claim and is ignored. Attack
 * replayed: a client sends a new X-Forwarded-For with every wrong login to get a fresh per-address budget.
 */
@QuarkusTest
@TestProfile(LoginThrottleDirectTest.Direct.class)
public class LoginThrottleDirectTest {

    public static class Direct implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.login-throttle.address.failure-burst", "6",
                    "platform.login-throttle.address.failure-refill", "PT1H");
        }
    }

    @Test
    public void aForgedForwardedForDoesNotEvadeTheAddressLimit() {
        for (int i = 0; i < 6; i++) {
            given().header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=203.0.113." + i)
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", Api.uniqueEmail("forged"), "password", "wrong-password"))
                    .post("/api/auth/login").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.51.100.99").contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("forged"), "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(429)
                .contentType(equalTo("application/problem+json"))
                .header("Retry-After", notNullValue());
    }
}
