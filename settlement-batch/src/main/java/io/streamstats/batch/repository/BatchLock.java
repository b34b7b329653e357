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

    private BatchLock() {
    }

    /** Takes the lock on {@code c}, waiting up to {@code seconds} for another run; false when it is still held. */
    public static boolean acquire(Connection c, int seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(" + NAME_SQL + ", ?)")) {
            ps.setInt(1, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /**
     * Gives the lock back. Needed although closing the connection would: a pooled connection is not closed, and
     * a later run in the same process (the tests, the bench) would find the lock held by it.
     */
    public static void release(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(" + NAME_SQL + ")")) {
            ps.execute();
        }
    }

    /** The lock's name on {@code c}'s database, for messages. */
    public static String name(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + NAME_SQL); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "settlement-batch";
        }
    }
}
