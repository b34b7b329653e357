package io.streamstats.user.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.streamstats.common.rest.ApiException;
import io.streamstats.user.config.AuthConfig;
import io.streamstats.user.domain.RefreshToken;
import io.streamstats.user.domain.User;
import io.streamstats.user.domain.UserSession;
import io.streamstats.user.repository.DatabaseClock;
import io.streamstats.user.repository.RefreshTokenRepository;
import io.streamstats.user.repository.SessionRepository;
import io.streamstats.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions and tokens. A login opens a session; every access token carries its id ({@code sid}); each refresh
 * uses up the presented refresh token and issues a new pair. A used-up refresh token presented again within the
 * grace ({@code platform.auth.refresh-reuse-grace}, 10 s) of its rotation is refused without ending the session
 * (a racing request, a retry); presented later it must have been copied, so the whole session ends. Logout ends the session, which every
 * service then refuses.
 */
@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "Email or password is wrong";
    static final String BAD_REFRESH_TOKEN = "The refresh token is unknown, expired or already used";

    @Inject
    UserRepository users;

    @Inject
    SessionRepository sessions;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer issuer;

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    /** Revocation instants: other services page the feed by them, so all instances stamp on one clock. */
    @Inject
    DatabaseClock databaseClock;

    public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {
    }

    public record Revocation(@Schema(example = "3f1c2b9e-5d4a-4c8e-9a7b-1e2d3c4b5a69") String sessionId,
                             @Schema(example = "2026-11-30T11:58:00Z") Instant revokedAt,
                             @Schema(example = "2026-11-30T12:13:05Z") Instant refuseUntil) {
    }

    public TokenPair login(String email, String password) {
        PasswordHasher.requireHashable(password); // no account can have it: refused before any bcrypt run
        String normalizedEmail = UserService.normalizeEmail(email);
        Optional<User> found = QuarkusTransaction.requiringNew()
                .call(() -> users.findByEmail(normalizedEmail));
        // bcrypt runs even for an unknown email, so the answer time does not reveal which emails exist
        boolean matches = hasher.matches(password, found.map(u -> u.passwordHash).orElse(null));
        if (found.isEmpty() || !matches) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        User user = found.get();
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            UserSession session = new UserSession();
            session.id = UUID.randomUUID().toString();
            session.userId = user.id;
            session.createdAt = now;
            sessions.persist(session);
            return issuePair(user, session, now);
        });
    }

    /**
     * Rotates the refresh token: the presented one stops working (DESIGN: "the old refresh token stops working").
     * The row lock on it serializes concurrent refreshes: the first gets the new pair, every later one is refused.
     * Within the grace after that rotation the refusal leaves the session alone (a second request racing the first,
     * a client retry: the new pair is with the client); after it, a reuse means the token was copied and ends the
     * session, an outcome that must be committed although the call fails. Presenting the token again does not move
     * the rotation time, so the grace cannot be stretched.
     */
    @Transactional(dontRollbackOn = ApiException.class)
    public TokenPair refresh(String presentedToken) {
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.findForUpdate(TokenIssuer.hash(presentedToken));
        if (token == null) {
            throw ApiException.unauthorized(BAD_REFRESH_TOKEN);
        }
        UserSession session = sessions.findForUpdate(token.sessionId);
        if (session.isRevoked()) {
            throw ApiException.unauthorized("The session of this refresh token has ended; log in again");
        }
        if (token.rotatedAt != null) {
            if (now.isBefore(token.rotatedAt.plus(config.refreshReuseGrace()))) {
                throw ApiException.unauthorized("This refresh token was already used; use the refresh token that"
                        + " replaced it (its refresh answered a new pair)");
            }
            session.revoke(databaseClock.now(), UserSession.ENDED_BY_REFRESH_REUSE);
            throw ApiException.unauthorized(
                    "This refresh token was already used; the session has been ended for safety. Log in again");
        }
        if (!token.expiresAt.isAfter(now)) {
            throw ApiException.unauthorized(BAD_REFRESH_TOKEN);
        }
        token.rotatedAt = now;
        User user = users.findById(session.userId);
        return issuePair(user, session, now);
    }

    @Transactional
    public void logout(String sessionId) {
        UserSession session = sessions.findForUpdate(sessionId);
        if (session != null) {
            session.revoke(databaseClock.now(), UserSession.ENDED_BY_LOGOUT);
        }
    }

    @Transactional
    public boolean isRevoked(String sessionId) {
        return sessions.isRevoked(sessionId);
    }

    /** Sessions ended since the given instant, with how long other services must keep refusing them. */
    @Transactional
    public List<Revocation> revokedSince(Instant since, String afterId, int limit) {
        return sessions.revokedSince(since, afterId, limit).stream()
                .map(s -> new Revocation(s.id, s.revokedAt,
                        s.revokedAt.plus(config.accessTokenTtl()).plus(config.clockSkew())))
                .toList();
    }

    private TokenPair issuePair(User user, UserSession session, Instant now) {
        String refreshToken = issuer.newRefreshToken();
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = TokenIssuer.hash(refreshToken);
        stored.sessionId = session.id;
        stored.issuedAt = now;
        stored.expiresAt = now.plus(config.refreshTokenTtl());
        refreshTokens.persist(stored);
        return new TokenPair(issuer.accessToken(user, session.id, now), refreshToken,
                config.accessTokenTtl().toSeconds());
    }
}
