package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.support.History;
import io.streamstats.batch.support.Rollups;
import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job rolls every {@link StatPeriod} up from the days and ranks every one by {@link Ranking}: the year
 * (added as one constant of StatPeriod) like the others, checked with exact numbers across a year boundary and
 * against the rule in Java.
 */
@QuarkusTest
class PeriodRollupTest {

    static final String YEAR_ROWS = "SELECT period_start, video_id, creator_id, views, play_seconds, ad_views,"
            + " video_amount, ad_amount FROM video_period_stats WHERE period = 'Y' ORDER BY period_start, video_id";

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    History history;
    Rollups rollups;

    @BeforeEach
    void empty() {
        history = new History(db::getConnection);
        rollups = new Rollups(history);
        history.clear();
    }

    int settle(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "settle";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.run(full);
    }

    List<String> top(String period, String start, String metric) {
        return history.rows("SELECT video_id FROM period_top WHERE period = '" + period + "' AND period_start = '"
                + start + "' AND metric = '" + metric + "' ORDER BY rank_no").stream().map(r -> r.get(0)).toList();
    }

    /** Four days from Wednesday 2026-12-30 to Saturday 2027-01-02: one week, two months, two years. */
    void aroundNewYear() throws Exception {
        history.video(10, 7);
        history.video(11, 7);
        history.video(12, 8);
        history.video(13, 8);
        history.watch(LocalDate.parse("2026-12-30"), 10, 100, 3, 2, 10);
        history.watch(LocalDate.parse("2026-12-30"), 11, 100, 5, 0, 0);
        history.watch(LocalDate.parse("2026-12-31"), 10, 100, 4, 0, 0);
        history.watch(LocalDate.parse("2026-12-31"), 12, 100, 1, 1, 30);
        history.watch(LocalDate.parse("2027-01-01"), 10, 100, 8, 0, 0);
        history.watch(LocalDate.parse("2027-01-01"), 11, 100, 1, 3, 5);
        history.watch(LocalDate.parse("2027-01-02"), 12, 100, 2, 0, 0);
        history.watch(LocalDate.parse("2027-01-02"), 13, 100, 8, 0, 0);
        assertEquals(0, settle("--from", "2026-12-30", "--to", "2027-01-02"));
    }

    @Test
    void aYearIsTheSumOfItsDaysAcrossTheYearBoundary() throws Exception {
        aroundNewYear();
        // first-tier prices: 1 won per view, 10 won per ad view
        assertEquals(List.of(
                        List.of("2026-01-01", "10", "7", "7", "20", "2", "7", "20"),
                        List.of("2026-01-01", "11", "7", "5", "0", "0", "5", "0"),
                        List.of("2026-01-01", "12", "8", "1", "30", "1", "1", "10"),
                        List.of("2027-01-01", "10", "7", "8", "0", "0", "8", "0"),
                        List.of("2027-01-01", "11", "7", "1", "15", "3", "1", "30"),
                        List.of("2027-01-01", "12", "8", "2", "0", "0", "2", "0"),
                        List.of("2027-01-01", "13", "8", "8", "0", "0", "8", "0")),
                history.rows(YEAR_ROWS));
        // the week of Monday 2026-12-28 spans both years; every period row is the sum of its days
        assertEquals(List.of(List.of("15"), List.of("6"), List.of("3"), List.of("8")), history.rows("SELECT views"
                + " FROM video_period_stats WHERE period = 'W' AND period_start = '2026-12-28' ORDER BY video_id"));
        assertEquals(List.of(), rollups.periodProblems());

        // the year's Top 5: ties (10 and 13 with 8 views in 2027) go to the lower id; 0 ranks nowhere
        assertEquals(List.of("10", "11", "12"), top("Y", "2026-01-01", "V"));
        assertEquals(List.of("12", "10"), top("Y", "2026-01-01", "P"));
        assertEquals(List.of("10", "13", "12", "11"), top("Y", "2027-01-01", "V"));
        assertEquals(List.of("11"), top("Y", "2027-01-01", "P"));
        assertEquals(List.of("10", "13", "11", "12"), top("W", "2026-12-28", "V"));
        assertEquals(List.of(), rollups.topProblems());

        // late history for New Year's Eve: re-settling it takes the old day out of 2026 and re-settles 2027's days
        history.watch(LocalDate.parse("2026-12-31"), 11, 101, 2, 0, 0);
        assertEquals(0, settle("--date", "2026-12-31"));
        assertEquals(List.of(List.of("7", "7"), List.of("7", "7")), history.rows("SELECT views, video_amount"
                + " FROM video_period_stats WHERE period = 'Y' AND period_start = '2026-01-01' AND video_id IN (10, 11)"
                + " ORDER BY video_id"));
        assertEquals(List.of("10", "11", "12"), top("Y", "2026-01-01", "V")); // 7 and 7: the lower id first
        assertEquals(List.of(), rollups.periodProblems());
        assertEquals(List.of(), rollups.topProblems());

        // running the range again changes nothing
        List<List<String>> once = history.snapshot();
        assertEquals(0, settle("--from", "2026-12-30", "--to", "2027-01-02"));
        assertEquals(once, history.snapshot());
    }

    @Test
    void everyPeriodRanksTiesToTheLowerIdAndShowsFive() throws Exception {
        for (long id = 27; id >= 21; id--) {
            history.video(id, 7);
            history.watch(LocalDate.parse("2026-07-15"), id, 100, 2, 1, 30);
        }
        assertEquals(0, settle("--date", "2026-07-15"));
        LocalDate day = LocalDate.parse("2026-07-15");
        for (StatPeriod period : StatPeriod.values()) {
            for (Ranking.Metric metric : Ranking.Metric.values()) {
                assertEquals(List.of("21", "22", "23", "24", "25"),
                        top(period.code(), period.start(day).toString(), metric.code()), period + " " + metric);
            }
        }
        assertEquals(List.of(), rollups.topProblems());
    }

    @Test
    void theChecksFindSeededFaults() throws Exception {
        aroundNewYear();
        assertEquals(List.of(), rollups.periodProblems());
        assertEquals(List.of(), rollups.topProblems());

        // seeded: a year row off by one view
        history.exec("UPDATE video_period_stats SET views = views + 1 WHERE period = 'Y' AND video_id = 12"
                + " AND period_start = '2026-01-01'");
        List<String> sums = rollups.periodProblems();
        assertEquals(1, sums.size(), sums.toString());
        assertTrue(sums.get(0).startsWith("Y 2026-01-01 video 12"), sums.toString());
        // seeded: a year row missing
        history.exec("DELETE FROM video_period_stats WHERE period = 'Y' AND video_id = 13");
        assertTrue(rollups.periodProblems().stream().anyMatch(p -> p.contains("video 13") && p.contains("missing")));

        history.clear();
        aroundNewYear();
        // seeded: the tie of 2027 (videos 10 and 13, 8 views each) ranked to the higher id
        history.exec("UPDATE period_top SET rank_no = 99 WHERE period = 'Y' AND period_start = '2027-01-01'"
                        + " AND metric = 'V' AND rank_no = 1",
                "UPDATE period_top SET rank_no = 1 WHERE period = 'Y' AND period_start = '2027-01-01'"
                        + " AND metric = 'V' AND rank_no = 2",
                "UPDATE period_top SET rank_no = 2 WHERE period = 'Y' AND period_start = '2027-01-01'"
                        + " AND metric = 'V' AND rank_no = 99");
        List<String> ranks = rollups.topProblems();
        assertEquals(1, ranks.size(), ranks.toString());
        assertTrue(ranks.get(0).startsWith("Y 2027-01-01 V"), ranks.toString());
        // seeded: a video with no play time in the play-time table
        history.exec("INSERT INTO period_top VALUES ('Y', '2027-01-01', 'P', 2, 13, 8, 0)");
        assertTrue(rollups.topProblems().stream().anyMatch(p -> p.startsWith("Y 2027-01-01 P")));
    }
}
