package io.streamstats.streaming.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code watch_history_partitioned_until_seconds}: the last day that has its own partition, read from the database
 * (the alert WatchHistoryPartitionsRunningOut compares it with the time). Day partitions are made here as the batch's
 * partitions command makes them, by splitting p_future.
 */
@QuarkusTest
class HistoryPartitionsGaugeTest {

    static final LocalDate EARLIER = LocalDate.parse("2031-05-30");
    static final LocalDate LAST = LocalDate.parse("2031-06-02");

    @Inject
    AgroalDataSource db;

    @Inject
    SettlementMetrics metrics;

    void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String partition(LocalDate day) {
        return "PARTITION p" + day.toString().replace("-", "") + " VALUES LESS THAN ('" + day.plusDays(1) + "')";
    }

    double gauge() {
        metrics.refresh();
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^watch_history_partitioned_until_seconds\\{[^}]*} (\\S+)$").matcher(scrape);
        assertTrue(m.find(), "the gauge is exported");
        return Double.parseDouble(m.group(1));
    }

    /** Back to p_history and p_future, as migrated, whatever the test made. */
    @AfterEach
    void onlyHistoryAndFuture() throws SQLException {
        java.util.List<String> made = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA ="
                     + " DATABASE() AND TABLE_NAME = 'watch_history' AND PARTITION_NAME <> 'p_history'"
                     + " ORDER BY PARTITION_ORDINAL_POSITION")) {
            while (rs.next()) {
                made.add(rs.getString(1));
            }
        }
        if (made.size() > 1) {
            exec("ALTER TABLE watch_history REORGANIZE PARTITION " + String.join(", ", made)
                    + " INTO (PARTITION p_future VALUES LESS THAN (MAXVALUE))");
        }
    }

    @Test
    void theLastDayPartitionIsExportedAndNothingBeforeTheFirst() throws SQLException {
        // only p_history and p_future, as migrated: no day to report
        assertTrue(Double.isNaN(gauge()));
        // a partition of another name after the days does not count: only pYYYYMMDD names a day
        exec("ALTER TABLE watch_history REORGANIZE PARTITION p_future INTO (" + partition(EARLIER) + ", "
                + partition(LAST) + ", PARTITION p_other VALUES LESS THAN ('2032-01-01'),"
                + " PARTITION p_future VALUES LESS THAN (MAXVALUE))");
        assertEquals(LAST.atStartOfDay().toEpochSecond(ZoneOffset.UTC), (long) gauge());
    }
}
