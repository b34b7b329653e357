package io.streamstats.streaming.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.streaming.support.Metrics;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement_* figures of /q/metrics (the dashboard's batch panels, SettlementMissing and the late-row alerts)
 * are those of the newest settled_dates row and the totals of settlement_late_rows, read from the database.
 */
@QuarkusTest
class SettlementMetricsTest {

    /** Later than any date another test settles: the newest row. */
    static final LocalDate DAY = LocalDate.parse("2099-07-01");

    @Inject
    AgroalDataSource db;

    @Inject
    SettlementMetrics metrics;

    void exec(String... statements) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @AfterEach
    void removeRows() throws SQLException {
        exec("DELETE FROM settled_dates WHERE stat_date >= '" + DAY.minusDays(1) + "'",
                "DELETE FROM settlement_late_rows WHERE stat_date >= '" + DAY.minusDays(1) + "'");
    }

    String scrape() {
        metrics.refresh();
        return Metrics.scrape();
    }

    @Test
    void theNewestSettlementAndTheLateRowTotalsAreExported() throws SQLException {
        String before = scrape();
        double lateRows = Metrics.value(before, "settlement_late_rows_total");
        double resettled = Metrics.value(before, "settlement_late_days_resettled_total");
        double pending = Metrics.value(before, "settlement_late_days_pending");

        exec("INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms) VALUES"
                        + " ('" + DAY.minusDays(1) + "', '2099-07-01 00:40:00', 9, 9, 9000),"
                        + " ('" + DAY + "', '2099-07-02 01:02:03.500000', 1234, 5000000, 12500)",
                "INSERT INTO settlement_late_rows (stat_date, detected_at, rows_settled, rows_found, resettled_at) VALUES"
                        + " ('" + DAY.minusDays(1) + "', '2099-07-02 00:31:00', 100, 110, '2099-07-02 00:40:00'),"
                        + " ('" + DAY + "', '2099-07-03 00:31:00', 50, 57, NULL)");
        String after = scrape();
        assertEquals(DAY.atStartOfDay().toEpochSecond(ZoneOffset.UTC), Metrics.value(after, "settlement_last_settled_date_seconds"));
        assertEquals(Instant.parse("2099-07-02T01:02:03Z").getEpochSecond(),
                Metrics.value(after, "settlement_last_success_timestamp_seconds"));
        assertEquals(12.5, Metrics.value(after, "settlement_last_run_duration_seconds"));
        assertEquals(5_000_000, Metrics.value(after, "settlement_last_run_rows"));
        assertEquals(1234, Metrics.value(after, "settlement_last_run_videos"));
        assertEquals(400_000, Metrics.value(after, "settlement_last_run_rows_per_second"));
        assertEquals(lateRows + 10 + 7, Metrics.value(after, "settlement_late_rows_total"));
        assertEquals(resettled + 1, Metrics.value(after, "settlement_late_days_resettled_total"));
        assertEquals(pending + 1, Metrics.value(after, "settlement_late_days_pending"));
    }
}
