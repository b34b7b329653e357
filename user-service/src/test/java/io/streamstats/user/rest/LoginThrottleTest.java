package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static io.streamstats.user.support.Api.PASSWORD;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.streamstats.user.support.Api;
import io.streamstats.user.support.ManualTicker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Login limits, replaying password guessing and a flood of wrong logins. The service runs as if behind a trusted
 * proxy (forwarding on, 127.0.0.1 trusted), so each test speaks from its own client address via X-Forwarded-For.
 * Whether a refusal ran bcrypt is read from the service's own counter of password checks (auth_password_checks_total
 * on /q/metrics), not from answer times, which vary with the machine's load. The back-off is stepped through with
 * the limits' time frozen and advanced ({@link ManualTicker}): its waits are then exact, not a race with the machine.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.BehindTrustedProxy.class)
public class LoginThrottleTest {

    @Inject
    ManualTicker ticker;

    @AfterEach
    void releaseTicker() {
        ticker.release();
    }

    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("platform.login-throttle.address.failure-burst", "10"),
                    Map.entry("platform.login-throttle.address.failure-refill", "PT1H"),
                    Map.entry("platform.login-throttle.account.free-failures", "3"),
                    Map.entry("platform.login-throttle.account.first-delay", "PT1S"),
                    Map.entry("platform.login-throttle.account.max-delay", "PT4S"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1"));
        }
    }

    static ValidatableResponse login(String from, String email, String password) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then();
    }

    /** 429 with a problem body and Retry-After in whole seconds, between the bounds given. */
    static void assertTooMany(ValidatableResponse response, int minRetryAfter, int maxRetryAfter) {
        String retryAfter = response.statusCode(429)
                .contentType(equalTo("application/problem+json"))
                .body("status", equalTo(429))
                .body("detail", containsString("try again"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= minRetryAfter && seconds <= maxRetryAfter,
                "Retry-After " + seconds + " outside " + minRetryAfter + ".." + maxRetryAfter);
    }

    /** The service's count of bcrypt password checks so far, from its Prometheus endpoint. */
    static double passwordChecks() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("auth_password_checks_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no auth_password_checks_total on /q/metrics"));
    }

    @Test
    public void floodOfWrongLoginsFromOneAddressIsRefusedBeforeAnyPasswordCheck() {
        String attacker = "203.0.113.10";
        String victim = Api.uniqueEmail("victim");
        Api.signUp(victim, PASSWORD, "Victim", "VIEWER").statusCode(201);
        for (int i = 0; i < 10; i++) { // credential stuffing: a different account each time
            login(attacker, Api.uniqueEmail("guess" + i), "wrong-password").statusCode(401);
        }
        // the budget is spent: refused, even for a right password, and without a bcrypt run
        double checksBefore = passwordChecks();
        assertTooMany(login(attacker, victim, PASSWORD), 3500, 3600); // one failure back per hour here
        assertEquals(checksBefore, passwordChecks(), "a refused login must not run bcrypt");
        login("203.0.113.11", Api.uniqueEmail("other"), "wrong-password").statusCode(401);
        assertEquals(checksBefore + 1, passwordChecks(), "a login that is let through runs bcrypt once");
        // another address is not affected
        login("203.0.113.12", victim, PASSWORD).statusCode(200);
    }

    @Test
    public void successfulLoginsDoNotSpendTheAddressBudget() {
        String office = "203.0.113.20"; // many honest users behind one address
        String user = Api.uniqueEmail("office");
        Api.signUp(user, PASSWORD, "Office", "VIEWER").statusCode(201);
        for (int i = 0; i < 15; i++) {
            login(office, user, PASSWORD).statusCode(200);
        }
    }

    @Test
    public void guessingOneAccountBacksOffExponentiallyAndTheRightPasswordWaitsToo() {
        String from = "203.0.113.30";
        String email = Api.uniqueEmail("guessed");
        Api.signUp(email, PASSWORD, "Guessed", "VIEWER").statusCode(201);
        ticker.freeze();
        for (int i = 0; i < 3; i++) {
            login(from, email, "wrong-password-" + i).statusCode(401);
        }
        // locked: the right password is refused as well, otherwise guessing would go on at full speed
        assertTooMany(login(from, email, PASSWORD), 1, 1);
        ticker.advance(Duration.ofMillis(999));
        assertTooMany(login(from, email, PASSWORD), 1, 1); // 1 ms left: still refused, "1" rounded up
        ticker.advance(Duration.ofMillis(1));
        login(from, email, "wrong-password-3").statusCode(401); // the wait is over: admitted, and fails again
        assertTooMany(login(from, email, "wrong-password-4"), 2, 2);
        ticker.advance(Duration.ofSeconds(2));
        login(from, email, "wrong-password-5").statusCode(401);
        assertTooMany(login(from, email, PASSWORD), 4, 4);
        ticker.advance(Duration.ofSeconds(4));
        login(from, email, "wrong-password-6").statusCode(401);
        assertTooMany(login(from, email, PASSWORD), 4, 4); // max-delay: no doubling past 4 s
        ticker.advance(Duration.ofSeconds(4));
        // a success resets the account's failures: three free failures again, then the first delay again
        login(from, email, PASSWORD).statusCode(200);
        for (int i = 0; i < 3; i++) {
            login(from, email, "wrong-password-again-" + i).statusCode(401);
        }
        assertTooMany(login(from, email, PASSWORD), 1, 1);
    }

    @Test
    public void anAttackerElsewhereCannotLockTheRealUserOut() {
        String email = Api.uniqueEmail("target");
        Api.signUp(email, PASSWORD, "Target", "VIEWER").statusCode(201);
        for (int i = 0; i < 3; i++) {
            login("198.51.100.66", email, "wrong-password-" + i).statusCode(401);
        }
        assertTooMany(login("198.51.100.66", email, PASSWORD), 1, 1);
        login("192.0.2.44", email, PASSWORD).statusCode(200);
    }
}
