package io.streamstats.streaming.repository;

import java.sql.SQLException;

/** Small JDBC helpers shared by the repositories. */
final class Sql {

    private Sql() {
    }

    /**
     * A deadlock: the database rolled the transaction back and it may simply be run again. A lock-wait timeout is
     * not retried: the row is held by someone slow, and waiting again would hold up the whole batch.
     */
    static boolean isDeadlock(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Connector/J reports a lock-wait timeout (1205) with SQLState 40001 too
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1213
                    || "40001".equals(sql.getSQLState()) && sql.getErrorCode() != 1205)) {
                return true;
            }
        }
        return false;
    }
}
