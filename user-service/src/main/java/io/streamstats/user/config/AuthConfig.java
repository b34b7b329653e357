package io.streamstats.user.config;

import io.smallrye.config.ConfigMapping;
import io.streamstats.common.config.SecretPlaceholder;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings with an environment variable have their default in application.properties, beside the variable; only the
 * others carry {@code @WithDefault} here (each default is written once).
 */
@ConfigMapping(prefix = "platform.auth")
public interface AuthConfig {

    /** The {@code iss} claim; every service verifies it. */
    String issuer();

    /** The {@code aud} claim; every service refuses a token without it ({@code mp.jwt.verify.audiences}). */
    String audience();

    Duration accessTokenTtl();

    Duration refreshTokenTtl();

    /**
     * Clock skew every service allows on {@code exp} ({@code mp.jwt.verify.clock.skew} is set from the same
     * variable); revocations are announced at least this much longer than the access-token lifetime.
     */
    Duration clockSkew();

    /**
     * How long after its rotation a used refresh token presented again is refused without ending its session (a
     * racing request, a client retry). Later, presenting it again means it was copied, and the whole session ends.
     */
    Duration refreshReuseGrace();

    int bcryptCost();

    Keys keys();

    /** Key given to services that read the revocation feed ({@code X-Internal-Key}); never the manifests' placeholder. */
    @Pattern(regexp = SecretPlaceholder.REFUSED, message = SecretPlaceholder.MESSAGE)
    String internalApiKey();

    interface Keys {
        /** PKCS#8 PEM private key that signs access tokens. */
        Path privateKey();

        /** X.509 PEM public key; other services verify with it. */
        Path publicKey();

        /** Generate a key pair at start-up when the files are missing: dev and test only. */
        @WithDefault("false")
        boolean generateIfMissing();
    }
}
