package io.streamstats.common.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public keys access tokens may be signed with, by key id ({@code kid}). The file holds one or more PEM public
 * keys: the current one and, while a key rotation is under way, the previous one, so tokens signed with either
 * verify during a rolling restart. The key id is the RFC 7638 JWK thumbprint (SHA-256) of the key, so signer and
 * verifiers derive the same id from the key itself and no name has to be kept in step.
 */
public final class VerificationKeys {

    private static final Pattern PEM_PUBLIC_KEY =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private final Map<String, RSAPublicKey> byKeyId;

    private VerificationKeys(Map<String, RSAPublicKey> byKeyId) {
        this.byKeyId = Collections.unmodifiableMap(byKeyId);
    }

    /** Reads every PEM public key of the file (a {@code file:} prefix is allowed); fails when it holds none. */
    public static VerificationKeys read(String location) {
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the JWT verification keys " + file, e);
        }
    }

    /** Every PEM public key of the text; {@code source} names it in errors. */
    public static VerificationKeys parse(String pem, String source) {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        Matcher m = PEM_PUBLIC_KEY.matcher(pem);
        while (m.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                keys.put(keyId(key), key);
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                throw new IllegalStateException("A key in " + source + " is not an X.509 PEM RSA public key", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("No PEM public key (-----BEGIN PUBLIC KEY-----) found in " + source);
        }
        return new VerificationKeys(keys);
    }

    /** The key for a token's {@code kid}, or null when the token was not signed with a key of this set. */
    public RSAPublicKey get(String keyId) {
        return keyId == null ? null : byKeyId.get(keyId);
    }

    public Map<String, RSAPublicKey> all() {
        return byKeyId;
    }

    /** RFC 7638 thumbprint of an RSA key: SHA-256 of {"e":…,"kty":"RSA","n":…}, base64url without padding. */
    public static String keyId(RSAPublicKey key) {
        return keyId(key.getModulus(), key.getPublicExponent());
    }

    public static String keyId(BigInteger modulus, BigInteger publicExponent) {
        String json = "{\"e\":\"" + base64Url(publicExponent) + "\",\"kty\":\"RSA\",\"n\":\"" + base64Url(modulus) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) { // unsigned big-endian, as JWK wants it
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
