package io.streamstats.user.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.streamstats.common.security.VerificationKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Access tokens a test signs itself, with the service's key (target/jwt) or another one, to replay attacks. */
public final class TestTokens {

    public static final String ISSUER = "https://streaming-platform/user-service";
    public static final String AUDIENCE = "streaming-platform";

    private TestTokens() {
    }

    /** The claims user-service puts in every token; {@code change} alters them for one attack. */
    public static JwtClaimsBuilder claims(String subject, String sessionId, Instant expiresAt) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of("VIEWER"))
                .claim("sid", sessionId).issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt);
    }

    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId(keyId(key)).sign(key);
    }

    public static String sign(String subject, String sessionId, Instant expiresAt, UnaryOperator<JwtClaimsBuilder> change) {
        return sign(change.apply(claims(subject, sessionId, expiresAt)), realKey());
    }

    public static String keyId(PrivateKey key) {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        return VerificationKeys.keyId(crt.getModulus(), crt.getPublicExponent());
    }

    public static String keyId(RSAPublicKey key) {
        return VerificationKeys.keyId(key);
    }

    public static PrivateKey realKey() {
        return readPrivateKey(Path.of("target/jwt/private-key.pem"));
    }

    public static PrivateKey readPrivateKey(Path file) {
        try {
            String pem = Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The JOSE header of a token, as JSON text. */
    public static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
