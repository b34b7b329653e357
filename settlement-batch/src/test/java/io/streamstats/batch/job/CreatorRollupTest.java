package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.repository.CreatorRollupRepository;
import io.streamstats.batch.support.CreatorRollups;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job's creatorRollup step keeps creator_daily_stats equal to the sums of each creator's videos' daily rows:
 * after a settle, a re-settle with late history, a re-settle that leaves a creator without activity, and a run
 * restarted after the step failed. Exact numbers across a month boundary, plus the check finding seeded faults.
 */
@QuarkusTest
class CreatorRollupTest {

    static final String CREATOR_ROWS = "SELECT stat_date, creator_id, views, play_seconds, ad_views, video_amount,"
            + " ad_amount FROM creator_daily_stats ORDER BY stat_date, creator_id";

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    @Inject
    CreatorRollupRepository creatorRollup;

    History history;
    CreatorRollups rollups;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        rollups = new CreatorRollups(history);
        history.clear();
        history.exec("DELETE FROM creator_daily_stats");
    }

    int settle(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "settle";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.run(full);
    }

    /** Creator 7 owns videos 10 and 11, creator 8 video 12, creator 9 video 13 (watched only by its creator). */
    void threeDaysAcrossAMonth() throws Exception {
        history.video(10, 7);
        history.video(11, 7);
        history.video(12, 8);
        history.video(13, 9);
        LocalDate oct30 = LocalDate.parse("2026-10-30");
        LocalDate oct31 = LocalDate.parse("2026-10-31");
        LocalDate nov1 = LocalDate.parse("2026-11-01");
        history.watch(oct30, 10, 100, 3, 2, 10);
        history.watch(oct30, 11, 100, 5, 0, 0);
        history.watch(oct30, 12, 100, 1, 1, 30);
        history.ownPlay(oct30, 13, 9);
        history.watch(oct31, 10, 100, 4, 0, 0);
        history.watch(oct31, 12, 100, 2, 1, 5);
        history.watch(nov1, 11, 100, 1, 3, 5);
        assertEquals(0, settle("--from", "2026-10-30", "--to", "2026-11-01"));
    }

    @Test
    void creatorRowsAreTheSumsOfTheirVideosThroughSettleAndReSettle() throws Exception {
        // a stale row of a date not settled yet (an interrupted earlier run): settling the date replaces it
        history.exec("INSERT INTO creator_daily_stats VALUES (99, '2026-10-31', 1, 1, 1, 1, 1)");
        threeDaysAcrossAMonth();
        // first-tier prices: 1 won per view, 10 won per ad view; creator 9's own play settles as zeros
        assertEquals(List.of(
                        List.of("2026-10-30", "7", "8", "20", "2", "8", "20"),
                        List.of("2026-10-30", "8", "1", "30", "1", "1", "10"),
                        List.of("2026-10-30", "9", "0", "0", "0", "0", "0"),
                        List.of("2026-10-31", "7", "4", "0", "0", "4", "0"),
                        List.of("2026-10-31", "8", "2", "5", "1", "2", "10"),
                        List.of("2026-11-01", "7", "1", "15", "3", "1", "30")),
                history.rows(CREATOR_ROWS));
        assertEquals(List.of(), rollups.problems());

        // late history on 2026-10-31 for video 11, and video 12's history of that day withdrawn: the re-settle
        // (which cascades to 2026-11-01) adds to creator 7 and leaves creator 8 without a row that day
        history.watch(LocalDate.parse("2026-10-31"), 11, 101, 2, 1, 7);
        history.exec("DELETE FROM watch_history WHERE watched_date = '2026-10-31' AND video_id = 12");
        assertEquals(0, settle("--date", "2026-10-31"));
        assertEquals(List.of(
                        List.of("2026-10-31", "7", "6", "7", "1", "6", "10")),
                history.rows("SELECT stat_date, creator_id, views, play_seconds, ad_views, video_amount, ad_amount"
                        + " FROM creator_daily_stats WHERE stat_date = '2026-10-31' ORDER BY creator_id"));
        assertEquals(List.of(), rollups.problems());
        assertEquals(5, history.number("SELECT COUNT(*) FROM creator_daily_stats"));

        // the step run again on its own changes nothing
        List<List<String>> once = history.rows(CREATOR_ROWS);
        assertEquals(3, creatorRollup.rollup(LocalDate.parse("2026-10-30")));
        assertEquals(once, history.rows(CREATOR_ROWS));
    }

    @Test
    void aRunThatFailedInTheStepIsRestartedToTheSameRows() throws Exception {
        history.video(10, 7);
        history.video(11, 7);
        history.watch(LocalDate.parse("2026-10-30"), 10, 100, 3, 2, 10);
        history.watch(LocalDate.parse("2026-10-30"), 11, 100, 5, 0, 0);
        // the step cannot write: the run fails there, before finish records the date as settled
        history.exec("RENAME TABLE creator_daily_stats TO creator_daily_stats_away");
        try {
            assertEquals(1, settle("--date", "2026-10-30"));
        } finally {
            history.exec("RENAME TABLE creator_daily_stats_away TO creator_daily_stats");
        }
        assertEquals(0, history.number("SELECT COUNT(*) FROM settled_dates"));
        assertEquals(0, history.number("SELECT COUNT(*) FROM creator_daily_stats"));
        // the command restarts the failed execution from the failed step
        assertEquals(0, settle("--date", "2026-10-30"));
        assertEquals(List.of(List.of("2026-10-30", "7", "8", "20", "2", "8", "20")), history.rows(CREATOR_ROWS));
        assertEquals(1, history.number("SELECT COUNT(*) FROM settled_dates"));
        assertEquals(List.of(), rollups.problems());
    }

    @Test
    void theCheckFindsSeededFaults() throws Exception {
        threeDaysAcrossAMonth();
        assertEquals(List.of(), rollups.problems());

        // seeded: a creator's ad amount off by one won
        history.exec("UPDATE creator_daily_stats SET ad_amount = ad_amount + 1 WHERE creator_id = 8"
                + " AND stat_date = '2026-10-30'");
        List<String> problems = rollups.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("2026-10-30 creator 8"), problems.toString());

        // seeded: a creator's row missing, and a row for a creator with no video that day
        history.exec("DELETE FROM creator_daily_stats WHERE creator_id = 7 AND stat_date = '2026-11-01'",
                "INSERT INTO creator_daily_stats VALUES (8, '2026-11-01', 0, 0, 0, 0, 0)");
        problems = rollups.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("2026-11-01 creator 7") && p.contains("missing")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("2026-11-01 creator 8") && p.contains("none")),
                problems.toString());

        // seeded: the rollup summing a video of the day twice (a join that duplicates rows) is found too
        history.exec("DELETE FROM creator_daily_stats",
                "INSERT INTO creator_daily_stats SELECT s.creator_id, s.stat_date, SUM(s.views), SUM(s.play_seconds),"
                        + " SUM(s.ad_views), SUM(t.video_amount), SUM(t.ad_amount) FROM video_daily_stats s"
                        + " JOIN video_daily_settlement t ON t.stat_date = s.stat_date"
                        + " GROUP BY s.creator_id, s.stat_date");
        assertTrue(rollups.problems().size() >= 3, rollups.problems().toString());
    }
}
