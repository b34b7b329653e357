package io.streamstats.common.security;

/** Claim names of the access tokens user-service issues and every service verifies. */
public final class TokenClaims {
    /** Session id: shared by every access and refresh token of one login; logout revokes it. */
    public static final String SESSION_ID = "sid";
    public static final String TOKEN_ID = "jti";

    /**
     * The user id a token's {@code sub} carries: a positive decimal number of at most 18 digits, or -1 when the
     * subject is anything else (a signed token whose subject is not a user id is refused, never a 500).
     */
    public static long userId(String subject) {
        if (subject == null || subject.isEmpty() || subject.length() > 18 || subject.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(subject);
    }

    private TokenClaims() {
    }
}
