package io.streamstats.common.config;

/**
 * The placeholder k8s/base/secrets.yaml puts where a secret belongs, and the constraint that refuses it in a
 * service's configuration ({@code @Pattern(regexp = SecretPlaceholder.REFUSED, message = SecretPlaceholder.MESSAGE)}):
 * a service started with it stops at once, saying so, as the MySQL init containers do with theirs.
 */
public final class SecretPlaceholder {

    /** Any value but the placeholder {@code REPLACE_ME}. */
    public static final String REFUSED = "(?!REPLACE_ME$)[\\s\\S]+";

    public static final String MESSAGE = "is REPLACE_ME, the placeholder of k8s/base/secrets.yaml: put a generated key"
            + " into the Secret (docs/deploy.md \"Secrets\")";

    private SecretPlaceholder() {
    }
}
