package io.streamstats.common.security;

/**
 * Answers whether a login session has ended (logout, or refresh-token reuse). Each service provides one:
 * user-service reads its own table, other services keep a short-lived copy of user-service's feed.
 */
public interface SessionRevocations {

    /** Whether tokens of this session must be refused. Called for every authenticated request. */
    boolean isRevoked(String sessionId);

    /** Whether {@link #isRevoked} may block (a database read): then it runs off the I/O thread. */
    default boolean blocks() {
        return true;
    }
}
