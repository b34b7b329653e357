package io.streamstats.common.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;

/**
 * Remembers tokens already verified, until they expire: a client sends the same access token with every request,
 * and verifying its RS256 signature and parsing its JSON again each time is most of the CPU a play costs. The key
 * is the whole token string, so a changed byte is verified afresh. Revocation is checked per request regardless
 * ({@link RevokedSessionAugmentor}).
 *
 * <p>It also picks the verification key: {@code mp.jwt.verify.publickey.location} may hold several PEM public keys
 * ({@link VerificationKeys}), and a token is verified with the one its {@code kid} header names. A token without
 * a {@code kid}, or naming a key outside the set, is refused. Everything else ({@code iss}, {@code aud}, {@code exp}
 * with the clock-skew allowance) is checked by SmallRye JWT from the {@code mp.jwt.verify.*} settings.
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

    @Inject
    JWTAuthContextInfo configured;

    /** One verification context per key id: the configured checks with that key. */
    private volatile Map<String, JWTAuthContextInfo> contextByKeyId;

    /**
     * Reads the key set at start (after the services' own start-up beans, which may generate a dev key), so a
     * missing or broken key file stops the service instead of refusing every token.
     */
    void loadAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent start) {
        if (configured.getPublicKeyContent() != null || configured.getPublicKeyLocation() != null) {
            contexts();
        }
    }

    private Map<String, JWTAuthContextInfo> contexts() {
        Map<String, JWTAuthContextInfo> contexts = contextByKeyId;
        if (contexts == null) {
            synchronized (this) {
                if (contextByKeyId == null) {
                    Map<String, JWTAuthContextInfo> byId = new HashMap<>();
                    // Quarkus hands over the file's content when it could read it, else only its location
                    VerificationKeys keys = configured.getPublicKeyContent() != null
                            ? VerificationKeys.parse(configured.getPublicKeyContent(), "mp.jwt.verify.publickey.location")
                            : VerificationKeys.read(configured.getPublicKeyLocation());
                    keys.all().forEach((keyId, key) -> {
                        JWTAuthContextInfo context = new JWTAuthContextInfo(configured);
                        context.setPublicKeyLocation(null);
                        context.setPublicKeyContent(null);
                        context.setPublicVerificationKey(key);
                        byId.put(keyId, context);
                    });
                    contextByKeyId = Map.copyOf(byId);
                }
                contexts = contextByKeyId;
            }
        }
        return contexts;
    }

    /** The verification context for the key the token's {@code kid} header names. */
    private JWTAuthContextInfo contextFor(String bearerToken) throws ParseException {
        int dot = bearerToken.indexOf('.');
        if (dot <= 0) {
            throw new ParseException("The token is not a signed JWT");
        }
        Object keyId;
        try {
            String header = new String(Base64.getUrlDecoder().decode(bearerToken.substring(0, dot)), StandardCharsets.UTF_8);
            keyId = JsonUtil.parseJson(header).get("kid");
        } catch (Exception e) {
            throw new ParseException("The token header is not valid", e);
        }
        JWTAuthContextInfo context = keyId instanceof String id ? contexts().get(id) : null;
        if (context == null) {
            throw new ParseException("The token names no key ('kid') this service trusts");
        }
        return context;
    }

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
        JsonWebToken token = delegate.parse(bearerToken, contextFor(bearerToken));
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
