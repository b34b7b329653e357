package io.streamstats.streaming.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh test database (argument {@code database}) that the service reaches through two {@link TcpGate}s, one for
 * the primary datasource and one for the replica, so a test can take either away while the server stays up.
 * Test code itself talks to the server directly ({@link #directJdbcUrl()}).
 */
public class GatedDatabase implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpGate primary;
    private static volatile TcpGate replica;
    private static volatile String directJdbcUrl;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("GatedDatabase needs the init argument 'database'");
        }
    }

    @Override
    public Map<String, String> start() {
        DatabaseServer server = DatabaseSwitch.server();
        server.recreateDatabase(database);
        URI address = URI.create(server.baseUrl().substring("jdbc:".length()));
        primary = TcpGate.start(address.getHost(), address.getPort());
        replica = TcpGate.start(address.getHost(), address.getPort());
        directJdbcUrl = server.jdbcUrl(database);
        Map<String, String> config = new HashMap<>();
        put(config, "quarkus.datasource.", server, primary);
        put(config, "quarkus.datasource.\"replica\".", server, replica);
        config.put("test.database-server", server.baseUrl());
        return config;
    }

    private void put(Map<String, String> config, String prefix, DatabaseServer server, TcpGate gate) {
        String gated = new DatabaseServer("jdbc:mysql://127.0.0.1:" + gate.port(), server.username(),
                server.password(), server.kind()).jdbcUrl(database);
        config.put(prefix + "jdbc.url", gated);
        config.put(prefix + "username", server.username());
        config.put(prefix + "password", server.password());
        config.put(prefix + "devservices.enabled", "false");
    }

    @Override
    public void stop() {
        if (primary != null) {
            primary.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    /** The gate in front of the primary datasource. */
    public static TcpGate primary() {
        return primary;
    }

    /** The gate in front of the replica datasource. */
    public static TcpGate replica() {
        return replica;
    }

    /** The test database on the server itself, past both gates. */
    public static String directJdbcUrl() {
        return directJdbcUrl;
    }
}
