package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchClock;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.support.CliRun;
import io.streamstats.batch.support.History;
import io.streamstats.batch.support.Rollups;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows that reach a day after it was settled are found by the next nightly run (`settle` without dates) when the day
 * is within the look-back (default 3 days that are over), recorded in settlement_late_rows, and re-settled from the
 * earliest such day, so the figures equal settling the whole history from scratch. The real job on the real
 * database; the batch's clock is fixed (FixedClock), so "yesterday" is 2029-12-31.
 */
@QuarkusTest
class LateRowsTest {

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    @Inject
    BatchClock clock;

    @Inject
    BatchConfig config;

    History history;
    LocalDate yesterday;

    @BeforeEach
    void days() {
        history = new History(db::getConnection);
        history.clear();
        yesterday = BatchClock.lastClosedDay(clock.now(), config.zone(), config.openDayGrace());
        history.video(1, 7);
        history.video(2, 8);
        history.video(3, 9);
        // video 1 nears the 100,000-view tier bound: a late view moves the price of every later view
        history.watch(day(-3), 1, 100, 99_990, 0, 0);
        history.watch(day(-2), 1, 100, 5, 0, 0);
        history.watch(day(-2), 2, 101, 3, 2, 30);
        history.watch(day(-1), 1, 100, 10, 0, 0);
        history.watch(day(0), 1, 100, 4, 0, 0);
        // a normal night before: the three days before yesterday are settled, yesterday is not yet
        assertEquals(0, CliRun.of(cli, "settle", "--from", day(-3).toString(), "--to", day(-1).toString()).exit());
    }

    @AfterEach
    void dropTrigger() {
        history.exec("DROP TRIGGER IF EXISTS seeded_resettle_failure");
    }

    private LocalDate day(int fromYesterday) {
        return yesterday.plusDays(fromYesterday);
    }

    /** The database refuses the day's statistics (a re-settle of it fails), until the trigger is dropped. */
    private void refuseStatisticsOf(LocalDate date) {
        history.exec("CREATE TRIGGER seeded_resettle_failure BEFORE INSERT ON video_daily_stats FOR EACH ROW"
                + " BEGIN IF NEW.stat_date = '" + date + "' THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'seeded re-settle failure'; END IF; END");
    }

    private long videoAmount(long video, LocalDate date) {
        return history.number("SELECT video_amount FROM video_daily_settlement WHERE video_id = " + video
                + " AND stat_date = '" + date + "'");
    }

    /** What settling every day from scratch gives (the outputs are wiped first), restoring nothing. */
    private List<List<String>> fromScratch(LocalDate through) {
        history.exec("DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement",
                "DELETE FROM video_period_stats", "DELETE FROM period_top", "DELETE FROM settled_dates",
                "DELETE FROM settled_prices");
        assertEquals(0, CliRun.of(cli, "settle", "--from", day(-3).toString(), "--to", through.toString()).exit());
        return history.snapshot();
    }

    @Test
    void lateRowsAreFoundAndReSettledByTheNextNightlyRun() {
        // views 99,996 .. 100,005 on the day before yesterday: 4 x 1.0 + 6 x 1.1 = 10.6
        assertEquals(10, videoAmount(1, day(-1)));
        // a back-fill for the earliest day of the look-back: 8 more views of video 1, and a video only in it
        history.watch(day(-2), 1, 102, 8, 0, 0);
        history.watch(day(-2), 3, 103, 2, 0, 0);

        CliRun night = CliRun.of(cli, "settle");
        assertEquals(0, night.exit(), night.out() + night.err());
        assertTrue(night.out().contains("Late rows: " + day(-2) + " was settled from 10 watch-history rows and now has"
                + " 20 (10 late)"), night.out());
        assertTrue(night.out().contains("Late rows: 1 day(s) re-settled"), night.out());
        // views 100,004 .. 100,013: 10 x 1.1 = 11
        assertEquals(11, videoAmount(1, day(-1)));
        assertEquals(List.of(List.of(day(-2).toString(), "10", "20", "1")), history.rows("SELECT stat_date,"
                + " rows_settled, rows_found, resettled_at IS NOT NULL FROM settlement_late_rows"));
        assertEquals(List.of(day(-3).toString(), day(-2).toString(), day(-1).toString(), day(0).toString()),
                history.rows("SELECT stat_date FROM settled_dates ORDER BY stat_date").stream().map(r -> r.get(0))
                        .toList(), "yesterday settled too");
        Rollups rollups = new Rollups(history);
        assertEquals(List.of(), rollups.periodProblems());
        assertEquals(List.of(), rollups.topProblems());
        List<List<String>> corrected = history.snapshot();

        // the next night finds nothing more and records nothing
        CliRun next = CliRun.of(cli, "settle");
        assertEquals(0, next.exit(), next.out() + next.err());
        assertFalse(next.out().contains("Late rows"), next.out());
        assertEquals(1, history.number("SELECT COUNT(*) FROM settlement_late_rows"));
        assertEquals(corrected, history.snapshot());

        assertEquals(fromScratch(day(0)), corrected);
    }

    /**
     * Before the look-back, the sweep finds them: each night also re-counts the settled day before the look-back
     * verified longest ago (SETTLEMENT_LATE_ROWS_SWEEP_DAYS, default 1). Without it, rows reaching a day older than
     * the look-back were never looked for.
     */
    @Test
    void aDayBeforeTheLookBackIsFoundByTheSweep() {
        assertEquals(3, config.lateRowsLookback());
        assertEquals(1, config.lateRowsSweepDays());
        history.watch(day(-3), 1, 102, 8, 0, 0);
        CliRun night = CliRun.of(cli, "settle");
        assertEquals(0, night.exit(), night.out() + night.err());
        assertTrue(night.out().contains("Late rows: " + day(-3) + " was settled from 99,990 watch-history rows and now"
                + " has 99,998 (8 late)"), night.out());
        assertTrue(night.out().contains("Late rows: re-settling from " + day(-3)), night.out());
        assertEquals(List.of(List.of(day(-3).toString(), "8", "1")), history.rows("SELECT stat_date,"
                + " rows_found - rows_settled, resettled_at IS NOT NULL FROM settlement_late_rows"));
        assertEquals(fromScratch(day(0)), history.snapshot());
    }

    /**
     * The sweep goes round: one older day a night, the one verified longest ago (never checked first), so late rows
     * of the third-oldest day are found on the third night; days whose raw rows retention dropped are skipped.
     */
    @Test
    void theSweepVisitsEveryOlderDayInTurn() {
        history.clear();
        history.video(1, 7);
        for (int d = -7; d <= 0; d++) {
            history.watch(day(d), 1, 100, 3 - d, 0, 0);
        }
        assertEquals(0, CliRun.of(cli, "settle", "--from", day(-7).toString(), "--to", day(0).toString()).exit());
        // the oldest day's partition was dropped by retention: nothing to count, never swept
        history.exec("INSERT INTO history_dropped_dates (stat_date, partition_name, dropped_at) VALUES ('" + day(-7)
                + "', 'p_test', NOW())");
        history.watch(day(-4), 1, 102, 2, 0, 0);
        List<String> swept = new java.util.ArrayList<>();
        for (int night = 1; night <= 3; night++) {
            CliRun run = CliRun.of(cli, "settle");
            assertEquals(0, run.exit(), run.out() + run.err());
            assertEquals(night == 3, run.out().contains("Late rows: re-settling from " + day(-4)), run.out());
            swept.add(history.rows("SELECT stat_date FROM settlement_late_checks ORDER BY checked_at DESC, stat_date"
                    + " DESC LIMIT 1").get(0).get(0));
        }
        // the window is day(-2) .. day(0); before it: day(-6), day(-5), day(-4) in turn (day(-7) was dropped)
        assertEquals(List.of(day(-6).toString(), day(-5).toString(), day(-4).toString()), swept);
        assertEquals(List.of(List.of(day(-4).toString(), "2", "1")), history.rows("SELECT stat_date,"
                + " rows_found - rows_settled, resettled_at IS NOT NULL FROM settlement_late_rows"));
        history.exec("DELETE FROM history_dropped_dates");
        List<List<String>> corrected = history.snapshot();
        history.exec("DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement",
                "DELETE FROM video_period_stats", "DELETE FROM period_top", "DELETE FROM settled_dates",
                "DELETE FROM settled_prices");
        assertEquals(0, CliRun.of(cli, "settle", "--from", day(-7).toString(), "--to", day(0).toString()).exit());
        assertEquals(history.snapshot(), corrected);
    }

    /** A night whose re-settle fails leaves the detection open; the next night re-settles from it again. */
    @Test
    void aFailedReSettleIsRetriedTheNextNight() {
        history.watch(day(-2), 1, 102, 8, 0, 0);
        // the re-settle of the day after the late day fails (the database refuses its statistics)
        refuseStatisticsOf(day(-1));
        CliRun failed = CliRun.of(cli, "settle");
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        // the operator reads why: the failed step and the database's own message
        assertTrue(failed.err().contains("Settling " + day(-1) + " did not complete: FAILED")
                && failed.err().contains("aggregate") && failed.err().contains("seeded re-settle failure"), failed.err());
        assertEquals(List.of(List.of(day(-2).toString(), "8", "0")), history.rows("SELECT stat_date,"
                + " rows_found - rows_settled, resettled_at IS NOT NULL FROM settlement_late_rows"));
        history.exec("DROP TRIGGER seeded_resettle_failure");

        // the late day itself is re-settled already (its count matches), but its detection is open: re-settle from it
        CliRun retry = CliRun.of(cli, "settle");
        assertEquals(0, retry.exit(), retry.out() + retry.err());
        assertTrue(retry.out().contains("Late rows: re-settling from " + day(-2)), retry.out());
        assertEquals(List.of(List.of(day(-2).toString(), "8", "1")), history.rows("SELECT stat_date,"
                + " rows_found - rows_settled, resettled_at IS NOT NULL FROM settlement_late_rows"));
        List<List<String>> retried = history.snapshot();
        assertEquals(fromScratch(day(0)), retried);
    }

    /**
     * An explicit date after a night that stopped part-way re-settles that date only: it closes that day's detection,
     * not a later one's (which used to be closed too, clearing the alert for a day nobody had re-settled), and it
     * says which days wait. The next run without dates settles them and closes the rest.
     */
    @Test
    void anExplicitDateClosesOnlyTheDetectionsOfTheDaysItSettled() {
        history.watch(day(-2), 1, 102, 8, 0, 0);
        history.watch(day(-1), 3, 103, 2, 0, 0);
        refuseStatisticsOf(day(-1));
        CliRun failed = CliRun.of(cli, "settle");
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        history.exec("DROP TRIGGER seeded_resettle_failure");

        CliRun manual = CliRun.of(cli, "settle", "--date", day(-2).toString());
        assertEquals(0, manual.exit(), manual.out() + manual.err());
        assertTrue(manual.out().contains("Not settled yet: " + day(-1) + " .. " + day(0)), manual.out());
        assertEquals(List.of(List.of(day(-2).toString(), "1"), List.of(day(-1).toString(), "0")), history.rows(
                "SELECT stat_date, resettled_at IS NOT NULL FROM settlement_late_rows ORDER BY stat_date"));

        CliRun night = CliRun.of(cli, "settle");
        assertEquals(0, night.exit(), night.out() + night.err());
        assertEquals(List.of(List.of(day(-2).toString(), "1"), List.of(day(-1).toString(), "1")), history.rows(
                "SELECT stat_date, resettled_at IS NOT NULL FROM settlement_late_rows ORDER BY stat_date"));
        List<List<String>> settled = history.snapshot();
        assertEquals(fromScratch(day(0)), settled);
    }

    /**
     * A later day's open detection (a night stopped right after finding it) is not closed by an explicit re-settle of
     * an earlier day: the cascade only reprices the later day from its statistics and never reads its late rows. It
     * used to close it, clearing the alert with the rows still missing. The next night re-settles it from its rows.
     */
    @Test
    void aDayOnlyRepricedByACascadeKeepsItsDetectionOpen() {
        history.watch(day(-1), 3, 103, 2, 0, 0);
        long settled = history.number("SELECT rows_read FROM settled_dates WHERE stat_date = '" + day(-1) + "'");
        history.exec("INSERT INTO settlement_late_rows (stat_date, detected_at, rows_settled, rows_found)"
                + " VALUES ('" + day(-1) + "', NOW(), " + settled + ", " + (settled + 2) + ")");

        CliRun manual = CliRun.of(cli, "settle", "--date", day(-2).toString());
        assertEquals(0, manual.exit(), manual.out() + manual.err());
        assertTrue(manual.out().contains("Settling " + day(-1) + " (") && manual.out().contains("repriced"),
                manual.out());
        assertEquals(settled, history.number("SELECT rows_read FROM settled_dates WHERE stat_date = '" + day(-1) + "'"),
                "repriced: its raw rows were not read");
        assertEquals(List.of(List.of(day(-1).toString(), "0")), history.rows(
                "SELECT stat_date, resettled_at IS NOT NULL FROM settlement_late_rows"));

        CliRun night = CliRun.of(cli, "settle");
        assertEquals(0, night.exit(), night.out() + night.err());
        assertTrue(night.out().contains("Late rows: re-settling from " + day(-1)), night.out());
        assertEquals(List.of(List.of(day(-1).toString(), "1")), history.rows(
                "SELECT stat_date, resettled_at IS NOT NULL FROM settlement_late_rows"));
        List<List<String>> settledNow = history.snapshot();
        assertEquals(fromScratch(day(0)), settledNow);
    }
}
