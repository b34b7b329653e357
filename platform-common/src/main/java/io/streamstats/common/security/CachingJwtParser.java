package io.streamstats.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers tokens already verified, until they expire: a client sends the same access token with every request,
 * and verifying its RS256 signature and parsing its JSON again each time is most of the CPU a play costs. The key
 * is the whole token string, so a changed byte is verified afresh. Revocation is checked per request regardless
 * ({@link RevokedSessionAugmentor}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private static final int MAX_ENTRIES = 100_000;

    private record Verified(JsonWebToken token, long expiresAtMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    DefaultJWTParser delegate;

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = verified.get(bearerToken);
        if (hit != null) {
            if (hit.expiresAtMillis() > now) {
                return hit.token();
            }
            verified.remove(bearerToken);
        }
        JsonWebToken token = delegate.parse(bearerToken);
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        // kept only until the token's own expiry: later it is parsed again and refused as expired
        verified.put(bearerToken, new Verified(token, token.getExpirationTime() * 1000));
        return token;
    }

    @Override
    public JsonWebToken parse(String bearerToken, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(bearerToken, context);
    }

    @Override
    public JsonWebToken verify(String bearerToken, PublicKey key) throws ParseException {
        return delegate.verify(bearerToken, key);
    }

    @Override
    public JsonWebToken verify(String bearerToken, SecretKey key) throws ParseException {
        return delegate.verify(bearerToken, key);
    }

    @Override
    public JsonWebToken verify(String bearerToken, String secret) throws ParseException {
        return delegate.verify(bearerToken, secret);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, PrivateKey key) throws ParseException {
        return delegate.decrypt(bearerToken, key);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, SecretKey key) throws ParseException {
        return delegate.decrypt(bearerToken, key);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, String secret) throws ParseException {
        return delegate.decrypt(bearerToken, secret);
    }

    @Override
    public JsonWebToken parseOnly(String bearerToken) throws ParseException {
        return delegate.parseOnly(bearerToken);
    }
}
