package io.streamstats.user.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.streamstats.user.config.AuthConfig;
import io.streamstats.common.rest.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** bcrypt password hashes, and the one rule on how long a password may be. */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    @Inject
    AuthConfig config;

    @Inject
    MeterRegistry registry;

    /** bcrypt runs at login: what the login throttle saves, and what an operator sizes CPU for. */
    private Counter passwordChecks;

    /**
     * Compared against when the email is unknown, so both failures take the same time: made with the configured
     * cost, since bcrypt's time doubles with each step of it.
     */
    private String dummyHash;

    @PostConstruct
    void init() {
        dummyHash = BcryptUtil.bcryptHash("no-such-user-password", config.bcryptCost());
        passwordChecks = Counter.builder("auth_password_checks")
                .description("Passwords checked with bcrypt at login (known and unknown emails alike)")
                .register(registry);
    }

    /**
     * Refuses a password longer than bcrypt reads, at sign-up and at login alike (400, before any bcrypt run):
     * otherwise any password sharing its first 72 bytes would log in. Measured as it is hashed: the bcrypt
     * implementation (Elytron) hashes the password's NFKC form (compatibility characters such as fullwidth letters
     * become their plain forms, as NIST SP 800-63B recommends), and one character can grow to many (U+FDFA to 18).
     * Text with an unpaired surrogate is no password anyone typed: encoded, it would read as '?'.
     */
    public static void requireHashable(String password) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(password)) {
            throw ApiException.badRequest("password: must be text (it holds an unpaired UTF-16 surrogate)");
        }
        String hashed = Normalizer.normalize(password, Normalizer.Form.NFKC);
        if (hashed.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("password: must be at most 72 bytes in UTF-8 (in Unicode NFKC form, as it"
                    + " is hashed)");
        }
    }

    String dummyHash() {
        return dummyHash;
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }

    public boolean matches(String password, String hash) {
        passwordChecks.increment();
        return BcryptUtil.matches(password, hash == null ? dummyHash : hash) && hash != null;
    }
}
