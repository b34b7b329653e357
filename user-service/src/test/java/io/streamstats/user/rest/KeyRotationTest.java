package io.streamstats.user.rest;


import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamstats.user.support.Api;
import io.streamstats.user.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The middle of a key rotation: user-service signs with the new key while the public-key file holds the new and
 * the previous key, so tokens signed with either verify (a rolling restart has pods of both kinds).
 */
@QuarkusTest
@TestProfile(KeyRotationTest.MidRotation.class)
class KeyRotationTest {

    static final Path DIR = Path.of("target/jwt-rotation");

    public static class MidRotation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                KeyPair current = TestTokens.newKeyPair();
                KeyPair previous = TestTokens.newKeyPair();
                Files.writeString(DIR.resolve("private-key.pem"), TestTokens.pem("PRIVATE KEY", current.getPrivate().getEncoded()));
                Files.writeString(DIR.resolve("previous-private-key.pem"),
                        TestTokens.pem("PRIVATE KEY", previous.getPrivate().getEncoded()));
                Files.writeString(DIR.resolve("public-key.pem"),
                        TestTokens.pem("PUBLIC KEY", current.getPublic().getEncoded())
                                + TestTokens.pem("PUBLIC KEY", previous.getPublic().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "platform.auth.keys.private-key", DIR.resolve("private-key.pem").toString(),
                    "platform.auth.keys.public-key", DIR.resolve("public-key.pem").toString(),
                    "platform.auth.keys.generate-if-missing", "false");
        }
    }

    @Test
    void tokensOfTheCurrentAndThePreviousKeyVerifyOthersDoNot() {
        var user = Api.newUser("VIEWER");
        var current = TestTokens.readPrivateKey(DIR.resolve("private-key.pem"));
        var previous = TestTokens.readPrivateKey(DIR.resolve("previous-private-key.pem"));
        // the signer uses the current key and names it
        Assertions.assertTrue(TestTokens.header(user.accessToken()).contains("\"kid\":\"" + TestTokens.keyId(current) + "\""));
        Api.me(user.accessToken()).statusCode(200);

        String subject = Api.me(user.accessToken()).extract().path("id").toString();
        String sid = TokenRejectionTest.sessionOf(user.accessToken());
        var claims = TestTokens.claims(subject, sid, Instant.now().plusSeconds(600));
        // a token an old pod signed with the previous key, during the rolling restart
        Api.me(TestTokens.sign(claims, previous)).statusCode(200);
        // signed with the previous key but naming the current one: the signature does not match that key
        Api.me(claims.jws().keyId(TestTokens.keyId(current)).sign(previous)).statusCode(401);
        // a key outside the set
        Api.me(TestTokens.sign(claims, TestTokens.newKeyPair().getPrivate())).statusCode(401)
                .contentType("application/problem+json");
    }
}
