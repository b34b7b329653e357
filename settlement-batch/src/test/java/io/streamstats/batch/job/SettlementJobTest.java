package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchClock;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.support.CliRun;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real job, through the command line's entry point, over data with known answers. */
@QuarkusTest
class SettlementJobTest {

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    @Inject
    BatchClock clock;

    @Inject
    BatchConfig config;

    History history;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        history.clear();
    }

    int settle(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "settle";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.run(full);
    }

    long amount(String column, long video, String date) {
        return history.number("SELECT " + column + " FROM video_daily_settlement WHERE video_id = " + video
                + " AND stat_date = '" + date + "'");
    }

    @Test
    void workedExamplesThroughTheWholeJob() throws Exception {
        history.video(1, 7);
        history.video(2, 7);
        LocalDate day1 = LocalDate.parse("2026-03-10");
        history.watch(day1, 1, 100, 550_000, 0, 0);
        history.watch(day1, 2, 100, 0, 150_000, 10);
        assertEquals(0, settle("--date", "2026-03-10"));
        assertEquals(605_000, amount("video_amount", 1, "2026-03-10"));
        // 99,999 x 10 + 50,001 x 12
        assertEquals(1_600_002, amount("ad_amount", 2, "2026-03-10"));
        assertEquals(1_500_000, history.number("SELECT play_seconds FROM video_daily_stats WHERE video_id = 2"));

        history.watch(day1.plusDays(1), 1, 100, 600_000, 0, 0);
        assertEquals(0, settle("--date", "2026-03-11"));
        assertEquals(810_000, amount("video_amount", 1, "2026-03-11")); // see TierPricingTest
        assertEquals(1_150_000, history.number("SELECT cumulative_views FROM video_daily_stats WHERE video_id = 1"
                + " AND stat_date = '2026-03-11'"));
        // the week (from Monday 2026-03-09) and the month are sums of the days
        assertEquals(List.of(List.of("1150000", "1415000", "0")), history.rows("SELECT views, video_amount, ad_amount"
                + " FROM video_period_stats WHERE period = 'W' AND period_start = '2026-03-09' AND video_id = 1"));
        assertEquals(List.of(List.of("1150000", "1415000")), history.rows("SELECT views, video_amount"
                + " FROM video_period_stats WHERE period = 'M' AND period_start = '2026-03-01' AND video_id = 1"));
        // a video ranks only by what it has: video 1 by views, video 2 (ad segments only) by play time
        assertEquals(List.of(List.of("P", "1", "2"), List.of("V", "1", "1")), history.rows("SELECT metric, rank_no,"
                + " video_id FROM period_top WHERE period = 'D' AND period_start = '2026-03-10' ORDER BY metric, rank_no"));
        assertEquals(List.of(List.of("1", "1", "1150000")), history.rows("SELECT rank_no, video_id, views FROM period_top"
                + " WHERE period = 'M' AND period_start = '2026-03-01' AND metric = 'V'"));
    }

    @Test
    void secondDayPricedFromSeededPreviousCumulativeCounts() throws Exception {
        history.video(1, 7);
        // day 1 as already settled: 550,000 views in the video's lifetime
        history.exec("INSERT INTO video_daily_stats VALUES ('2026-04-01', 1, 7, 550000, 0, 0, 550000, 0, 550000)",
                "INSERT INTO settled_dates VALUES ('2026-04-01', NOW(), 1, 550000, 0)");
        history.watch(LocalDate.parse("2026-04-02"), 1, 100, 600_000, 0, 0);
        assertEquals(0, settle("--date", "2026-04-02"));
        assertEquals(810_000, amount("video_amount", 1, "2026-04-02"));
    }

    @Test
    void runningACompletedDateAgainChangesNothing() throws Exception {
        history.video(3, 7);
        history.video(4, 8);
        history.watch(LocalDate.parse("2026-05-04"), 3, 100, 1_000, 30, 60);
        history.watch(LocalDate.parse("2026-05-04"), 4, 101, 10, 3, 5);
        assertEquals(0, settle("--date", "2026-05-04"));
        List<List<String>> first = history.snapshot();
        assertEquals(0, settle("--date", "2026-05-04"));
        assertEquals(first, history.snapshot());
        assertEquals(1_000, history.number("SELECT views FROM video_period_stats WHERE period = 'M' AND video_id = 3"));
    }

    @Test
    void reSettlingAnEarlierDateCorrectsEveryLaterDate() throws Exception {
        history.video(5, 7);
        history.watch(LocalDate.parse("2026-06-01"), 5, 100, 99_995, 0, 0);
        history.watch(LocalDate.parse("2026-06-02"), 5, 100, 10, 0, 0);
        history.watch(LocalDate.parse("2026-06-03"), 5, 100, 5, 0, 0);
        assertEquals(0, settle("--from", "2026-06-01", "--to", "2026-06-03"));
        // views 99,996 .. 100,005: 4 x 1.0 + 6 x 1.1 = 10.6
        assertEquals(10, amount("video_amount", 5, "2026-06-02"));

        // late history for the first day; settling it again re-settles the later days too
        history.watch(LocalDate.parse("2026-06-01"), 5, 101, 4, 0, 0);
        assertEquals(0, settle("--date", "2026-06-01"));
        assertEquals(99_999, amount("video_amount", 5, "2026-06-01"));
        // views 100,000 .. 100,009: 10 x 1.1 = 11
        assertEquals(11, amount("video_amount", 5, "2026-06-02"));
        // views 100,010 .. 100,014: 5 x 1.1 = 5.5
        assertEquals(5, amount("video_amount", 5, "2026-06-03"));
        assertEquals(100_014, history.number("SELECT cumulative_views FROM video_daily_stats WHERE stat_date = '2026-06-03'"));
        assertEquals(List.of(List.of("100014", "100015")), history.rows("SELECT views, video_amount FROM video_period_stats"
                + " WHERE period = 'M' AND period_start = '2026-06-01'"));
        List<List<String>> resettled = history.snapshot();

        // the same as settling the corrected history from scratch
        history.exec("DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement", "DELETE FROM video_period_stats",
                "DELETE FROM period_top", "DELETE FROM settled_dates");
        assertEquals(0, settle("--from", "2026-06-01", "--to", "2026-06-03"));
        assertEquals(resettled, history.snapshot());
    }

    @Test
    void weekAndMonthBoundaries() throws Exception {
        history.video(6, 7);
        history.watch(LocalDate.parse("2026-02-28"), 6, 100, 1, 0, 0); // Saturday, last day of February
        history.watch(LocalDate.parse("2026-03-01"), 6, 100, 2, 0, 0); // Sunday, first day of March
        history.watch(LocalDate.parse("2026-03-02"), 6, 100, 4, 0, 0); // Monday
        assertEquals(0, settle("--from", "2026-02-28", "--to", "2026-03-02"));
        assertEquals(List.of(List.of("M", "2026-02-01", "1"), List.of("M", "2026-03-01", "6"),
                        List.of("W", "2026-02-23", "3"), List.of("W", "2026-03-02", "4")),
                history.rows("SELECT period, period_start, views FROM video_period_stats WHERE period IN ('W', 'M')"
                        + " ORDER BY period, period_start"));

        history.clear();
        history.video(6, 7);
        history.watch(LocalDate.parse("2026-12-31"), 6, 100, 8, 0, 0); // Thursday
        history.watch(LocalDate.parse("2027-01-01"), 6, 100, 16, 0, 0); // Friday of the same week
        assertEquals(0, settle("--from", "2026-12-31", "--to", "2027-01-01"));
        assertEquals(List.of(List.of("M", "2026-12-01", "8"), List.of("M", "2027-01-01", "16"),
                        List.of("W", "2026-12-28", "24")),
                history.rows("SELECT period, period_start, views FROM video_period_stats WHERE period IN ('W', 'M')"
                        + " ORDER BY period, period_start"));
    }

    @Test
    void anEmptyDayIsSettledWithNothingInIt() throws Exception {
        assertEquals(0, settle("--date", "2026-07-01"));
        assertEquals(List.of(List.of("2026-07-01", "0", "0")),
                history.rows("SELECT stat_date, videos, rows_read FROM settled_dates"));
        assertEquals(0, history.number("SELECT COUNT(*) FROM video_daily_stats"));
    }

    @Test
    void aVideoWatchedOnlyByItsCreatorEarnsNothingAndRanksNowhere() throws Exception {
        history.video(7, 70);
        history.ownPlay(LocalDate.parse("2026-07-10"), 7, 70);
        history.ownPlay(LocalDate.parse("2026-07-10"), 7, 70);
        assertEquals(0, settle("--date", "2026-07-10"));
        assertEquals(List.of(List.of("0", "0", "0", "4")),
                history.rows("SELECT views, play_seconds, ad_views, history_rows FROM video_daily_stats WHERE video_id = 7"));
        assertEquals(List.of(List.of("0", "0")),
                history.rows("SELECT video_amount, ad_amount FROM video_daily_settlement WHERE video_id = 7"));
        assertEquals(0, history.number("SELECT COUNT(*) FROM period_top"));
    }

    @Test
    void daysAreSettledInDateOrder() throws Exception {
        history.video(8, 7);
        history.watch(LocalDate.parse("2026-08-01"), 8, 100, 1, 0, 0);
        history.watch(LocalDate.parse("2026-08-02"), 8, 100, 1, 0, 0);
        CliRun refused = CliRun.of(cli, "settle", "--date", "2026-08-02");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("watch history starts on 2026-08-01 and no earlier day is settled; settle "
                + "from 2026-08-01 (settle --from 2026-08-01 --to 2026-08-02)"), refused.err());
        assertEquals(0, history.number("SELECT COUNT(*) FROM settled_dates"));
        assertEquals(0, settle("--date", "2026-08-01"));
        refused = CliRun.of(cli, "settle", "--date", "2026-08-03");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        // the hint is the command to run: every day here is over, so no --allow-open-day
        assertTrue(refused.err().contains("the previous day 2026-08-02 is not settled (last settled: 2026-08-01); run "
                + "settle --from 2026-08-02 --to 2026-08-03\n"), refused.err());
        // said once, as the check step's reason
        assertEquals(1, refused.err().split("cannot settle", -1).length - 1, refused.err());
        CliRun range = CliRun.of(cli, "settle", "--from", "2026-08-02", "--to", "2026-08-03");
        assertEquals(0, range.exit(), range.out() + range.err());
        // a refused check wrote nothing: the date's next run starts afresh rather than restarting the refused one
        assertFalse(range.out().contains("Restarting"), range.out());
        assertEquals(3, history.number("SELECT COUNT(*) FROM settled_dates"));
    }

    @Test
    void theNightlyRunCatchesUpOnMissedDays() throws Exception {
        // "yesterday" on the batch's clock (fixed in tests): the last day that is over
        LocalDate yesterday = BatchClock.lastClosedDay(clock.now(), config.zone(), config.openDayGrace());
        history.video(9, 7);
        history.watch(yesterday.minusDays(2), 9, 100, 3, 0, 0);
        history.watch(yesterday.minusDays(1), 9, 100, 5, 0, 0);
        history.watch(yesterday, 9, 100, 7, 0, 0);
        assertEquals(0, settle("--date", yesterday.minusDays(2).toString()));
        // a failed night left the day before yesterday unsettled: the next nightly run settles both, in order
        assertEquals(0, cli.run("settle"));
        assertEquals(List.of(List.of("3", "3"), List.of("5", "8"), List.of("7", "15")),
                history.rows("SELECT views, cumulative_views FROM video_daily_stats ORDER BY stat_date"));
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        assertEquals(2, settle("--date", "2026-13-01"));
        assertEquals(2, settle("--from", "2026-01-02", "--to", "2026-01-01"));
        assertEquals(2, settle("--date"));
        assertEquals(2, cli.run("frobnicate"));
    }
}
