package io.streamstats.devkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A MySQL-compatible server that tests and local runs talk to, and the databases created on it.
 *
 * @param baseUrl  {@code jdbc:mysql://host:port} (no database, no parameters)
 * @param username account with rights to create databases
 * @param password its password
 * @param kind     where it came from, for logs: {@code env}, {@code testcontainers} or {@code embedded}
 */
public record DatabaseServer(String baseUrl, String username, String password, String kind) {

    /** Connection parameters every module uses; identical on MySQL 8.4 and MariaDB. */
    public static final String URL_PARAMETERS = "useSSL=false&allowPublicKeyRetrieval=true"
            + "&rewriteBatchedStatements=true&allowLoadLocalInfile=true&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public String jdbcUrl(String database) {
        return baseUrl + "/" + database + "?" + URL_PARAMETERS;
    }

    public String serverUrl() {
        return baseUrl + "/?" + URL_PARAMETERS;
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabase(String database) {
        execute("CREATE DATABASE IF NOT EXISTS " + checkedName(database)
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    /** Drops and creates the database, so a test run starts from an empty schema. */
    public void recreateDatabase(String database) {
        execute("DROP DATABASE IF EXISTS " + checkedName(database));
        createDatabase(database);
    }

    /** Fails with a clear message when the server cannot be reached. */
    public void checkReachable() {
        try (Connection ignored = DriverManager.getConnection(serverUrl(), username, password)) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("Database server " + baseUrl + " (" + kind + ") is unreachable: "
                    + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), username, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Database server " + baseUrl + " (" + kind + "): " + sql + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static String checkedName(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a valid database name: " + database);
        }
        return database;
    }
}
