package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.streamstats.common.security.VerificationKeys;
import io.streamstats.streaming.support.UserServiceTestResource;
import io.streamstats.streaming.support.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What this service accepts of user-service's tokens: signed by a key of the set the kid names (the current and,
 * mid-rotation, the previous one), for the platform's audience, at most 5 s past exp, with a numeric subject.
 * Each test replays a token an attacker could present.
 */
@QuarkusTest
class TokenVerificationTest {

    private String subject;
    private String sessionId;

    @BeforeEach
    void realUser() {
        Users.User user = Users.create("CREATOR");
        subject = String.valueOf(user.id());
        String payload = new String(Base64.getUrlDecoder().decode(user.accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        sessionId = payload.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
    }

    private JwtClaimsBuilder claims(Instant expiresAt) {
        return Jwt.issuer("https://streaming-platform/user-service").audience("streaming-platform").subject(subject)
                .groups(Set.of("CREATOR")).claim("sid", sessionId).issuedAt(expiresAt.minusSeconds(900))
                .expiresAt(expiresAt);
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        return claims.jws().keyId(VerificationKeys.keyId(crt.getModulus(), crt.getPublicExponent())).sign(key);
    }

    private String token(UnaryOperator<JwtClaimsBuilder> change) {
        return sign(change.apply(claims(Instant.now().plusSeconds(600))), currentKey());
    }

    private static ValidatableResponse call(String token) {
        return given().auth().oauth2(token).queryParam("creatorId", 1).get("/api/videos").then();
    }

    @Test
    void tokenOfTheCurrentOrThePreviousKeyIsAccepted() {
        call(token(c -> c)).statusCode(200);
        // an old user-service pod still signing with the previous key during a rolling restart
        call(sign(claims(Instant.now().plusSeconds(600)), readKey(UserServiceTestResource.PREVIOUS_PRIVATE_KEY)))
                .statusCode(200);
    }

    // attack: tokens signed by a key outside the set, or without a kid, or with a kid naming another key
    @Test
    void tokenOfAnUntrustedKeyOrWithoutKeyIdIsRefused() throws Exception {
        PrivateKey stranger = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        call(sign(claims(Instant.now().plusSeconds(600)), stranger)).statusCode(401)
                .contentType("application/problem+json");
        call(claims(Instant.now().plusSeconds(600)).jws().sign(currentKey())).statusCode(401);
        RSAPrivateCrtKey current = (RSAPrivateCrtKey) currentKey();
        call(claims(Instant.now().plusSeconds(600)).jws()
                .keyId(VerificationKeys.keyId(current.getModulus(), current.getPublicExponent()))
                .sign(readKey(UserServiceTestResource.PREVIOUS_PRIVATE_KEY))).statusCode(401);
    }

    // attack: a token minted for another audience (or none) is replayed here
    @Test
    void tokenWithoutOrWithWrongAudienceIsRefused() {
        call(token(c -> c.remove("aud"))).statusCode(401).contentType("application/problem+json");
        call(token(c -> c.audience("some-other-api"))).statusCode(401).contentType("application/problem+json");
    }

    // attack: a token 59 s past exp was accepted (skew 60 s); the allowance is 5 s
    @Test
    void expiryAllowsFiveSecondsOfClockSkewAndNoMore() {
        Instant now = Instant.now();
        call(sign(claims(now.minusSeconds(2)), currentKey())).statusCode(200);
        call(sign(claims(now.minusSeconds(8)), currentKey())).statusCode(401).contentType("application/problem+json");
    }

    /**
     * RFC 6750 §3.1: a refused token gets {@code error="invalid_token"} in its challenge, and an expired one says to
     * refresh; a request without a token gets the bare challenge.
     */
    @Test
    void aRefusedTokenIsNamedInvalidAndAnExpiredOneSaysToRefresh() throws Exception {
        call(sign(claims(Instant.now().minusSeconds(60)), currentKey())).statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("detail", equalTo("The access token has expired: get a new pair with the refresh token"
                        + " (POST /api/auth/refresh), or sign in again"));
        PrivateKey stranger = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        call(sign(claims(Instant.now().plusSeconds(600)), stranger)).statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("detail", not(containsString("expired:")));
        given().queryParam("creatorId", 1).get("/api/videos").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
    }

    // attack: a signed token whose sub is not a user id answered 500
    @Test
    void tokenWhoseSubjectIsNotAUserIdIs401() {
        for (String bad : new String[] {"abc", "-3", "0", "12345678901234567890"}) {
            call(token(c -> c.subject(bad))).statusCode(401).contentType("application/problem+json")
                    .body("status", equalTo(401));
            given().auth().oauth2(token(c -> c.subject(bad))).queryParam("period", "DAILY")
                    .queryParam("date", "2026-01-01").queryParam("scope", "MINE").get("/api/stats/top").then()
                    .statusCode(401).contentType("application/problem+json");
        }
    }

    private static PrivateKey currentKey() {
        return readKey(Path.of("target/jwt/private-key.pem"));
    }

    private static PrivateKey readKey(Path file) {
        try {
            String pem = Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
