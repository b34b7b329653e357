package io.streamstats.user.service;

import io.streamstats.common.security.SessionRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** user-service owns the sessions, so it asks the database: a logout is refused here at once. */
@ApplicationScoped
public class DatabaseSessionRevocations implements SessionRevocations {

    @Inject
    AuthService auth;

    @Override
    public boolean isRevoked(String sessionId) {
        return auth.isRevoked(sessionId);
    }
}
