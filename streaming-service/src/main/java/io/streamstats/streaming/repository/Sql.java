package io.streamstats.streaming.repository;

import java.sql.SQLException;

/** Small JDBC helpers shared by the repositories. */
final class Sql {

    private Sql() {
    }

    /** Deadlock or lock-wait timeout: the transaction was rolled back and may simply be run again. */
    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }
}
