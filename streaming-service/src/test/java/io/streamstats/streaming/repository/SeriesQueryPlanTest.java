package io.streamstats.streaming.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The time-series queries ({@link SeriesReads}, exactly as the service sends them) read one index range each, on a
 * migrated database holding 1,000 videos of 100 creators × 200 settled days (200,000 video rows per table): the
 * plan names the expected index, no table is scanned, and the optimizer's row estimate stays near the days read.
 * The same check refuses the queries a channel series must not run (seeded: summing the videos' rows, the video's
 * rows without its index).
 */
class SeriesQueryPlanTest {

    static final String DATABASE = "series_plan_test";
    static final int VIDEOS = 1000;
    static final int CREATORS = 100;
    static final int DAYS = 200;
    static final LocalDate FIRST = LocalDate.parse("2026-01-01");

    static DatabaseServer server;
    static Connection connection;

    @BeforeAll
    static void fill() throws SQLException {
        server = DatabaseSwitch.server();
        server.recreateDatabase(DATABASE);
        Flyway.configure().dataSource(server.jdbcUrl(DATABASE), server.username(), server.password())
                .locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.username(), server.password());
        String digits = "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE numbers (n INT PRIMARY KEY)");
            s.execute("INSERT INTO numbers SELECT a.n + 10 * b.n + 100 * c.n FROM " + digits + " a, " + digits + " b, "
                    + digits + " c");
            // video v (1..1000) of creator v % 100 + 1, every day of 200
            s.execute("INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views,"
                    + " cumulative_views, cumulative_ad_views, history_rows) SELECT DATE '" + FIRST + "' + INTERVAL d.n"
                    + " DAY, v.n + 1, (v.n + 1) % " + CREATORS + " + 1, (v.n * 7 + d.n) % 100, (v.n + d.n * 13) % 1000,"
                    + " (v.n + d.n) % 10, 0, 0, 1 FROM numbers d, numbers v WHERE d.n < " + DAYS + " AND v.n < "
                    + VIDEOS);
            s.execute("INSERT INTO video_daily_settlement (stat_date, video_id, creator_id, video_amount, ad_amount)"
                    + " SELECT stat_date, video_id, creator_id, views, ad_views * 10 FROM video_daily_stats");
            s.execute("INSERT INTO creator_daily_stats (creator_id, stat_date, views, play_seconds, ad_views,"
                    + " video_amount, ad_amount) SELECT s.creator_id, s.stat_date, SUM(s.views), SUM(s.play_seconds),"
                    + " SUM(s.ad_views), SUM(t.video_amount), SUM(t.ad_amount) FROM video_daily_stats s"
                    + " JOIN video_daily_settlement t ON t.stat_date = s.stat_date AND t.video_id = s.video_id"
                    + " GROUP BY s.creator_id, s.stat_date");
            s.execute("ANALYZE TABLE video_daily_stats, video_daily_settlement, creator_daily_stats");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    /** The longest read: a 100-day range and its previous 100 days, as the service asks for it. */
    static final LocalDate FROM = FIRST;
    static final LocalDate TO = FIRST.plusDays(DAYS - 1);

    @Test
    void theChannelSeriesIsOneRangeOfTheCreatorRollup() throws SQLException {
        List<Access> plan = explain(SeriesReads.CHANNEL_DAYS, 42L, FROM, TO);
        assertEquals(List.of(), problems(plan, List.of("creator_daily_stats PRIMARY")), plan.toString());
        // the answer: one row per settled day of the creator
        assertEquals(DAYS, count(SeriesReads.CHANNEL_DAYS, 42L, FROM, TO));
    }

    @Test
    void theVideoSeriesIsOneRangeOfTheVideoIndexAndOneKeyLookupPerDay() throws SQLException {
        List<Access> plan = explain(SeriesReads.VIDEO_DAYS, 420L, FROM, TO);
        assertEquals(List.of(), problems(plan, List.of("s ix_daily_stats_video", "t PRIMARY")), plan.toString());
        assertEquals("eq_ref", plan.get(1).type(), plan.toString());
        assertEquals(DAYS, count(SeriesReads.VIDEO_DAYS, 420L, FROM, TO));
    }

    @Test
    void theCheckRefusesQueriesThatReadEveryVideosDays() throws SQLException {
        // seeded: a channel series summed from the videos' rows (a range of the whole table's dates)
        List<Access> summed = explain("SELECT s.stat_date, SUM(s.views) FROM video_daily_stats s"
                + " WHERE s.creator_id = ? AND s.stat_date BETWEEN ? AND ? GROUP BY s.stat_date", 42L, FROM, TO);
        assertTrue(!problems(summed, List.of("s PRIMARY")).isEmpty(), summed.toString());
        // seeded: the video's days without ix_daily_stats_video
        List<Access> unindexed = explain(SeriesReads.VIDEO_DAYS.replace("video_daily_stats s",
                "video_daily_stats s IGNORE INDEX (ix_daily_stats_video)"), 420L, FROM, TO);
        assertTrue(!problems(unindexed, List.of("s ix_daily_stats_video", "t PRIMARY")).isEmpty(),
                unindexed.toString());
    }

    /**
     * Where a plan is not what the series needs: each table read through the expected key ("table key", in join
     * order), never a full table or index scan, and at most a read of the days asked for (both ranges, 2 × 200)
     * plus the optimizer's slack per table.
     */
    static List<String> problems(List<Access> plan, List<String> expected) {
        List<String> problems = new ArrayList<>();
        if (plan.size() != expected.size()) {
            problems.add("tables: " + plan.size() + ", expected " + expected);
        }
        for (int i = 0; i < plan.size(); i++) {
            Access a = plan.get(i);
            if (i < expected.size() && !expected.get(i).equals(a.table() + " " + a.key())) {
                problems.add(a + ": expected " + expected.get(i));
            }
            if (a.scan()) {
                problems.add(a + ": a scan");
            }
            if (a.rows() > 2L * DAYS * 2) {
                problems.add(a + ": estimates " + a.rows() + " rows for " + DAYS + " days");
            }
        }
        return problems;
    }

    static List<Access> explain(String sql, Object... params) throws SQLException {
        return QueryPlan.explain(connection, sql, params);
    }

    static int count(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = bind(sql, params); ResultSet rs = ps.executeQuery()) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return rows;
        }
    }

    static PreparedStatement bind(String sql, Object... params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
