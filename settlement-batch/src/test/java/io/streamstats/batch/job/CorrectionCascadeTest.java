package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.support.CliRun;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrections of a settled day through the real job: re-settling writes only differences (changed, new and vanished
 * videos) and cascades to later days by repricing them from their statistics, and the result is always what settling
 * the corrected history from scratch gives. A cascade that fails half-way leaves no later day marked settled.
 */
@QuarkusTest
class CorrectionCascadeTest {

    /** Monday 2026-09-28: the eight days cross a week and a month boundary. */
    static final LocalDate DAY1 = LocalDate.parse("2026-09-28");

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    History history;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        history.exec("DROP TRIGGER IF EXISTS fail_settling_day", "DROP TABLE IF EXISTS watch_history_aside");
        history.clear();
    }

    @AfterEach
    void dropFaults() {
        history.exec("DROP TRIGGER IF EXISTS fail_settling_day", "DROP TABLE IF EXISTS watch_history_aside");
    }

    int settle(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "settle";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.run(full);
    }

    /** Clears what the job wrote and settles the days again from their watch history; returns the tables. */
    List<List<String>> fromScratch(LocalDate first, LocalDate last) throws Exception {
        history.exec("DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement",
                "DELETE FROM video_period_stats", "DELETE FROM period_top", "DELETE FROM settled_dates",
                "DELETE FROM settled_prices");
        assertEquals(0, settle("--from", first.toString(), "--to", last.toString()));
        return history.snapshot();
    }

    /** Eight days of four videos near the first tier bound (100,000 views) and the first ad tier bound. */
    void eightDays() {
        for (long video = 1; video <= 4; video++) {
            history.video(video, 7 + video % 2);
        }
        history.watch(DAY1, 1, 100, 99_990, 0, 0);
        history.watch(DAY1, 2, 100, 40, 99_995, 10);
        history.watch(DAY1, 3, 100, 5, 0, 0); // watched on day 1 only: the correction takes it out
        for (int d = 1; d < 8; d++) {
            history.watch(DAY1.plusDays(d), 1, 100, 20 + d, 0, 0);
            history.watch(DAY1.plusDays(d), 2, 100, 1, 2, 20);
            if (d % 3 == 0) {
                history.watch(DAY1.plusDays(d), 4, 100, 7, 1, 5);
            }
        }
        history.ownPlay(DAY1.plusDays(2), 4, 7);
    }

    /**
     * The correction of day 1: video 1 gains views (past the tier bound: its later days are priced higher), video 2 gains ad
     * views, video 3's rows turn out to belong to no day (gone), video 4 was watched on day 1 after all (new).
     */
    void correctDay1() {
        history.watch(DAY1, 1, 101, 30, 0, 0);
        history.watch(DAY1, 2, 101, 0, 4, 15);
        history.exec("DELETE FROM watch_history WHERE watched_date = '" + DAY1 + "' AND video_id = 3");
        history.watch(DAY1, 4, 101, 2, 0, 0);
    }

    @Test
    void reSettlingACorrectedDayEqualsSettlingItFromScratch() throws Exception {
        eightDays();
        assertEquals(0, settle("--date", DAY1.toString()));
        correctDay1();
        assertEquals(0, settle("--date", DAY1.toString()));
        List<List<String>> resettled = history.snapshot();
        // video 3 is gone from the day and from every period it was only in that day
        assertEquals(0, history.number("SELECT COUNT(*) FROM video_period_stats WHERE video_id = 3"));
        assertEquals(List.of(List.of("2")), history.rows("SELECT views FROM video_period_stats WHERE period = 'W'"
                + " AND video_id = 4"));
        // again, with nothing changed: nothing changes
        assertEquals(0, settle("--date", DAY1.toString()));
        assertEquals(resettled, history.snapshot());
        assertEquals(resettled, fromScratch(DAY1, DAY1));
    }

    @Test
    void reSettlingTheFirstOfEightDaysEqualsSettlingAllEightFromScratch() throws Exception {
        eightDays();
        LocalDate day8 = DAY1.plusDays(7);
        assertEquals(0, settle("--from", DAY1.toString(), "--to", day8.toString()));
        correctDay1();
        // the later days' raw rows are put aside: the cascade must reprice them from their statistics alone
        history.exec("CREATE TABLE watch_history_aside AS SELECT * FROM watch_history WHERE watched_date > '" + DAY1 + "'",
                "DELETE FROM watch_history WHERE watched_date > '" + DAY1 + "'");
        String readAt = "SELECT stat_date, DATE_FORMAT(settled_at, '%Y-%m-%d %H:%i:%s.%f') FROM settled_dates"
                + " WHERE stat_date > '" + DAY1 + "' ORDER BY stat_date";
        List<List<String>> laterRowsReadAt = history.rows(readAt);
        Thread.sleep(5); // a settled_at written again now would differ
        assertEquals(0, settle("--date", DAY1.toString()));
        // the repriced days keep the time their rows were last read: the late-row sweep orders days by it
        assertEquals(laterRowsReadAt, history.rows(readAt));
        history.exec("INSERT INTO watch_history SELECT * FROM watch_history_aside");
        List<List<String>> resettled = history.snapshot();
        // video 1: 100,020 views after the corrected day 1, so day 2's 21 views are all 1.1 (23.1), not 10 x 1.0 +
        // 11 x 1.1 (22.1) as before the correction
        assertEquals(23, history.number("SELECT video_amount FROM video_daily_settlement WHERE video_id = 1"
                + " AND stat_date = '" + DAY1.plusDays(1) + "'"));
        assertEquals(8, history.number("SELECT COUNT(*) FROM settled_dates"));

        assertEquals(resettled, fromScratch(DAY1, day8));
    }

    @Test
    void aCascadeThatFailsOnALaterDayLeavesItAndTheDaysAfterItUnsettled() throws Exception {
        eightDays();
        LocalDate day3 = DAY1.plusDays(2);
        LocalDate day5 = DAY1.plusDays(4);
        assertEquals(0, settle("--from", DAY1.toString(), "--to", DAY1.plusDays(3).toString()));
        correctDay1();
        // day 2 re-settles, day 3 fails at its very end
        history.exec("CREATE TRIGGER fail_settling_day BEFORE INSERT ON settled_dates FOR EACH ROW"
                + " BEGIN IF NEW.stat_date = '" + day3 + "' THEN SIGNAL SQLSTATE '45000'"
                + " SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        CliRun failed = CliRun.of(cli, "settle", "--date", DAY1.toString());
        assertNotEquals(0, failed.exit());
        // the failed run names what it left unsettled, and the command that settles it
        assertTrue(failed.err().contains("Not settled now: " + day3 + " .. " + DAY1.plusDays(3) + " (this run unmarked"
                + " them before it began); once the cause is mended, `settle --from " + day3 + " --to "
                + DAY1.plusDays(3) + "`"), failed.err());
        assertEquals(List.of(List.of(DAY1.toString()), List.of(DAY1.plusDays(1).toString())),
                history.rows("SELECT stat_date FROM settled_dates ORDER BY stat_date"));
        // nothing is settled on top of the stale day 4: the order check refuses day 5 until 3 and 4 are re-run
        assertNotEquals(0, settle("--date", day5.toString()));
        assertEquals(0, history.number("SELECT COUNT(*) FROM video_daily_stats WHERE stat_date = '" + day5 + "'"));
        assertTrue(history.number("SELECT MAX(stat_date) = '" + DAY1.plusDays(1) + "' FROM settled_dates") == 1);

        history.exec("DROP TRIGGER fail_settling_day");
        assertEquals(0, settle("--from", day3.toString(), "--to", day5.toString()));
        List<List<String>> recovered = history.snapshot();
        assertEquals(recovered, fromScratch(DAY1, day5));
    }

    /**
     * History back-filled before the first settled day (days 1 and 2 arrive after days 3 to 5 were settled): settling
     * day 1 settles day 2, never settled, from its rows (it was repriced from statistics it did not have: zeros), and
     * reprices 3 to 5; the result is settling all five from scratch.
     */
    @Test
    void aDayNeverSettledInACascadeIsSettledFromItsRowsNotRepriced() throws Exception {
        eightDays();
        LocalDate day3 = DAY1.plusDays(2);
        LocalDate day5 = DAY1.plusDays(4);
        history.exec("CREATE TABLE watch_history_aside AS SELECT * FROM watch_history WHERE watched_date < '" + day3 + "'",
                "DELETE FROM watch_history WHERE watched_date < '" + day3 + "'");
        assertEquals(0, settle("--from", day3.toString(), "--to", day5.toString()));
        history.exec("INSERT INTO watch_history SELECT * FROM watch_history_aside", "DROP TABLE watch_history_aside");
        CliRun run = CliRun.of(cli, "settle", "--date", DAY1.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("Later dates follow, in order, through " + day5 + ": 3 settled already (repriced"
                + " from their statistics), 1 never settled (settled from their watch history)"), run.out());
        List<String> settling = run.out().lines().filter(l -> l.startsWith("Settling ")).toList();
        assertEquals(5, settling.size(), run.out());
        assertTrue(!settling.get(1).contains("repriced") && settling.get(2).contains("repriced"), run.out());
        List<List<String>> cascaded = history.snapshot();
        assertEquals(cascaded, fromScratch(DAY1, day5));
    }

    @Test
    void aRunLeftUnfinishedIsNotRestartedOnEarlierDaysThatWereReSettledSince() throws Exception {
        eightDays();
        LocalDate day3 = DAY1.plusDays(2);
        assertEquals(0, settle("--from", DAY1.toString(), "--to", DAY1.plusDays(1).toString()));
        // day 3 fails at its very end: its statistics and settlement are written, from days 1 and 2 as they were
        history.exec("CREATE TRIGGER fail_settling_day BEFORE INSERT ON settled_dates FOR EACH ROW"
                + " BEGIN IF NEW.stat_date = '" + day3 + "' THEN SIGNAL SQLSTATE '45000'"
                + " SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        assertNotEquals(0, settle("--date", day3.toString()));
        history.exec("DROP TRIGGER fail_settling_day");
        // day 1 corrected and re-settled: the cascade stops at day 2, day 3 being unsettled
        correctDay1();
        assertEquals(0, settle("--date", DAY1.toString()));
        // day 3 again: restarting its failed run from the failed step would keep lifetime counts from before the
        // correction (video 1 past the first tier bound: its day-3 views priced as if below it)
        assertEquals(0, settle("--date", day3.toString()));
        assertEquals(100_020 + 21 + 22, history.number("SELECT cumulative_views FROM video_daily_stats"
                + " WHERE video_id = 1 AND stat_date = '" + day3 + "'"));
        List<List<String>> settled = history.snapshot();
        assertEquals(settled, fromScratch(DAY1, day3));
    }

    @Test
    void aRepricedDayLeftUnfinishedIsSettledFromItsRowsWhenItsRowsAreAskedFor() throws Exception {
        eightDays();
        LocalDate day3 = DAY1.plusDays(2);
        LocalDate day4 = DAY1.plusDays(3);
        assertEquals(0, settle("--from", DAY1.toString(), "--to", day4.toString()));
        // rows of day 3 arrive late (a back-fill), then day 1 is corrected: its cascade reprices day 3 from its
        // statistics (not its rows) and fails at its very end, the statistics carried forward without the late rows
        history.watch(day3, 1, 102, 50, 0, 0);
        correctDay1();
        history.exec("CREATE TRIGGER fail_settling_day BEFORE INSERT ON settled_dates FOR EACH ROW"
                + " BEGIN IF NEW.stat_date = '" + day3 + "' THEN SIGNAL SQLSTATE '45000'"
                + " SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        assertNotEquals(0, settle("--date", DAY1.toString()));
        history.exec("DROP TRIGGER fail_settling_day");
        // days 3 and 4 settled from their rows: the repriced run of day 3 is not restarted past its aggregate step
        assertEquals(0, settle("--from", day3.toString(), "--to", day4.toString()));
        assertEquals(22 + 50, history.number("SELECT views FROM video_daily_stats WHERE video_id = 1"
                + " AND stat_date = '" + day3 + "'"));
        List<List<String>> settled = history.snapshot();
        assertEquals(settled, fromScratch(DAY1, day4));
    }
}
