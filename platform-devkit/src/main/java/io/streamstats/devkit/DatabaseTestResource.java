package io.streamstats.devkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus test (or the packaged app under an integration test) at a fresh database on the server
 * {@link DatabaseSwitch} chooses. Arguments: {@code database} (required, one per module so modules never
 * collide) and {@code datasources} (comma-separated named datasources that get the same database, e.g.
 * {@code replica}).
 */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private String[] namedDatasources = new String[0];

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("DatabaseTestResource needs the init argument 'database'");
        }
        String names = initArgs.getOrDefault("datasources", "");
        namedDatasources = names.isBlank() ? new String[0] : names.split(",");
    }

    @Override
    public Map<String, String> start() {
        DatabaseServer server = DatabaseSwitch.server();
        server.recreateDatabase(database);
        Map<String, String> config = new HashMap<>();
        putDatasource(config, "quarkus.datasource.", server);
        for (String name : namedDatasources) {
            putDatasource(config, "quarkus.datasource.\"" + name.trim() + "\".", server);
        }
        config.put("test.database-server", server.baseUrl());
        return config;
    }

    private void putDatasource(Map<String, String> config, String prefix, DatabaseServer server) {
        config.put(prefix + "jdbc.url", server.jdbcUrl(database));
        config.put(prefix + "username", server.username());
        config.put(prefix + "password", server.password());
        config.put(prefix + "devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM; the database stays for inspection until the next run
    }
}
