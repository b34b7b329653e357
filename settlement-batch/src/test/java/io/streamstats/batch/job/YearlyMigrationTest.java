package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamstats.batch.support.BatchDatabase;
import io.streamstats.batch.support.History;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import java.sql.DriverManager;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V5 adds the year to a database settled before years existed: each video's year row is the sum of its settled
 * days (also where a new batch already wrote a partial year row), and each year gets its platform-wide Top 5.
 */
class YearlyMigrationTest {

    @Test
    void daysSettledBeforeTheYearExistedRollUpIntoIt() {
        DatabaseServer server = DatabaseSwitch.server();
        String database = "batch_yearly_migration";
        server.recreateDatabase(database);
        migrate(server, database, "4");
        History history = new History(() -> DriverManager.getConnection(server.jdbcUrl(database), server.username(),
                server.password()));
        // D rows as an earlier release left them (period, start, video, creator, views, play, ads, won, ad won)
        history.exec("INSERT INTO video_period_stats VALUES"
                + " ('D', '2025-12-31', 1, 7, 10, 100, 1, 10, 10), ('D', '2026-01-01', 1, 7, 5, 50, 0, 5, 0),"
                + " ('D', '2026-01-02', 1, 7, 1, 10, 2, 1, 20), ('D', '2026-01-02', 2, 8, 6, 0, 0, 6, 0),"
                + " ('D', '2026-03-01', 3, 8, 6, 5, 0, 6, 0), ('D', '2026-03-01', 4, 8, 0, 0, 0, 0, 0),"
                + " ('W', '2025-12-29', 1, 7, 16, 160, 3, 16, 30), ('M', '2026-01-01', 1, 7, 6, 60, 2, 6, 20)",
                // a new batch settled 2026-03-01 before the migration ran: its partial year row is replaced
                "INSERT INTO video_period_stats VALUES ('Y', '2026-01-01', 3, 8, 6, 5, 0, 6, 0),"
                + " ('Y', '2026-01-01', 1, 7, 99, 99, 99, 99, 99)");
        migrate(server, database, "5");

        assertEquals(List.of(
                        List.of("2025-01-01", "1", "7", "10", "100", "1", "10", "10"),
                        List.of("2026-01-01", "1", "7", "6", "60", "2", "6", "20"),
                        List.of("2026-01-01", "2", "8", "6", "0", "0", "6", "0"),
                        List.of("2026-01-01", "3", "8", "6", "5", "0", "6", "0"),
                        List.of("2026-01-01", "4", "8", "0", "0", "0", "0", "0")),
                history.rows(PeriodRollupTest.YEAR_ROWS));
        // 2026 by views: three videos with 6 (ties to the lower id); by play time: 60, 5; video 4 ranks nowhere
        assertEquals(List.of(
                        List.of("2025-01-01", "P", "1", "1"), List.of("2025-01-01", "V", "1", "1"),
                        List.of("2026-01-01", "P", "1", "1"), List.of("2026-01-01", "P", "2", "3"),
                        List.of("2026-01-01", "V", "1", "1"), List.of("2026-01-01", "V", "2", "2"),
                        List.of("2026-01-01", "V", "3", "3")),
                history.rows("SELECT period_start, metric, rank_no, video_id FROM period_top WHERE period = 'Y'"
                        + " ORDER BY period_start, metric, rank_no"));
        // the other periods are untouched
        assertEquals(8, history.number("SELECT COUNT(*) FROM video_period_stats WHERE period <> 'Y'"));
    }

    private static void migrate(DatabaseServer server, String database, String target) {
        Flyway.configure().dataSource(server.jdbcUrl(database), server.username(), server.password())
                .locations(BatchDatabase.MIGRATIONS).target(target).load().migrate();
    }
}
