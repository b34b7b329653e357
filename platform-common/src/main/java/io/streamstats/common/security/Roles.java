package io.streamstats.common.security;

/** The two roles of the platform; carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String VIEWER = "VIEWER";
    public static final String CREATOR = "CREATOR";

    private Roles() {
    }
}
