package io.streamstats.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.support.CliRun;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One run at a time per database: a run on this database refuses to start beside another (exit 2, and `partitions`
 * after its wait), a lock of the same server taken for another database does not stop it, and runs one after the
 * other in one process each find the lock free (it is given back, not left on a pooled connection).
 */
@QuarkusTest
class RunLockTest {

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    @Inject
    BatchClock clock;

    @Inject
    BatchConfig config;

    History history;
    LocalDate yesterday;

    @BeforeEach
    void day() {
        history = new History(db::getConnection);
        history.clear();
        yesterday = BatchClock.lastClosedDay(clock.now(), config.zone(), config.openDayGrace());
        history.video(1, 7);
        history.watch(yesterday, 1, 100, 3, 0, 0);
    }

    /** Holds a named lock on a connection of its own, as another process would. */
    private static boolean take(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** The other process ends: its locks go (a pooled connection is not closed, so it gives them back). */
    private static void releaseAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_ALL_LOCKS()")) {
            ps.execute();
        }
    }

    private static String schema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DATABASE()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void anotherRunOnThisDatabaseIsRefused() throws SQLException {
        try (Connection other = db.getConnection()) {
            String name = "settlement-batch:" + schema(other);
            assertTrue(take(other, name), name);
            try {
                refusedBeside(name);
            } finally {
                releaseAll(other);
            }
        }
        // the other run ended: the lock is free
        CliRun settle = CliRun.of(cli, "settle", "--date", yesterday.toString());
        assertEquals(0, settle.exit(), settle.out() + settle.err());
    }

    private void refusedBeside(String name) {
        CliRun settle = CliRun.of(cli, "settle", "--date", yesterday.toString());
        assertEquals(BatchMain.USAGE, settle.exit(), settle.out() + settle.err());
        assertTrue(settle.err().contains("Another settlement-batch run holds the lock on this database (" + name
                + ")"), settle.err());
        // no arguments at all: the default command, settle (the last day that is over), refused by the same lock
        CliRun bare = CliRun.of(cli);
        assertEquals(BatchMain.USAGE, bare.exit(), bare.out() + bare.err());
        assertTrue(bare.err().contains("Another settlement-batch run holds the lock on this database (" + name
                + ")"), bare.err());
        assertEquals(0, history.number("SELECT COUNT(*) FROM settled_dates"), "nothing settled beside it");
        CliRun partitions = CliRun.of(cli, "partitions", "--wait-for-batch-seconds", "1");
        assertEquals(BatchMain.USAGE, partitions.exit(), partitions.out() + partitions.err());
        assertTrue(partitions.err().contains("waited 1 s"), partitions.err());
        assertTrue(partitions.out().contains("Waiting up to 1 s for the running settlement (" + name + ")"),
                partitions.out());
    }

    @Test
    void aRunOnAnotherDatabaseOfTheServerDoesNotStopThisOne() throws SQLException {
        try (Connection other = db.getConnection()) {
            // another installation's database on the same server (a name of its own: builds may share the server)
            assertTrue(take(other, "settlement-batch:another_" + java.util.UUID.randomUUID().toString().substring(0, 8)));
            take(other, "settlement-batch"); // the name every database shared before (held by another, it still is)
            try {
                CliRun settle = CliRun.of(cli, "settle", "--date", yesterday.toString());
                assertEquals(0, settle.exit(), settle.out() + settle.err());
            } finally {
                releaseAll(other);
            }
        }
    }

    @Test
    void runsOneAfterTheOtherInOneProcessEachFindTheLockFree() {
        for (int i = 0; i < 3; i++) {
            CliRun settle = CliRun.of(cli, "settle", "--date", yesterday.toString());
            assertEquals(0, settle.exit(), i + ": " + settle.out() + settle.err());
            CliRun partitions = CliRun.of(cli, "partitions", "--wait-for-batch-seconds", "1");
            assertEquals(0, partitions.exit(), i + ": " + partitions.out() + partitions.err());
        }
        // and none is left held by this process's pooled connections
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT IS_USED_LOCK(CONCAT('settlement-batch:', DATABASE()))");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(null, rs.getObject(1), "the lock is still held by a connection of the pool");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DB_URL without a database would lock under no name (NULL: "held" on MariaDB, an error on MySQL): refused. */
    @Test
    void aConnectionWithoutADatabaseIsRefusedClearly() throws SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class)
                .replaceFirst("^(jdbc:mysql://[^/?]+)/[^?]*", "$1/");
        try (Connection noSchema = java.sql.DriverManager.getConnection(url,
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("root"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> io.streamstats.batch.repository.BatchLock.acquire(noSchema, 0));
            assertTrue(refused.getMessage().contains("DB_URL names no database"), refused.getMessage());
        }
    }
}
