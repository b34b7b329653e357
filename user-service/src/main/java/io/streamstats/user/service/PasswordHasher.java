package io.streamstats.user.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.streamstats.user.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** bcrypt password hashes. */
@ApplicationScoped
public class PasswordHasher {

    /** Compared against when the email is unknown, so both failures take the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no-such-user-password", 10);

    @Inject
    AuthConfig config;

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash == null ? DUMMY_HASH : hash) && hash != null;
    }
}
