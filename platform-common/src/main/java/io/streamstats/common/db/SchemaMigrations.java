package io.streamstats.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Applies the service's Flyway migrations ({@code classpath:db/migration}) to its primary datasource before the
 * service takes requests. Safe with several instances starting at once: Flyway serializes them with a lock — on
 * MySQL and MariaDB a named lock ({@code GET_LOCK}, flyway-mysql's MySQLNamedLockTemplate), so a second instance
 * waits and then finds nothing left to apply. Turned off with {@code platform.migrate-at-start=false} where the
 * one-shot {@link MigrateMode} (the chart's init container) owns the schema.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    @Inject
    AgroalDataSource dataSource;

    // no default here: each service maps PLATFORM_MIGRATE_AT_START with its default in application.properties
    @ConfigProperty(name = "platform.migrate-at-start")
    boolean migrateAtStart;

    @ConfigProperty(name = "platform.migration-locations", defaultValue = "classpath:db/migration")
    String locations;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (migrateAtStart) {
            migrate();
        }
    }

    public MigrateResult migrate() {
        Flyway flyway = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(dataSource)
                .locations(locations.split(","))
                .load();
        MigrateResult result = flyway.migrate();
        // a migration may change its session (V14 sets lock_wait_timeout, then back to the server's DEFAULT, not
        // the pool's sessionVariables): the pool's connections are made anew, so none keeps what a migration set
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
        LOG.infof("Schema at version %s (%d migrations applied now)", version(result), result.migrationsExecuted);
        return result;
    }

    /** The schema's version after a run: Flyway names a target version only when it applied something. */
    static String version(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
