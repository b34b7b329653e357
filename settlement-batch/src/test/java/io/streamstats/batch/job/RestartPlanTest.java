package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.support.CliRun;
import io.streamstats.batch.support.History;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed run restarted after the day's data changed (so its partition plan changed) ends with the tables a run
 * from scratch gives: every video settled, every row counted. The real job on the real database, four partitions;
 * the failure is the database's own (a trigger refusing one video's statistics), so no fault hook is in the job.
 */
@QuarkusTest
@TestProfile(RestartPlanTest.FourPartitions.class)
class RestartPlanTest {

    public static class FourPartitions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("settlement.partitions", "4");
        }
    }

    /** A date no other test settles: the job repository (JBeret's, in the same database) keeps every run. */
    static final LocalDate DAY = LocalDate.parse("2026-10-14");
    static final long FAILING_VIDEO = 15;

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    History history;

    @BeforeEach
    void data() {
        history = new History(db::getConnection);
        history.clear();
        // 40 videos of 10 views each: four partitions of about ten videos
        for (long video = 1; video <= 40; video++) {
            history.video(video, 7);
            history.watch(DAY, video, 100, 10, 2, 30);
        }
    }

    @AfterEach
    void dropTrigger() {
        history.exec("DROP TRIGGER IF EXISTS seeded_partition_failure");
    }

    @Test
    void aRestartAfterTheDayChangedSettlesEveryVideoAndEveryRow() {
        // one partition fails: its range holds video 15 (the second of four); the others complete
        // AFTER, not BEFORE: MariaDB 11.4 (the embedded server) fails every INSERT … SELECT into a table with a
        // BEFORE INSERT trigger with "Column 'stat_date' cannot be null", so no partition would complete there
        history.exec("CREATE TRIGGER seeded_partition_failure AFTER INSERT ON video_daily_stats FOR EACH ROW"
                + " BEGIN IF NEW.video_id = " + FAILING_VIDEO + " THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'seeded partition failure'; END IF; END");
        CliRun failed = CliRun.of(cli, "settle", "--date", DAY.toString());
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        assertTrue(history.number("SELECT COUNT(*) FROM video_daily_stats") > 0, "some partitions completed");
        history.exec("DROP TRIGGER seeded_partition_failure");

        // before the restart, rows arrive for the day (a back-fill): the heaviest video moves every partition bound
        history.watch(DAY, 1, 101, 300, 0, 0);
        CliRun restarted = CliRun.of(cli, "settle", "--date", DAY.toString());
        assertEquals(0, restarted.exit(), restarted.out() + restarted.err());
        assertTrue(restarted.out().contains("Restarting the unfinished run"), restarted.out());
        assertEquals(40, history.number("SELECT COUNT(*) FROM video_daily_settlement WHERE stat_date = '" + DAY + "'"),
                "every video settled");
        assertEquals(List.of(List.of("40", "780")), history.rows("SELECT videos, rows_read FROM settled_dates"));
        List<List<String>> afterRestart = history.snapshot();

        history.exec("DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement",
                "DELETE FROM video_period_stats", "DELETE FROM period_top", "DELETE FROM settled_dates",
                "DELETE FROM settled_prices");
        CliRun scratch = CliRun.of(cli, "settle", "--date", DAY.toString());
        assertEquals(0, scratch.exit(), scratch.out() + scratch.err());
        // while it runs: a line per finished partition with its rows, seconds and rows/s, then the date's summary
        // numbers as the default locale writes them (grouping and decimal marks vary)
        String number = "([0-9][0-9,.\\u00a0\\u202f\\u2019']*)";
        Matcher line = Pattern.compile("(?m)^  aggregate partition ([1-4])/4 done \\([1-4] of 4\\): " + number
                + " rows in " + number + " s, " + number + " rows/s$").matcher(scratch.out());
        Set<String> partitions = new TreeSet<>();
        long rows = 0;
        while (line.find()) {
            partitions.add(line.group(1));
            rows += Long.parseLong(line.group(2).replaceAll("[^0-9]", ""));
        }
        assertEquals(Set.of("1", "2", "3", "4"), partitions, scratch.out());
        assertEquals(780, rows, "the partitions' rows add up to the day's: " + scratch.out());
        assertTrue(Pattern.compile("(?m)^Settled " + DAY + " in [0-9.,]+ s:.* aggregate [0-9.,]+ s \\(780 rows\\);")
                .matcher(scratch.out()).find(), scratch.out());
        List<List<String>> fromScratch = history.snapshot();
        assertNotEquals(List.of(), fromScratch);
        assertEquals(fromScratch, afterRestart);
    }
}
