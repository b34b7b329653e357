package io.streamstats.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MariaDB of local runs and Docker-less tests. Attack replayed: anyone who could reach the machine
 * connected to its port from another host and, with grants skipped, read and changed every user and password hash.
 */
class EmbeddedDatabaseTest {

    @TempDir
    static Path workDir;

    static Path dataDir;

    static DatabaseServer server;

    /** A temporary table of another MariaDB server on the machine, as its name would be in the default tmpdir. */
    static Path otherServersTemporaryTable;

    @BeforeAll
    static void start() throws IOException {
        otherServersTemporaryTable = Files.createFile(Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"))
                .resolve("#sql-temptable-platform-probe-" + UUID.randomUUID() + ".MAI"));
        dataDir = workDir.resolve("mariadb");
        server = DatabaseSwitch.startEmbedded(dataDir, 0);
    }

    @AfterAll
    static void stop() throws IOException {
        DatabaseSwitch.stopEmbedded();
        Files.deleteIfExists(otherServersTemporaryTable);
    }

    /**
     * Defect replayed: installing the embedded server (a fresh data directory) ran MariaDB's bootstrap with /tmp as
     * its temporary directory, and a starting server deletes every #sql* file there: a GROUP BY of 31M rows on the
     * machine's own MariaDB failed with "Error on delete of '/tmp/#sql-temptable-…'".
     */
    @Test
    void leavesTheTemporaryTablesOfOtherServersAlone() throws Exception {
        assertTrue(Files.exists(otherServersTemporaryTable), otherServersTemporaryTable + " was deleted");
        try (Connection c = DriverManager.getConnection(server.serverUrl(), server.username(), server.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT @@tmpdir")) {
            rs.next();
            assertFalse(Path.of(rs.getString(1)).equals(otherServersTemporaryTable.getParent()), rs.getString(1));
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (Connection c = DriverManager.getConnection(server.serverUrl(), server.username(), server.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT @@bind_address, @@port")) {
            rs.next();
            assertEquals("127.0.0.1", rs.getString(1));
            int port = rs.getInt(2);
            // and the socket table agrees: the port is closed on every other address of this machine
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThrows(IOException.class, () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2_000);
                    }
                }, "reachable on " + address);
            }
        }
    }

    @Test
    void refusesLoginsWithoutTheGeneratedCredentials() {
        assertEquals(DatabaseSwitch.EMBEDDED_USERNAME, server.username());
        assertTrue(server.password().matches("[0-9a-f]{32}"), "a generated password");
        for (String[] login : List.of(new String[] {"root", ""}, new String[] {"root", "root"},
                new String[] {server.username(), ""}, new String[] {server.username(), "wrong"},
                new String[] {"", ""}, new String[] {"anyone", ""})) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(server.serverUrl(), login[0], login[1]).close(),
                    "login as '" + login[0] + "' / '" + login[1] + "'");
            assertTrue(refused.getMessage().contains("Access denied"), refused.getMessage());
        }
    }

    @Test
    void theAccountCanDoWhatTestsAndLocalRunsNeed() throws Exception {
        server.recreateDatabase("embedded_check");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("embedded_check"), server.username(),
                server.password())) {
            c.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        // a persistent data directory keeps its password beside it, readable by its owner only
        Path passwordFile = DatabaseSwitch.passwordFile(dataDir);
        assertEquals(server.password(), Files.readString(passwordFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
    }
}
