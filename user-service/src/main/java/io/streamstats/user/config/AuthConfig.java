package io.streamstats.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "platform.auth")
public interface AuthConfig {

    /** The {@code iss} claim; every service verifies it. */
    String issuer();

    @WithDefault("PT15M")
    Duration accessTokenTtl();

    @WithDefault("P14D")
    Duration refreshTokenTtl();

    /** Clock skew other services allow on {@code exp}; revocations are announced at least this much longer. */
    @WithDefault("PT60S")
    Duration clockSkew();

    @WithDefault("10")
    int bcryptCost();

    Keys keys();

    /** Key given to services that read the revocation feed ({@code X-Internal-Key}). */
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
