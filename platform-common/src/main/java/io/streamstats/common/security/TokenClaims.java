package io.streamstats.common.security;

/** Claim names of the access tokens user-service issues and every service verifies. */
public final class TokenClaims {
    /** Session id: shared by every access and refresh token of one login; logout revokes it. */
    public static final String SESSION_ID = "sid";
    public static final String TOKEN_ID = "jti";

    private TokenClaims() {
    }
}
