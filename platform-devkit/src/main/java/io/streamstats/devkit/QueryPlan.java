package io.streamstats.devkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's plan as the server chose it: the lines of a traditional {@code EXPLAIN} (the same columns on MySQL 8.4
 * and MariaDB), for the tests that pin the plans of the queries the services and the batch send.
 */
public final class QueryPlan {

    private QueryPlan() {
    }

    /** One table's line: how it is read (type), through which key, and the optimizer's row estimate. */
    public record Access(String table, String type, String key, long rows) {

        /** A derived table or a union's result (the rows already in memory), not a stored table. */
        public boolean derived() {
            return table != null && table.startsWith("<");
        }

        /** A read of the whole table or of a whole index. */
        public boolean scan() {
            return "ALL".equals(type) || "index".equals(type);
        }
    }

    /** The plan of the query with its parameters bound, in the order EXPLAIN prints it (the join order). */
    public static List<Access> explain(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Access> plan = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(new Access(rs.getString("table"), rs.getString("type"), rs.getString("key"),
                            rs.getLong("rows")));
                }
            }
            return plan;
        }
    }

    /**
     * What keeps the table's one access in the plan from being an index lookup or range (type ref, eq_ref or range)
     * on that key of at most maxRows estimated rows; empty when it is one. A {@code const} access (one row by a
     * constant key) is not accepted: the queries checked read ranges.
     */
    public static List<String> notAnIndexRange(List<Access> plan, String table, String key, long maxRows) {
        List<Access> accesses = plan.stream().filter(a -> table.equals(a.table())).toList();
        if (accesses.size() != 1) {
            return List.of(accesses.size() + " accesses of " + table + " in " + plan);
        }
        Access access = accesses.get(0);
        List<String> problems = new ArrayList<>();
        if (!List.of("ref", "eq_ref", "range").contains(access.type())) {
            problems.add(table + ": access " + access.type());
        }
        if (!key.equals(access.key())) {
            problems.add(table + ": key " + access.key() + ", not " + key);
        }
        if (access.rows() > maxRows) {
            problems.add(table + ": " + access.rows() + " rows estimated, more than " + maxRows);
        }
        return problems;
    }
}
