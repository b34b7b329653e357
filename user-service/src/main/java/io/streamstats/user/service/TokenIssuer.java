package io.streamstats.user.service;

import io.smallrye.jwt.build.Jwt;
import io.streamstats.common.security.TokenClaims;
import io.streamstats.user.config.AuthConfig;
import io.streamstats.user.config.JwtKeys;
import io.streamstats.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/** Creates access tokens (RS256 JWT) and refresh tokens (random, stored only as a hash). */
@ApplicationScoped
public class TokenIssuer {

    private final SecureRandom random = new SecureRandom();

    @Inject
    AuthConfig config;

    @Inject
    JwtKeys keys;

    public String accessToken(User user, String sessionId, Instant now) {
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(String.valueOf(user.id))
                .groups(Set.of(user.role))
                .claim(TokenClaims.TOKEN_ID, UUID.randomUUID().toString())
                .claim(TokenClaims.SESSION_ID, sessionId)
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .jws()
                .keyId(keys.keyId())
                .sign(keys.signingKey());
    }

    public String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 256 random bits need no slow hash: SHA-256 keeps a database leak from yielding usable tokens. */
    public static String hash(String refreshToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
