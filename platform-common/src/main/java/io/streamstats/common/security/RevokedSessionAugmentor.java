package io.streamstats.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a correctly signed, unexpired token that lacks what every endpoint relies on (a numeric user id in
 * {@code sub}, a session in {@code sid}) or whose session has ended.
 */
@ApplicationScoped
public class RevokedSessionAugmentor implements SecurityIdentityAugmentor {

    @Inject
    SessionRevocations revocations;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (TokenClaims.userId(token.getSubject()) < 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token's subject is not a user id"));
        }
        String sessionId = token.getClaim(TokenClaims.SESSION_ID);
        if (sessionId == null || sessionId.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token carries no session"));
        }
        if (!revocations.blocks()) {
            // an in-memory lookup: no hop to a worker thread on every request
            return revocations.isRevoked(sessionId)
                    ? Uni.createFrom().failure(new AuthenticationFailedException("The session of this token has ended"))
                    : Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (revocations.isRevoked(sessionId)) {
                throw new AuthenticationFailedException("The session of this token has ended");
            }
            return identity;
        });
    }
}
