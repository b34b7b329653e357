package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.streamstats.user.support.Api;
import io.streamstats.user.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenRejectionTest {

    static final String ISSUER = "https://streaming-platform/user-service";

    @Test
    void validTokenIsAccepted() throws Exception {
        var user = Api.newUser("VIEWER");
        Api.me(user.accessToken()).statusCode(200).body("role", equalTo("VIEWER"));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        var user = Api.newUser("VIEWER");
        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        PrivateKey otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String forged = token(subject, "VIEWER", Instant.now().plusSeconds(600), sessionOf(user.accessToken()), otherKey);
        Api.me(forged).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        var user = Api.newUser("VIEWER");
        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        String expired = token(subject, "VIEWER", Instant.now().minusSeconds(600), sessionOf(user.accessToken()),
                realKey());
        Api.me(expired).statusCode(401);
        // the same claims with a future expiry pass: the expiry alone was the reason
        String fresh = token(subject, "VIEWER", Instant.now().plusSeconds(600), sessionOf(user.accessToken()), realKey());
        Api.me(fresh).statusCode(200);
    }

    @Test
    void tamperedRoleClaimIsRejected() {
        var user = Api.newUser("VIEWER");
        String[] parts = user.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = payload.replace("\"VIEWER\"", "\"CREATOR\"");
        org.junit.jupiter.api.Assertions.assertNotEquals(payload, tampered);
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(tampered.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Api.me(token).statusCode(401);
    }

    @Test
    void tokenWithoutSessionOrFromUnknownSessionIsRejected() throws Exception {
        var user = Api.newUser("VIEWER");
        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        String unknownSession = token(subject, "VIEWER", Instant.now().plusSeconds(600),
                UUID.randomUUID().toString(), realKey());
        Api.me(unknownSession).statusCode(401);
        String noSession = TestTokens.sign(Jwt.issuer(ISSUER).audience(TestTokens.AUDIENCE).subject(subject)
                .groups(Set.of("VIEWER")).expiresAt(Instant.now().plusSeconds(600)), realKey());
        Api.me(noSession).statusCode(401);
    }

    @Test
    void garbageAndMissingTokensAreRejected() {
        Api.me("not-a-jwt").statusCode(401).contentType("application/problem+json");
        given().get("/api/users/me").then().statusCode(401).contentType("application/problem+json");
        given().post("/api/auth/logout").then().statusCode(401);
    }

    // attack: a token signed with the real key for another audience (or none) is replayed here
    @Test
    void tokenWithoutOrWithWrongAudienceIsRefused() {
        var user = Api.newUser("VIEWER");
        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        String sid = sessionOf(user.accessToken());
        Instant exp = Instant.now().plusSeconds(600);
        Api.me(TestTokens.sign(subject, sid, exp, c -> c)).statusCode(200);
        Api.me(TestTokens.sign(subject, sid, exp, c -> c.remove("aud"))).statusCode(401)
                .contentType("application/problem+json");
        Api.me(TestTokens.sign(subject, sid, exp, c -> c.audience("another-service"))).statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void issuedTokensCarryTheAudienceAndTheKeyId() {
        var user = Api.newUser("VIEWER");
        String payload = new String(Base64.getUrlDecoder().decode(user.accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(payload.contains("\"aud\":\"streaming-platform\""), payload);
        org.junit.jupiter.api.Assertions.assertTrue(
                TestTokens.header(user.accessToken()).contains("\"kid\":\"" + TestTokens.keyId(realKey()) + "\""));
    }

    // attack: a correctly signed token whose kid header is missing or names no trusted key
    @Test
    void tokenWithoutOrWithUnknownKeyIdIsRefused() {
        var user = Api.newUser("VIEWER");
        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        var claims = TestTokens.claims(subject, sessionOf(user.accessToken()), Instant.now().plusSeconds(600));
        Api.me(claims.jws().sign(realKey())).statusCode(401).contentType("application/problem+json");
        Api.me(claims.jws().keyId("user-service").sign(realKey())).statusCode(401);
    }

    // attack: a signed token whose sub is not a user id answered 500 (NumberFormatException)
    @Test
    void tokenWhoseSubjectIsNotAUserIdIs401() {
        var user = Api.newUser("VIEWER");
        String sid = sessionOf(user.accessToken());
        for (String subject : new String[] {"abc", "-1", "0", "1e3", "99999999999999999999", "+7", " 7"}) {
            Api.me(TestTokens.sign(subject, sid, Instant.now().plusSeconds(600), c -> c)).statusCode(401)
                    .contentType("application/problem+json").body("status", equalTo(401));
        }
    }

    // attack: an access token was accepted for 60 s after exp; the allowance is 5 s (platform.auth.clock-skew)
    @Test
    void expiryAllowsFiveSecondsOfClockSkewAndNoMore() {
        var user = Api.newUser("VIEWER");
        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        String sid = sessionOf(user.accessToken());
        Instant now = Instant.now();
        Api.me(TestTokens.sign(subject, sid, now.minusSeconds(2), c -> c)).statusCode(200);
        Api.me(TestTokens.sign(subject, sid, now.minusSeconds(8), c -> c)).statusCode(401)
                .contentType("application/problem+json");
    }

    static String sessionOf(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
    }

    static String token(String subject, String role, Instant expiresAt, String sessionId, PrivateKey key) {
        return TestTokens.sign(Jwt.issuer(ISSUER).audience(TestTokens.AUDIENCE).subject(subject).groups(Set.of(role))
                .claim("sid", sessionId).issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt), key);
    }

    static PrivateKey realKey() {
        return TestTokens.realKey();
    }
}
