package io.streamstats.batch.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One settlement-batch run at a time per database: a named lock ({@code GET_LOCK}) held by one connection for the
 * whole run. Lock names are server-wide, so the name carries the schema: runs against other databases of the same
 * server (another installation, another build's tests) neither wait for nor refuse each other.
 */
public final class BatchLock {

    /** The lock's name, {@code settlement-batch:<schema>}; names are at most 64 characters. */
    static final String NAME_SQL = "CONCAT('settlement-batch:', LEFT(DATABASE(), 47))";

    /** The lock connection's idle timeout: a year, the largest both MySQL 8.4 and MariaDB take. */
    static final int IDLE_SECONDS = 31_536_000;

    private BatchLock() {
    }

    /**
     * Takes the lock on {@code c}, waiting up to {@code seconds} for another run; false when it is still held.
     * Refuses a connection without a schema (no database in DB_URL), which would lock under no name.
     */
    public static boolean acquire(Connection c, int seconds) throws SQLException {
        if (schema(c) == null) {
            throw new IllegalStateException("DB_URL names no database (jdbc:mysql://host:3306/<database>): the batch's"
                    + " tables and its run lock are those of one database");
        }
        // the lock's connection sends nothing while the run works: the server's idle timeout (wait_timeout, 8 h by
        // default) must not close it, and the lock with it, under a long run (a back-fill of many days)
        try (PreparedStatement ps = c.prepareStatement("SET SESSION wait_timeout = " + IDLE_SECONDS)) {
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(" + NAME_SQL + ", ?)")) {
            ps.setInt(1, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /**
     * Gives the lock back. Needed although closing the connection would: a pooled connection is not closed, and
     * a later run in the same process (the tests, the bench) would find the lock held by it. Never throws: run at
     * the end of a run, it must not turn its outcome into an error; a connection that was lost took the lock with it.
     */
    public static void release(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(" + NAME_SQL + ")")) {
            ps.execute();
        } catch (SQLException e) {
            System.err.println("Could not give back the batch's lock (" + e.getMessage() + "); it ends with its"
                    + " connection");
        }
    }

    private static String schema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DATABASE()"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * What a run refused by the lock says (on stderr, exit 2); {@code waited}: after how long, or empty. The
     * launcher and the dev kit recognise it by "holds the lock".
     */
    public static String heldMessage(Connection c, String waited) throws SQLException {
        return "Another settlement-batch run holds the lock on this database (" + name(c) + waited
                + "); try again later";
    }

    /** The lock's name on {@code c}'s database, for messages. */
    public static String name(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + NAME_SQL); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "settlement-batch";
        }
    }
}
