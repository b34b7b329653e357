package io.streamstats.streaming.repository;

import static io.streamstats.devkit.QueryPlan.notAnIndexRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.QueryPlan;
import io.streamstats.devkit.QueryPlan.Access;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settlement statement's queries ({@link StatementReads}, exactly as the service sends them, and the month
 * query of {@link ReadRepository#settlement}) read one index range of the calling creator's rows, on a migrated
 * database of its own: {@value #CREATORS} creators with {@value #VIDEOS_PER_CREATOR} videos each, a daily row per
 * video for each of {@value #DAYS} days (the longest range a statement covers), their month rows and the settled
 * dates ({@value #CREATORS} × {@value #VIDEOS_PER_CREATOR} × {@value #DAYS} = 366,000 daily rows). The optimizer's
 * choice depends on the creator's share of the table, small here as on the platform; the plan names the expected
 * index, nothing is scanned, and the row estimate stays near the creator's own rows. The same check refuses a
 * seeded query without the creator condition.
 */
class StatementQueryPlanTest {

    static final String DATABASE = "statement_plan_test";
    static final int CREATORS = 250;
    static final int VIDEOS_PER_CREATOR = 4;
    static final int DAYS = 366;
    /** Settled days on each side of the statements' range. */
    static final int SETTLED_AROUND = 300;
    static final long FIRST_CREATOR = 1;
    static final LocalDate FIRST_DAY = LocalDate.parse("2001-01-01");

    /** The month statement's query: ReadRepository.settlement's (GET /api/settlements), on the month rows. */
    static final String MONTH_SQL = ReadRepository.SETTLEMENT_SQL;

    static Connection connection;

    @BeforeAll
    static void fill() throws SQLException {
        DatabaseServer server = DatabaseSwitch.server();
        server.recreateDatabase(DATABASE);
        Flyway.configure().dataSource(server.jdbcUrl(DATABASE), server.username(), server.password())
                .locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.username(), server.password());
        try (Statement s = connection.createStatement()) {
            String digits = "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                    + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            String thousand = "(SELECT a.n + 10 * b.n + 100 * c.n AS n FROM " + digits + " a, " + digits + " b, "
                    + digits + " c)";
            s.executeUpdate("INSERT INTO videos (creator_id, title, duration_seconds, created_at)"
                    + " SELECT " + FIRST_CREATOR + " + k.n DIV " + VIDEOS_PER_CREATOR + ", CONCAT('plan ', k.n), 600,"
                    + " '2001-01-01' FROM (SELECT x.n + 1000 * y.n AS n FROM " + thousand + " x, " + digits + " y) k"
                    + " WHERE k.n < " + CREATORS * VIDEOS_PER_CREATOR);
            s.executeUpdate("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount)"
                    + " SELECT 'D', DATE_ADD('" + FIRST_DAY + "', INTERVAL d.n DAY), v.id, v.creator_id,"
                    + " (v.id * 7919 + d.n * 104729) % 1009, 60, (v.id + d.n) % 7, (v.id * 7919 + d.n * 104729) % 1009,"
                    + " ((v.id + d.n) % 7) * 10"
                    + " FROM videos v, " + thousand + " d WHERE d.n < " + DAYS);
            s.executeUpdate("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount)"
                    + " SELECT 'M', DATE_SUB(period_start, INTERVAL DAYOFMONTH(period_start) - 1 DAY), video_id,"
                    + " MIN(creator_id), SUM(views), SUM(play_seconds), SUM(ad_views), SUM(video_amount), SUM(ad_amount)"
                    + " FROM video_period_stats WHERE period = 'D'"
                    + " GROUP BY DATE_SUB(period_start, INTERVAL DAYOFMONTH(period_start) - 1 DAY), video_id");
            // the month of other creators' videos: on the platform a month holds far more videos than one creator's
            // (here 50,000 more), which is what makes the creator's index the cheaper read of a month too
            s.executeUpdate("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount)"
                    + " SELECT 'M', '2001-02-01', 100000 + k.n, 100000 + k.n DIV 4, 1, 1, 0, 1, 0 FROM (SELECT x.n"
                    + " + 1000 * y.n + 10000 * z.n AS n FROM " + thousand + " x, " + digits + " y, " + digits + " z"
                    + " WHERE z.n < 5) k");
            // settled days before and after the statement's range too, as a running platform has: a range that
            // held every row of the table would rightly be read as a full scan (MariaDB 11.4's cost model does)
            s.executeUpdate("INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                    + " SELECT DATE_ADD('" + FIRST_DAY.minusDays(SETTLED_AROUND) + "', INTERVAL d.n DAY),"
                    + " UTC_TIMESTAMP(6), 0, 0, 0 FROM " + thousand + " d WHERE d.n < " + (DAYS + 2 * SETTLED_AROUND));
            s.execute("ANALYZE TABLE video_period_stats, videos, settled_dates");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void theRangeStatementReadsTheCreatorsDailyRowsByIndexRange() throws SQLException {
        long creator = FIRST_CREATOR + CREATORS / 2;
        long creatorsRows = (long) VIDEOS_PER_CREATOR * DAYS;
        assertEquals(creatorsRows, count("SELECT COUNT(*) FROM video_period_stats WHERE creator_id = ? AND period = 'D'",
                creator));
        List<Access> plan = explain(StatementReads.DAILY_SUMS_SQL, creator, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
        assertEquals(List.of(), notAnIndexRange(plan, "s", "ix_period_creator", 2 * creatorsRows));
        assertEquals(List.of(), notAnIndexRange(plan, "v", "PRIMARY", 1));
        // the checks refuse a broken query: the same without the creator reads every creator's days
        String unscoped = StatementReads.DAILY_SUMS_SQL.replace("s.creator_id = ? AND ", "");
        assertNotEquals(StatementReads.DAILY_SUMS_SQL, unscoped);
        List<Access> broken = explain(unscoped, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
        assertFalse(notAnIndexRange(broken, "s", "ix_period_creator", 2 * creatorsRows).isEmpty(), broken.toString());
    }

    @Test
    void theMonthStatementReadsTheCreatorsMonthRowsByIndex() throws SQLException {
        List<Access> plan = explain(MONTH_SQL, FIRST_CREATOR + 7, "M", LocalDate.parse("2001-02-01"));
        assertEquals(List.of(), notAnIndexRange(plan, "s", "ix_period_creator", 2 * VIDEOS_PER_CREATOR));
        assertEquals(List.of(), notAnIndexRange(plan, "v", "PRIMARY", 1));
        // seeded: the plan MariaDB once chose for this query without the index named (from sampled statistics), an
        // intersection with the primary key's range of the whole month
        assertFalse(notAnIndexRange(List.of(new Access("s", "index_merge", "ix_period_creator,PRIMARY", 1)), "s",
                "ix_period_creator", 2 * VIDEOS_PER_CREATOR).isEmpty());
    }

    @Test
    void theSettledDaysAreCountedByPrimaryKeyRange() throws SQLException {
        List<Access> plan = explain(StatementReads.SETTLED_DAYS_SQL, FIRST_DAY, FIRST_DAY.plusDays(DAYS - 1));
        assertEquals(List.of(), notAnIndexRange(plan, "settled_dates", "PRIMARY", 2 * DAYS));
    }

    private static List<Access> explain(String sql, Object... values) throws SQLException {
        return QueryPlan.explain(connection, sql, values);
    }

    private static long count(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
