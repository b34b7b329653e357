package io.streamstats.batch.support;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.DatabaseTestResource;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A fresh database for the batch's tests, with the schema streaming-service's migrations define (the batch reads
 * and writes those tables).
 */
public class BatchDatabase extends DatabaseTestResource {

    public static final String MIGRATIONS = "filesystem:../streaming-service/src/main/resources/db/migration";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        migrate(DatabaseSwitch.server(), "batch_test");
        return config;
    }

    public static void migrate(DatabaseServer server, String database) {
        Flyway.configure().dataSource(server.jdbcUrl(database), server.username(), server.password())
                .locations(MIGRATIONS).load().migrate();
    }
}
