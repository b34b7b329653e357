package io.streamstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.domain.PriceSchedule;
import io.streamstats.batch.domain.TierPricing;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generator's data through the real job, via the bench commands: totals preserved, every video priced as the Java rule says. */
@QuarkusTest
class GeneratedDayTest {

    @Inject
    AgroalDataSource db;

    @Inject
    BenchMain cli;

    History history;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        history.clear();
    }

    @Test
    void generatedDaySettlesToTheRulesTotals() throws Exception {
        assertEquals(0, cli.run("generate", "--date", "2026-10-01", "--rows", "300000", "--videos", "3000",
                "--viewers", "20000", "--seed", "11"));
        assertEquals(300_000, history.number("SELECT COUNT(*) FROM watch_history WHERE watched_date = '2026-10-01'"));
        // skewed: the most watched video has far more rows than the median one
        long top = history.number("SELECT MAX(n) FROM (SELECT COUNT(*) n FROM watch_history GROUP BY video_id) x");
        assertTrue(top > 10_000, "Zipf-like popularity, top video rows: " + top);
        // creators' own playbacks and plays inside the window are present and credit as the rules say
        assertTrue(history.number("SELECT COUNT(*) FROM watch_history WHERE record_type = 0 AND counted_view = 0") > 0);

        assertEquals(0, cli.run("bench", "--date", "2026-10-01"));

        assertEquals(history.rows("SELECT SUM(counted_view), SUM(played_seconds), SUM(ad_views), COUNT(*)"
                        + " FROM watch_history"),
                history.rows("SELECT SUM(views), SUM(play_seconds), SUM(ad_views), SUM(history_rows) FROM video_daily_stats"));
        List<List<String>> priced = history.rows("SELECT s.cumulative_views - s.views, s.views,"
                + " s.cumulative_ad_views - s.ad_views, s.ad_views, t.video_amount, t.ad_amount"
                + " FROM video_daily_stats s JOIN video_daily_settlement t USING (stat_date, video_id)");
        assertEquals(history.number("SELECT COUNT(DISTINCT video_id) FROM watch_history"), priced.size());
        PriceSchedule prices = TierPricing.inForce(LocalDate.parse("2026-10-01"));
        for (List<String> row : priced) {
            long[] v = row.stream().mapToLong(Long::parseLong).toArray();
            assertEquals(prices.won(TierPricing.Kind.VIDEO, v[0], v[1]), v[4], "video amount of " + row);
            assertEquals(prices.won(TierPricing.Kind.AD, v[2], v[3]), v[5], "ad amount of " + row);
        }
    }

    /** A database with days settled outside the benchmarked ones is a platform's: nothing is emptied. */
    @Test
    void benchRefusesADatabaseWithOtherSettledDays() throws Exception {
        history.exec("INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                + " VALUES ('2026-09-30', UTC_TIMESTAMP(6), 1, 1, 1)");
        assertEquals(2, cli.run("bench", "--date", "2026-10-01"));
        assertEquals(1, history.number("SELECT COUNT(*) FROM settled_dates"));
    }

    @Test
    void generationIsDeterministicBySeed() throws Exception {
        assertEquals(0, cli.run("generate", "--date", "2026-10-02", "--rows", "20000", "--videos", "300",
                "--viewers", "100", "--seed", "5"));
        assertEquals(0, cli.run("generate", "--date", "2026-10-03", "--rows", "20000", "--videos", "300",
                "--viewers", "100", "--seed", "5"));
        String shape = "SELECT video_id - (SELECT MIN(video_id) FROM watch_history WHERE watched_date = '%s'),"
                + " record_type, viewer_id, counted_view, played_seconds, ad_views FROM watch_history"
                + " WHERE watched_date = '%s' ORDER BY video_id, playback_id, record_type";
        assertEquals(history.rows(String.format(shape, "2026-10-02", "2026-10-02")),
                history.rows(String.format(shape, "2026-10-03", "2026-10-03")));
    }
}
