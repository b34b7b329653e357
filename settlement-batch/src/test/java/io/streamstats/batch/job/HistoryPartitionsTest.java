package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.support.CliRun;
import io.streamstats.batch.support.FixedClock;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code partitions} command on the real table (information_schema and {@code PARTITION (...)} reads, no
 * mocks): day partitions appear ahead and the service's rows land in them, never in p_future; rows an older install
 * left in p_future move to their own days; past the retention only settled days go, their figures stay and later
 * days still build on them; a day whose rows were dropped is never re-settled, alone or in a cascade. "Today" is
 * {@link #TODAY} in Asia/Seoul (the batch's clock fixed at noon there).
 */
@QuarkusTest
class HistoryPartitionsTest {

    static final LocalDate TODAY = LocalDate.parse("2026-06-10");

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    @Inject
    FixedClock clock;

    History history;

    @BeforeEach
    void fresh() {
        history = new History(db::getConnection);
        restore();
        history.video(1, 7);
        history.video(2, 8);
    }

    /** Back to the migrations' layout (p_history, p_future) and no rows, for the other tests of this database. */
    @AfterEach
    void restore() {
        clock.reset();
        history.clear();
        history.exec("DELETE FROM history_dropped_dates", "DELETE FROM settlement_late_rows");
        List<String> merged = new ArrayList<>(partitionNames());
        merged.remove("p_history");
        if (merged.size() > 1) {
            history.exec("ALTER TABLE watch_history REORGANIZE PARTITION " + String.join(", ", merged)
                    + " INTO (PARTITION p_future VALUES LESS THAN (MAXVALUE))");
        }
    }

    private CliRun run(LocalDate today, String... args) {
        clock.set(Instant.parse(today + "T03:00:00Z"));
        return CliRun.of(cli, args);
    }

    private List<String> partitionNames() {
        return history.rows("SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'watch_history' ORDER BY PARTITION_ORDINAL_POSITION").stream()
                .map(r -> r.get(0)).toList();
    }

    private long rowsIn(String partition) {
        return history.number("SELECT COUNT(*) FROM watch_history PARTITION (" + partition + ")");
    }

    private long rowsOn(LocalDate day) {
        return history.number("SELECT COUNT(*) FROM watch_history WHERE watched_date = '" + day + "'");
    }

    private static String p(LocalDate day) {
        return "p" + day.toString().replace("-", "");
    }

    private static List<String> days(LocalDate first, LocalDate last) {
        List<String> names = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            names.add(p(d));
        }
        return names;
    }

    /** Three plays (views) and two paused segments of 60 s with an ad each, for videos 1 and 2. */
    private void watch(LocalDate day) {
        history.watch(day, 1, 100, 3, 2, 60);
        history.watch(day, 2, 101, 1, 1, 30);
    }

    private static void assertOk(CliRun run) {
        assertEquals(0, run.exit(), run.out() + run.err());
    }

    @Test
    void dayPartitionsAppearAheadAndNewRowsNeverLandInFuture() {
        assertEquals(List.of("p_history", "p_future"), partitionNames());
        CliRun run = run(TODAY, "partitions");
        assertOk(run);
        assertTrue(run.out().contains("Created 15 day partitions p20260610 .. p20260624 (today 2026-06-10 + 14 days)"),
                run.out());
        List<String> expected = new ArrayList<>(List.of("p_history"));
        expected.addAll(days(TODAY, TODAY.plusDays(14)));
        expected.add("p_future");
        assertEquals(expected, partitionNames());

        // what the service writes today and on the coming days goes to each day's own partition
        watch(TODAY);
        watch(TODAY.plusDays(1));
        watch(TODAY.plusDays(14));
        assertEquals(0, rowsIn("p_future"));
        for (LocalDate day : List.of(TODAY, TODAY.plusDays(1), TODAY.plusDays(14))) {
            assertEquals(7, rowsIn(p(day)), day.toString());
        }

        // again the same day: nothing to do; the next day: one more
        run = run(TODAY, "partitions");
        assertOk(run);
        assertTrue(run.out().contains("Day partitions exist through 2026-06-24 (today 2026-06-10); none to create"),
                run.out());
        assertEquals(expected, partitionNames());
        run = run(TODAY.plusDays(1), "partitions");
        assertOk(run);
        assertTrue(run.out().contains("Created 1 day partitions p20260625 .. p20260625"), run.out());
        assertEquals(p(TODAY.plusDays(15)), partitionNames().get(partitionNames().size() - 2));
        assertEquals(21, history.number("SELECT COUNT(*) FROM watch_history"));
    }

    /**
     * An install that never had day partitions (or missed some) has rows in p_future: each goes to its own day's
     * partition, not all into the first new one (as the by-hand REORGANIZE did), and rows beyond the days ahead stay.
     */
    @Test
    void rowsLeftInFutureMoveToTheirOwnDays() {
        watch(TODAY.minusDays(3));
        watch(TODAY.minusDays(1));
        watch(TODAY);
        watch(TODAY.plusDays(30));
        assertEquals(28, rowsIn("p_future"));

        CliRun run = run(TODAY, "partitions", "--ahead", "2");
        assertOk(run);
        assertTrue(run.out().contains("Created 6 day partitions p20260607 .. p20260612"), run.out());
        assertTrue(run.out().contains("Moved 21 rows (from 2026-06-07 on) out of p_future into their own day "
                + "partitions"), run.out());
        assertTrue(run.out().contains("Rows dated after 2026-06-12 (up to 2026-07-10) stay in p_future"), run.out());
        List<String> expected = new ArrayList<>(List.of("p_history"));
        expected.addAll(days(TODAY.minusDays(3), TODAY.plusDays(2)));
        expected.add("p_future");
        assertEquals(expected, partitionNames());
        assertEquals(7, rowsIn(p(TODAY.minusDays(3))));
        assertEquals(0, rowsIn(p(TODAY.minusDays(2))));
        assertEquals(7, rowsIn(p(TODAY.minusDays(1))));
        assertEquals(7, rowsIn(p(TODAY)));
        assertEquals(7, rowsIn("p_future"));
    }

    /** Days T-10 .. T-8 watched in their own partitions (made at T-12); T-10 and T-9 settled, T-8 not. */
    private List<List<String>> twoSettledDaysAndOneNot() {
        assertOk(run(TODAY.minusDays(12), "partitions"));
        for (int d = 10; d >= 8; d--) {
            watch(TODAY.minusDays(d));
        }
        assertOk(run(TODAY, "settle", "--from", TODAY.minusDays(10).toString(), "--to", TODAY.minusDays(9).toString()));
        return history.snapshot();
    }

    /**
     * The service's live counters (live_video_day) of settled days older than the days kept go, in chunks; those of
     * a day not settled (here: marked unsettled, as while a correction re-settles it), or settled within the days
     * kept, stay; the settled figures are untouched.
     */
    @Test
    void liveCountersOfSettledDaysGoAfterTheDaysKept() {
        twoSettledDaysAndOneNot();
        LocalDate unsettled = TODAY.minusDays(8);
        LocalDate recent = TODAY.minusDays(2);
        watch(recent);
        assertOk(run(TODAY, "settle", "--from", unsettled.toString(), "--to", recent.toString()));
        history.exec("DELETE FROM settled_dates WHERE stat_date = '" + unsettled + "'");
        List<List<String>> settled = history.snapshot();
        // as the service keeps them: one row per video and day; T-10 with more rows than one delete takes
        for (int d : List.of(10, 9, 8, 2)) {
            history.exec("INSERT INTO live_video_day (stat_date, video_id, creator_id, views, play_seconds, ad_views)"
                    + " VALUES ('" + TODAY.minusDays(d) + "', 1, 7, 3, 120, 2), ('" + TODAY.minusDays(d)
                    + "', 2, 8, 1, 30, 1)");
        }
        StringBuilder many = new StringBuilder("INSERT INTO live_video_day (stat_date, video_id, creator_id, views,"
                + " play_seconds, ad_views) VALUES ");
        for (int video = 3; video <= 12_003; video++) {
            many.append(video == 3 ? "" : ", ").append("('").append(TODAY.minusDays(10)).append("', ").append(video)
                    .append(", 9, 1, 1, 0)");
        }
        history.exec(many.toString());
        try {
            CliRun run = run(TODAY, "partitions", "--live-days-kept", "5");
            assertOk(run);
            assertTrue(run.out().contains("Removed 12,005 live-counter rows of 2 settled days (2026-05-31 .. "
                    + "2026-06-01)"), run.out());
            assertEquals(List.of(List.of(unsettled.toString(), "2"), List.of(recent.toString(), "2")),
                    history.rows("SELECT stat_date, COUNT(*) FROM live_video_day GROUP BY stat_date ORDER BY stat_date"));
            assertEquals(settled, history.snapshot());

            // nothing left to remove (the recent day is within the default 7 days): said so
            run = run(TODAY, "partitions");
            assertOk(run);
            assertTrue(run.out().contains("No live counters of settled days before 2026-06-03 (kept 7 days) to "
                    + "remove"), run.out());
            CliRun refused = run(TODAY, "partitions", "--live-days-kept", "0");
            assertEquals(BatchMain.USAGE, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("must be at least 1, not 0"), refused.err());
        } finally {
            history.exec("DELETE FROM live_video_day");
        }
    }

    @Test
    void pastTheRetentionOnlySettledDaysGoAndTheirFiguresStay() {
        List<List<String>> settled = twoSettledDaysAndOneNot();
        LocalDate unsettled = TODAY.minusDays(8);

        CliRun run = run(TODAY, "partitions", "--retention-days", "5");
        assertOk(run);
        assertTrue(run.out().contains("Dropped p20260531 (rows of 2026-05-31, settled; older than 5 days)"), run.out());
        assertTrue(run.out().contains("Dropped p20260601 (rows of 2026-06-01, settled; older than 5 days)"), run.out());
        assertTrue(run.out().contains("Kept p20260602 past the retention of 5 days: 2026-06-02 holds watch history "
                + "that is not settled"), run.out());
        List<String> names = partitionNames();
        assertFalse(names.contains(p(TODAY.minusDays(10))), names.toString());
        assertFalse(names.contains(p(TODAY.minusDays(9))), names.toString());
        assertTrue(names.contains(p(unsettled)), names.toString());
        // the empty days before and after them are past the retention too; the days from the cutoff on stay
        assertFalse(names.contains(p(TODAY.minusDays(12))), names.toString());
        assertFalse(names.contains(p(TODAY.minusDays(6))), names.toString());
        assertTrue(names.contains(p(TODAY.minusDays(5))), names.toString());
        assertEquals(0, rowsOn(TODAY.minusDays(10)));
        assertEquals(0, rowsOn(TODAY.minusDays(9)));
        assertEquals(7, rowsOn(unsettled));
        assertEquals(List.of(List.of("2026-05-31"), List.of("2026-06-01")),
                history.rows("SELECT stat_date FROM history_dropped_dates ORDER BY stat_date"));

        // statistics, settlement, rollups, Top 5s and settled dates are what they were before the rows went
        assertEquals(settled, history.snapshot());

        // the next day still builds on them: its lifetime counts include the dropped days' views
        assertOk(run(TODAY, "settle", "--date", unsettled.toString()));
        assertEquals(9, history.number("SELECT cumulative_views FROM video_daily_stats WHERE video_id = 1"
                + " AND stat_date = '" + unsettled + "'"));
        List<List<String>> after = history.snapshot();
        for (List<String> row : settled) {
            assertTrue(after.contains(row) || row.get(0).equals("P") || row.get(0).equals("R"), row.toString());
        }

        // and once settled and past the retention, it goes too (the next run, days later)
        run = run(TODAY.plusDays(3), "partitions", "--retention-days", "5");
        assertOk(run);
        assertTrue(run.out().contains("Dropped p20260602 (rows of 2026-06-02, settled; older than 5 days)"), run.out());
        assertEquals(0, rowsOn(unsettled));
    }

    /** Late rows found on a settled day wait for their re-settle: from that day on, nothing is dropped before it. */
    @Test
    void aPendingLateRowsReSettleKeepsItsDays() {
        twoSettledDaysAndOneNot();
        history.exec("INSERT INTO settlement_late_rows (stat_date, detected_at, rows_settled, rows_found) VALUES ('"
                + TODAY.minusDays(9) + "', '2026-06-09 00:00:00', 7, 8)");
        CliRun run = run(TODAY, "partitions", "--retention-days", "5");
        assertOk(run);
        assertTrue(run.out().contains("Dropped p20260531 (rows of 2026-05-31, settled; older than 5 days)"), run.out());
        assertTrue(run.out().contains("Kept p20260601 past the retention of 5 days: late rows of 2026-06-01 are still "
                + "to be re-settled"), run.out());
        assertEquals(7, rowsOn(TODAY.minusDays(9)));
        assertEquals(List.of(List.of("2026-05-31")),
                history.rows("SELECT stat_date FROM history_dropped_dates ORDER BY stat_date"));
    }

    @Test
    void aDayWhoseRowsWereDroppedIsNeverReSettled() {
        twoSettledDaysAndOneNot();
        assertOk(run(TODAY, "partitions", "--retention-days", "5"));
        List<List<String>> before = history.snapshot();

        CliRun run = run(TODAY, "settle", "--date", TODAY.minusDays(9).toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("cannot re-settle 2026-06-01: its raw watch history was dropped for retention "
                + "(p20260601"), run.err());
        assertEquals(before, history.snapshot());
        // the first of them too (it would cascade to the second)
        run = run(TODAY, "settle", "--date", TODAY.minusDays(10).toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("cannot re-settle 2026-05-31: its raw watch history was dropped"), run.err());
        assertEquals(before, history.snapshot());
    }

    /**
     * Re-settling a day with its rows re-settles every later settled day; if one of those lost its rows, the whole
     * run is refused before anything is written (the later day is recorded here as dropped directly: a kept day
     * before a dropped one arises only when a settled day is re-opened by hand).
     */
    @Test
    void aCascadeReachingADroppedDayIsRefusedBeforeAnythingIsWritten() {
        twoSettledDaysAndOneNot();
        history.exec("INSERT INTO history_dropped_dates (stat_date, partition_name, dropped_at) VALUES ('"
                + TODAY.minusDays(9) + "', 'p20260601', '2026-06-09 00:00:00')");
        List<List<String>> before = history.snapshot();

        CliRun run = run(TODAY, "settle", "--date", TODAY.minusDays(10).toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("cannot re-settle 2026-05-31: the later settled day 2026-06-01's (re-settled "
                + "with it) raw watch history was dropped"), run.err());
        assertEquals(before, history.snapshot());
    }

    /**
     * A transaction that keeps the table open (a long report, a stuck client) holds its metadata lock: the change
     * waits only SETTLEMENT_PARTITION_LOCK_WAIT per try (inserts queue behind a waiting ALTER), then the run gives up
     * with exit 1 and leaves the table as it was; once the transaction ends, the next run goes through.
     */
    @Test
    void aTableHeldOpenMakesItGiveUpInsteadOfBlockingInserts() throws Exception {
        // a connection of its own, outside the pool: the pool's connections are the batch's (one of them may still
        // hold the batch's lock from an earlier in-process settle; the command must get that one back)
        Config config = ConfigProvider.getConfig();
        try (Connection reader = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM watch_history").close();
            }
            long started = System.nanoTime();
            CliRun run = run(TODAY, "partitions");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("Gave up creating day partitions 2026-06-10 .. 2026-06-24: watch_history "
                    + "stayed in use for 3 tries of PT5S each"), run.err());
            assertTrue(seconds < 60, "three waits of 5 s and two pauses, not the server's default wait: " + seconds);
            assertEquals(List.of("p_history", "p_future"), partitionNames());
            reader.commit();
        }
        assertOk(run(TODAY, "partitions"));
        assertTrue(partitionNames().contains(p(TODAY)));
    }

    @Test
    void badSettingsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"partitions", "--ahead", "0"},
                new String[] {"partitions", "--retention-days", "0"}, new String[] {"partitions", "--ahead", "x"})) {
            CliRun run = run(TODAY, args);
            assertEquals(BatchMain.USAGE, run.exit(), String.join(" ", args) + ": " + run.out() + run.err());
        }
        assertEquals(List.of("p_history", "p_future"), partitionNames());
    }
}
