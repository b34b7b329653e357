package io.streamstats.common.db;

import io.quarkus.runtime.Quarkus;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * The one-shot {@code migrate} mode of a service image: the same image started with the single argument
 * {@code migrate} applies the service's schema migrations to its primary database and exits — 0 when the schema is
 * at the latest version, 1 with the reason when a migration failed — without listening for HTTP. The chart runs it
 * as an init container, so a long migration is not cut short by the main container's startup probe.
 * <p>
 * A service's {@code @QuarkusMain} calls {@link #prepare} before Quarkus starts and {@link #run} as its body.
 * Without arguments the service runs as always; any other argument is refused (exit 2).
 */
public final class MigrateMode {

    public static final String ARGUMENT = "migrate";

    /** Set (as a system property) while the process runs in migrate mode, for beans that should stay idle. */
    static final String ACTIVE_PROPERTY = "platform.migrate-mode";

    private static final Logger LOG = Logger.getLogger(MigrateMode.class);

    private MigrateMode() {
    }

    public static boolean requested(String... args) {
        return args.length == 1 && ARGUMENT.equals(args[0]);
    }

    /** Whether this process runs in migrate mode (background work such as feed polling is not started then). */
    public static boolean active() {
        return Boolean.getBoolean(ACTIVE_PROPERTY);
    }

    /**
     * Before Quarkus starts: in migrate mode no HTTP listener is opened (system properties outrank the environment)
     * and the migration runs in {@link #run}, which reports its outcome, rather than at the start event. Any other
     * argument ends the process here with 2, before anything starts.
     */
    public static void prepare(String... args) {
        if (args.length > 0 && !requested(args)) {
            System.err.println(unknown(args));
            System.exit(2);
        }
        if (requested(args)) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("platform.migrate-at-start", "false");
            System.setProperty(ACTIVE_PROPERTY, "true");
        }
    }

    /** The body of the service's {@code QuarkusApplication.run}: serve until stopped, or migrate and exit. */
    public static int run(SchemaMigrations migrations, String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (!requested(args)) {
            LOG.error(unknown(args));
            return 2;
        }
        try {
            MigrateResult result = migrations.migrate();
            LOG.infof("Migrate mode: schema of %s at version %s, %d migrations applied now; exiting",
                    result.database, SchemaMigrations.version(result), result.migrationsExecuted);
            return 0;
        } catch (RuntimeException e) {
            LOG.errorf("Schema migration failed, the service must not start on this schema: %s", reason(e));
            return 1;
        }
    }

    private static String unknown(String... args) {
        return "Unknown arguments " + List.of(args) + ": the only argument is '" + ARGUMENT
                + "' (apply the schema migrations and exit); without arguments the service serves";
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()).strip());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage().strip())) {
                reason.append(" / caused by: ").append(cause.getMessage().strip());
            }
        }
        return reason.toString();
    }
}
