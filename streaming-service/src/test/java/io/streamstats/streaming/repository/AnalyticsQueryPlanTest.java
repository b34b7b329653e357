package io.streamstats.streaming.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.QueryPlan;
import io.streamstats.devkit.QueryPlan.Access;
import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.service.StatisticsService;
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
 * A creator's analytics queries ({@link ReadRepository}, exactly as the service sends them) read index ranges only,
 * on a migrated database holding 1,000 videos of 100 creators, each with a settled row every day of 366 (and the
 * week, month and year rollups the batch keeps) and a live-counter row every day: every real table is read through
 * the expected key, never scanned, and the optimizer's row estimate stays near the rows the answer needs (the
 * creator's 10 videos × the period rows that tile the range, not × 366 days). The same check refuses the seeded
 * queries a ranking or a day must not run: summing the range's daily rows, and each read without its index.
 */
class AnalyticsQueryPlanTest {

    static final String DATABASE = "analytics_plan_test";
    static final int VIDEOS = 1000;
    static final int CREATORS = 100;
    static final int DAYS = 366;
    static final LocalDate FIRST = LocalDate.parse("2024-01-01");
    static final long CREATOR = 42;
    /** A range that cuts a week and a month at both ends: days, weeks and months tile it. */
    static final LocalDate FROM = LocalDate.parse("2024-01-03");
    static final LocalDate TO = LocalDate.parse("2024-12-28");

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
            // video v (1..1000) of creator v % 100 + 1
            s.execute("INSERT INTO videos (id, creator_id, title, duration_seconds, created_at) SELECT n + 1,"
                    + " (n + 1) % " + CREATORS + " + 1, CONCAT('video ', n + 1), 600, '2024-01-01' FROM numbers"
                    + " WHERE n < " + VIDEOS);
            s.execute("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds,"
                    + " ad_views, video_amount, ad_amount) SELECT 'D', DATE '" + FIRST + "' + INTERVAL d.n DAY, v.n + 1,"
                    + " (v.n + 1) % " + CREATORS + " + 1, (v.n * 7 + d.n) % 100, (v.n + d.n * 13) % 1000,"
                    + " (v.n + d.n) % 10, (v.n * 7 + d.n) % 100, (v.n + d.n) % 10 * 10"
                    + " FROM numbers d, numbers v WHERE d.n < " + DAYS + " AND v.n < " + VIDEOS);
            for (StatPeriod period : StatPeriod.sumsOfDays()) {
                String start = switch (period) {
                    case WEEKLY -> "period_start - INTERVAL WEEKDAY(period_start) DAY";
                    case MONTHLY -> "period_start - INTERVAL (DAYOFMONTH(period_start) - 1) DAY";
                    case YEARLY -> "MAKEDATE(YEAR(period_start), 1)";
                    case DAILY -> throw new IllegalStateException();
                };
                s.execute("INSERT INTO video_period_stats SELECT '" + period.code() + "', " + start + ", video_id,"
                        + " MIN(creator_id), SUM(views), SUM(play_seconds), SUM(ad_views), SUM(video_amount),"
                        + " SUM(ad_amount) FROM video_period_stats WHERE period = 'D' GROUP BY " + start + ", video_id");
            }
            s.execute("INSERT INTO live_video_day (stat_date, video_id, creator_id, views, play_seconds, ad_views)"
                    + " SELECT period_start, video_id, creator_id, views, play_seconds, ad_views FROM video_period_stats"
                    + " WHERE period = 'D'");
            s.execute("INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                    + " SELECT period_start, '2025-01-01', 1, 1, 1 FROM video_period_stats WHERE period = 'D'"
                    + " GROUP BY period_start");
            s.execute("ANALYZE TABLE videos, video_period_stats, live_video_day, settled_dates");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void aRankingOverAYearReadsTheCreatorsPeriodRowsThatTileIt() throws SQLException {
        List<ReadRepository.PeriodRows> cover = StatisticsService.cover(FROM, TO);
        int periodRows = cover.stream().mapToInt(r -> r.starts().size()).sum();
        assertTrue(periodRows < 40, cover.toString());
        for (Ranking.CreatorMetric metric : Ranking.CreatorMetric.values()) {
            List<Access> plan = explain(ReadRepository.rankingSql(cover, metric), params(cover, 50));
            assertEquals(List.of(), problems(plan, List.of("s ix_period_creator", "v PRIMARY"),
                    10L * periodRows), plan.toString());
        }
        // the answer: the creator's 10 videos, each the sum of its days in the range
        List<Object> params = params(cover, 50);
        assertEquals(10, count(ReadRepository.rankingSql(cover, Ranking.CreatorMetric.VIEWS), params.toArray()));
        assertEquals(daySums(FROM, TO), rankingSums(cover));
    }

    @Test
    void aCreatorsTopReadsTheCreatorsRowsOfThePeriod() throws SQLException {
        // the creator's 10 videos' rows of the period, sorted: the index holds no metric since V12, so the plan is
        // the same for every metric and every period
        for (Ranking.Metric metric : Ranking.Metric.values()) {
            for (StatPeriod period : StatPeriod.values()) {
                LocalDate start = period.start(FIRST.plusDays(100));
                List<Access> plan = explain(ReadRepository.creatorTopSql(metric), CREATOR, period.code(), start,
                        Ranking.SIZE);
                assertEquals(List.of(), problems(plan, List.of("s ix_period_creator", "v PRIMARY"), 10),
                        metric + " " + period + " " + plan);
                assertEquals(Ranking.SIZE, count(ReadRepository.creatorTopSql(metric), CREATOR, period.code(), start,
                        Ranking.SIZE));
            }
        }
        // seeded: without the creator index, the period's rows of every creator are read
        List<Access> unindexed = explain(ReadRepository.creatorTopSql(Ranking.Metric.VIEWS)
                .replace(ReadRepository.CREATOR_ROWS, "video_period_stats s IGNORE INDEX (ix_period_creator)"),
                CREATOR, "M", FIRST, Ranking.SIZE);
        assertFalse(problems(unindexed, List.of("s ix_period_creator", "v PRIMARY"), 10).isEmpty(),
                unindexed.toString());
    }

    @Test
    void theDayQueriesReadOneRangeOrOneRow() throws SQLException {
        LocalDate day = FIRST.plusDays(100);
        assertEquals(List.of(), problems(explain(ReadRepository.LIVE_DAY, CREATOR, day),
                List.of("l ix_live_creator", "v PRIMARY"), 10), "live day");
        assertEquals(List.of(), problems(explain(ReadRepository.LIVE_VIDEO_DAY, day, 141L), List.of("l PRIMARY"), 1),
                "live video day");
        assertEquals(List.of(), problems(explain(ReadRepository.SETTLED_DAY, CREATOR, "D", day),
                List.of("s ix_period_creator", "v PRIMARY"), 10), "settled day");
        assertEquals(List.of(), problems(explain(ReadRepository.SETTLED_VIDEO_DAY, "D", day, 141L),
                List.of("s PRIMARY"), 1), "settled video day");
        assertEquals(List.of(), problems(explain(ReadRepository.IS_SETTLED, day), List.of("settled_dates PRIMARY"), 1),
                "settled?");
        assertEquals(10, count(ReadRepository.LIVE_DAY, CREATOR, day));
    }

    @Test
    void theCheckRefusesQueriesThatReadEveryDayOrNoIndex() throws SQLException {
        // seeded: the range summed from its daily rows (366 per video instead of the tiling periods)
        List<ReadRepository.PeriodRows> cover = StatisticsService.cover(FROM, TO);
        int periodRows = cover.stream().mapToInt(r -> r.starts().size()).sum();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            days.add(d);
        }
        List<ReadRepository.PeriodRows> daily = List.of(new ReadRepository.PeriodRows(StatPeriod.DAILY, days));
        List<Access> summed = explain(ReadRepository.rankingSql(daily, Ranking.CreatorMetric.VIEWS), params(daily, 50));
        assertFalse(problems(summed, List.of("s ix_period_creator", "v PRIMARY"), 10L * periodRows).isEmpty(),
                summed.toString());
        // seeded: each read without its index
        List<Access> ranking = explain(ReadRepository.rankingSql(cover, Ranking.CreatorMetric.VIEWS)
                .replace(ReadRepository.CREATOR_ROWS, "video_period_stats s IGNORE INDEX (ix_period_creator)"),
                params(cover, 50));
        assertFalse(problems(ranking, List.of("s ix_period_creator", "v PRIMARY"), 10L * periodRows).isEmpty(),
                ranking.toString());
        LocalDate day = FIRST.plusDays(100);
        List<Access> live = explain(ReadRepository.LIVE_DAY.replace("live_video_day l FORCE INDEX (ix_live_creator)",
                "live_video_day l IGNORE INDEX (ix_live_creator)"), CREATOR, day);
        assertFalse(problems(live, List.of("l ix_live_creator", "v PRIMARY"), 10).isEmpty(), live.toString());
    }

    /**
     * Where a plan is not what the query needs: each real table read through the expected key ("table key", in any
     * join order; derived tables, the grouped rows in memory, are skipped), never a full table or index scan, and
     * an estimate of at most twice the rows the answer needs.
     */
    static List<String> problems(List<Access> plan, List<String> expected, long rowsNeeded) {
        List<String> problems = new ArrayList<>();
        List<Access> tables = plan.stream().filter(a -> !a.derived()).toList();
        if (tables.size() != expected.size()) {
            problems.add("tables: " + tables + ", expected " + expected);
        }
        List<String> read = tables.stream().map(a -> a.table() + " " + a.key()).sorted().toList();
        if (!read.equals(expected.stream().sorted().toList())) {
            problems.add("read " + read + ", expected " + expected);
        }
        for (Access a : tables) {
            if (a.scan()) {
                problems.add(a + ": a scan");
            }
            if (a.rows() > 2 * rowsNeeded) {
                problems.add(a + ": estimates " + a.rows() + " rows for " + rowsNeeded);
            }
        }
        return problems;
    }

    private static List<Object> params(List<ReadRepository.PeriodRows> cover, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(CREATOR);
        for (ReadRepository.PeriodRows rows : cover) {
            params.add(rows.period().code());
            params.addAll(rows.starts());
        }
        params.add(limit);
        return params;
    }

    private static List<Access> explain(String sql, List<Object> params) throws SQLException {
        return explain(sql, params.toArray());
    }

    static List<Access> explain(String sql, Object... params) throws SQLException {
        return QueryPlan.explain(connection, sql, params);
    }

    /** The creator's per-video views over the range, from the daily rows. */
    private static List<List<Long>> daySums(LocalDate from, LocalDate to) throws SQLException {
        return rows("SELECT video_id, SUM(views), SUM(play_seconds), SUM(video_amount + ad_amount)"
                + " FROM video_period_stats WHERE creator_id = ? AND period = 'D' AND period_start BETWEEN ? AND ?"
                + " GROUP BY video_id ORDER BY video_id", CREATOR, from, to);
    }

    private static List<List<Long>> rankingSums(List<ReadRepository.PeriodRows> cover) throws SQLException {
        List<List<Long>> sums = new ArrayList<>();
        try (PreparedStatement ps = bind(ReadRepository.rankingSql(cover, Ranking.CreatorMetric.VIEWS),
                params(cover, 50).toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sums.add(List.of(rs.getLong(1), rs.getLong(3), rs.getLong(4), rs.getLong(6) + rs.getLong(7)));
            }
        }
        sums.sort((a, b) -> Long.compare(a.get(0), b.get(0)));
        return sums;
    }

    private static List<List<Long>> rows(String sql, Object... params) throws SQLException {
        List<List<Long>> rows = new ArrayList<>();
        try (PreparedStatement ps = bind(sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return rows;
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
