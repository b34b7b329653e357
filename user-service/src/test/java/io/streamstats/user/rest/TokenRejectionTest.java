package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.streamstats.user.support.Api;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
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
        String noSession = Jwt.issuer(ISSUER).subject(subject).groups(Set.of("VIEWER"))
                .expiresAt(Instant.now().plusSeconds(600)).sign(realKey());
        Api.me(noSession).statusCode(401);
    }

    @Test
    void garbageAndMissingTokensAreRejected() {
        Api.me("not-a-jwt").statusCode(401).contentType("application/problem+json");
        given().get("/api/users/me").then().statusCode(401).contentType("application/problem+json");
        given().post("/api/auth/logout").then().statusCode(401);
    }

    static String sessionOf(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
    }

    static String token(String subject, String role, Instant expiresAt, String sessionId, PrivateKey key) {
        return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(role)).claim("sid", sessionId)
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt).sign(key);
    }

    static PrivateKey realKey() throws Exception {
        String pem = Files.readString(Path.of("target/jwt/private-key.pem"))
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
