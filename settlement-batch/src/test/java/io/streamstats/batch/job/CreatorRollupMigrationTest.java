package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamstats.batch.support.BatchDatabase;
import io.streamstats.batch.support.CreatorRollups;
import io.streamstats.batch.support.History;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import java.sql.DriverManager;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V10 adds creator_daily_stats to a database with settled days: each creator's day is the sum of its videos'. */
class CreatorRollupMigrationTest {

    @Test
    void daysSettledBeforeTheCreatorRollupExistedAreSummed() {
        DatabaseServer server = DatabaseSwitch.server();
        String database = "batch_creator_migration";
        server.recreateDatabase(database);
        migrate(server, database, "6");
        History history = new History(() -> DriverManager.getConnection(server.jdbcUrl(database), server.username(),
                server.password()));
        // (date, video, creator, views, play, ads, lifetime views, lifetime ads, history rows); then won, ad won
        history.exec("INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views,"
                        + " cumulative_views, cumulative_ad_views, history_rows) VALUES"
                        + " ('2026-01-31', 1, 7, 10, 100, 1, 10, 1, 11), ('2026-01-31', 2, 7, 5, 50, 0, 5, 0, 5),"
                        + " ('2026-01-31', 3, 8, 1, 10, 2, 1, 2, 3), ('2026-02-01', 1, 7, 2, 20, 0, 12, 1, 2)",
                "INSERT INTO video_daily_settlement (stat_date, video_id, creator_id, video_amount, ad_amount)"
                        + " VALUES ('2026-01-31', 1, 7, 10, 10), ('2026-01-31', 2, 7, 5, 0),"
                        + " ('2026-01-31', 3, 8, 1, 20), ('2026-02-01', 1, 7, 2, 0)");
        migrate(server, database, "10");
        assertEquals(List.of(
                        List.of("2026-01-31", "7", "15", "150", "1", "15", "10"),
                        List.of("2026-01-31", "8", "1", "10", "2", "1", "20"),
                        List.of("2026-02-01", "7", "2", "20", "0", "2", "0")),
                history.rows(CreatorRollupTest.CREATOR_ROWS));
        assertEquals(List.of(), new CreatorRollups(history).problems());
    }

    private static void migrate(DatabaseServer server, String database, String target) {
        Flyway.configure().dataSource(server.jdbcUrl(database), server.username(), server.password())
                .locations(BatchDatabase.MIGRATIONS).target(target).load().migrate();
    }
}
