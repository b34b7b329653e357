package io.streamstats.batch.repository;

import static io.streamstats.devkit.QueryPlan.notAnIndexRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.streamstats.batch.support.BatchDatabase;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.QueryPlan;
import io.streamstats.devkit.QueryPlan.Access;
import io.streamstats.domain.time.StatPeriod;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The creator rollup's statement ({@link CreatorRollupRepository#INSERT_DAY_SQL}, the {@code INSERT … SELECT} exactly
 * as the batch sends it) reads one primary-key range of the day's D rows, on a migrated database of its own:
 * {@value #VIDEOS} videos of {@value #CREATORS} creators with a D row each for {@value #DAYS} days, and their week and
 * month rows, so that a day is a small share of the table, as it is on the platform. The estimate stays within 3 ×
 * the day's rows (MariaDB's, from sampled statistics, is 1.7–2.5 × here depending on the day). The same check refuses
 * a seeded statement that has lost its date condition (every day's D rows).
 */
class CreatorRollupQueryPlanTest {

    static final String DATABASE = "creator_rollup_plan_test";
    static final int VIDEOS = 2_000;
    static final int CREATORS = 200;
    static final int DAYS = 60;
    static final LocalDate FIRST_DAY = LocalDate.parse("2001-01-01");

    static Connection connection;

    @BeforeAll
    static void fill() throws SQLException {
        DatabaseServer server = DatabaseSwitch.server();
        server.recreateDatabase(DATABASE);
        BatchDatabase.migrate(server, DATABASE);
        connection = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.username(), server.password());
        try (Statement s = connection.createStatement()) {
            String digits = "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                    + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            String thousand = "(SELECT a.n + 10 * b.n + 100 * c.n AS n FROM " + digits + " a, " + digits + " b, "
                    + digits + " c)";
            s.executeUpdate("INSERT INTO videos (creator_id, title, duration_seconds, created_at)"
                    + " SELECT 1 + k.n % " + CREATORS + ", CONCAT('plan ', k.n), 600, '2001-01-01'"
                    + " FROM (SELECT x.n + 1000 * y.n AS n FROM " + thousand + " x, " + digits + " y) k"
                    + " WHERE k.n < " + VIDEOS);
            s.executeUpdate("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount)"
                    + " SELECT 'D', DATE_ADD('" + FIRST_DAY + "', INTERVAL d.n DAY), v.id, v.creator_id,"
                    + " (v.id * 7919 + d.n * 104729) % 1009, 60, (v.id + d.n) % 7, (v.id * 7919 + d.n * 104729) % 1009,"
                    + " ((v.id + d.n) % 7) * 10 FROM videos v, " + thousand + " d WHERE d.n < " + DAYS);
            for (String period : List.of("W", "M")) {
                String start = period.equals("W") ? "DATE_SUB(period_start, INTERVAL WEEKDAY(period_start) DAY)"
                        : "DATE_SUB(period_start, INTERVAL DAYOFMONTH(period_start) - 1 DAY)";
                s.executeUpdate("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                        + " play_seconds, ad_views, video_amount, ad_amount)"
                        + " SELECT '" + period + "', " + start + ", video_id, MIN(creator_id), SUM(views),"
                        + " SUM(play_seconds), SUM(ad_views), SUM(video_amount), SUM(ad_amount)"
                        + " FROM video_period_stats WHERE period = 'D' GROUP BY " + start + ", video_id");
            }
            s.execute("ANALYZE TABLE video_period_stats, videos");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void aDaysCreatorSumsReadTheDaysRowsByPrimaryKeyRange() throws SQLException {
        for (LocalDate day : List.of(FIRST_DAY, FIRST_DAY.plusDays(DAYS / 2), FIRST_DAY.plusDays(DAYS - 1))) {
            List<Access> plan = QueryPlan.explain(connection, CreatorRollupRepository.INSERT_DAY_SQL,
                    StatPeriod.DAILY.code(), day);
            assertEquals(List.of(), notAnIndexRange(plan, "video_period_stats", "PRIMARY", 3L * VIDEOS),
                    day + ": " + plan);
        }
        // the check refuses a broken statement: the same without the date reads every day's D rows
        String everyDay = CreatorRollupRepository.INSERT_DAY_SQL.replace(" AND period_start = ?", "");
        assertNotEquals(CreatorRollupRepository.INSERT_DAY_SQL, everyDay);
        List<Access> broken = QueryPlan.explain(connection, everyDay, StatPeriod.DAILY.code());
        assertFalse(notAnIndexRange(broken, "video_period_stats", "PRIMARY", 3L * VIDEOS).isEmpty(),
                broken.toString());
    }
}
