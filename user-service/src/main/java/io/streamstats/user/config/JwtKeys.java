package io.streamstats.user.config;

import io.quarkus.runtime.Startup;
import io.streamstats.common.security.VerificationKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The RS256 signing key. In production it is mounted from a Kubernetes Secret; in dev and test a key pair is
 * generated on first start (never committed), and the public half is written beside it for other services.
 * Tokens name the key in their {@code kid} header (its RFC 7638 thumbprint); the public-key file is the set every
 * service verifies with, and the service refuses to start when its own signing key is not in that set, since
 * every token it issued would then be refused.
 */
@Startup
@ApplicationScoped
public class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    @Inject
    AuthConfig config;

    private PrivateKey signingKey;

    private String keyId;

    @PostConstruct
    void load() {
        AuthConfig.Keys keys = config.keys();
        if (!Files.exists(keys.privateKey()) && keys.generateIfMissing()) {
            generate(keys.privateKey(), keys.publicKey());
        }
        if (!Files.isReadable(keys.privateKey())) {
            throw new IllegalStateException("JWT signing key not found at " + keys.privateKey()
                    + ": mount the Secret there or set platform.auth.keys.private-key");
        }
        signingKey = readPrivateKey(keys.privateKey());
        if (!(signingKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The JWT signing key " + keys.privateKey()
                    + " lacks its public exponent (not an RSA CRT key): create it with openssl genpkey");
        }
        keyId = VerificationKeys.keyId(crt.getModulus(), crt.getPublicExponent());
        VerificationKeys trusted = VerificationKeys.read(keys.publicKey().toString());
        if (trusted.get(keyId) == null) {
            throw new IllegalStateException("The public half of the JWT signing key " + keys.privateKey()
                    + " (kid " + keyId + ") is not among the verification keys in " + keys.publicKey()
                    + " (kids " + trusted.all().keySet() + "): add it there first (see docs/deploy.md, rotating the key)");
        }
        LOG.infof("Signing access tokens with key %s; verification keys %s", keyId, trusted.all().keySet());
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    /** The {@code kid} header of every token signed with {@link #signingKey()}. */
    public String keyId() {
        return keyId;
    }

    static synchronized void generate(Path privateKeyFile, Path publicKeyFile) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            Files.createDirectories(publicKeyFile.toAbsolutePath().getParent());
            Path tmpPublic = publicKeyFile.resolveSibling(publicKeyFile.getFileName() + ".tmp");
            Path tmpPrivate = privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".tmp");
            Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            // public first, so a reader that sees the private key also finds its public half
            Files.move(tmpPublic, publicKeyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPrivate, privateKeyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Generated a development JWT key pair in %s", privateKeyFile.toAbsolutePath().getParent());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the generated JWT keys", e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the JWT signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The JWT signing key " + file + " is not a PKCS#8 PEM RSA private key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
