package io.streamstats.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.cli.BatchClock;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.support.FixedClock;
import io.streamstats.batch.support.History;
import io.streamstats.batch.support.CliRun;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Days that are not over (in Asia/Seoul, plus the default 15 minutes of grace) are refused with exit code 4 and
 * nothing written, unless --allow-open-day; the nightly run never picks one. The real job on the real database, with
 * the batch's clock fixed around the end of 2026-03-01 in Seoul (2026-03-01T15:00Z).
 */
@QuarkusTest
class OpenDayTest {

    static final LocalDate DAY = LocalDate.parse("2026-03-01");
    /** Midnight at the end of DAY in Seoul: DAY is still running in UTC for nine more hours. */
    static final Instant END = Instant.parse("2026-03-01T15:00:00Z");

    @Inject
    AgroalDataSource db;

    @Inject
    BatchMain cli;

    @Inject
    FixedClock clock;

    History history;

    @BeforeEach
    void data() {
        history = new History(db::getConnection);
        history.clear();
        history.video(1, 7);
        // the day and the next (the order check refuses a date with unsettled history before it)
        for (int d = 0; d <= 1; d++) {
            history.watch(DAY.plusDays(d), 1, 100, 10 + d, 0, 0);
        }
    }

    @AfterEach
    void clock() {
        clock.reset();
    }

    private CliRun run(Instant now, String... args) {
        clock.set(now);
        return CliRun.of(cli, args);
    }

    private List<String> settled() {
        return history.rows("SELECT stat_date FROM settled_dates ORDER BY stat_date").stream().map(r -> r.get(0))
                .toList();
    }

    private void assertNothingWritten() {
        assertEquals(List.of(), settled());
        for (String table : List.of("video_daily_stats", "video_daily_settlement", "video_period_stats")) {
            assertEquals(0, history.number("SELECT COUNT(*) FROM " + table), table);
        }
    }

    private static void assertRefused(CliRun run, String open) {
        assertEquals(BatchMain.OPEN_DAY, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(open + " is not over yet in Asia/Seoul"), run.err());
        assertTrue(run.err().contains("--allow-open-day"), run.err());
    }

    @Test
    void todayIsRefusedWithExitThreeAndNothingWritten() {
        CliRun run = run(END.minus(Duration.ofHours(3)), "settle", "--date", DAY.toString());
        assertRefused(run, DAY.toString());
        assertTrue(run.err().contains("the last day that is over is 2026-02-28"), run.err());
        assertNothingWritten();
    }

    @Test
    void yesterdayIsRefusedUntilTheGraceHasPassed() {
        assertRefused(run(END.plus(Duration.ofMinutes(10)), "settle", "--date", DAY.toString()), DAY.toString());
        assertNothingWritten();
        assertEquals(0, run(END.plus(Duration.ofMinutes(15)), "settle", "--date", DAY.toString()).exit());
        assertEquals(List.of(DAY.toString()), settled());
    }

    /** Judged in the platform zone: at 00:20 in Seoul the day is over there, though 2026-03-01 still runs in UTC. */
    @Test
    void judgedInThePlatformZoneNotUtc() {
        CliRun run = run(END.plus(Duration.ofMinutes(20)), "settle", "--date", DAY.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(DAY.toString()), settled());
        assertRefused(run(END.plus(Duration.ofMinutes(20)), "settle", "--date", DAY.plusDays(1).toString()),
                DAY.plusDays(1).toString());
    }

    @Test
    void allowOpenDaySettlesTodayAndSaysSo() {
        CliRun run = run(END.minus(Duration.ofHours(3)), "settle", "--date", DAY.toString(), "--allow-open-day");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("Settling an open day: " + DAY + " and later are not over yet"), run.out());
        assertEquals(List.of(DAY.toString()), settled());
        assertEquals(10, history.number("SELECT views FROM video_daily_stats WHERE stat_date = '" + DAY + "'"));
    }

    /** A day that has not begun is refused even with --allow-open-day (it was settled as final zeros). */
    @Test
    void allowOpenDayRefusesADayThatHasNotBegun() {
        CliRun run = run(END.minus(Duration.ofHours(3)), "settle", "--date", DAY.plusDays(1).toString(),
                "--allow-open-day");
        assertEquals(BatchMain.USAGE, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(DAY.plusDays(1) + " has not begun in Asia/Seoul (today is " + DAY), run.err());
        assertNothingWritten();
        CliRun range = run(END.minus(Duration.ofHours(3)), "settle", "--from", DAY.toString(), "--to",
                DAY.plusDays(2).toString(), "--allow-open-day");
        assertEquals(BatchMain.USAGE, range.exit(), range.out() + range.err());
        assertNothingWritten();
    }

    /** A mistyped year: a date before all history and all settled days, from which every day would be settled. */
    @Test
    void aDateBeforeAllHistoryAndSettledDaysIsRefused() {
        assertEquals(0, run(END.plus(Duration.ofMinutes(30)), "settle", "--date", DAY.toString()).exit());
        CliRun run = run(END.plus(Duration.ofMinutes(30)), "settle", "--date", DAY.minusYears(1).toString());
        assertEquals(BatchMain.USAGE, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("it is before the first day of watch history (" + DAY + ")"), run.err());
        assertEquals(List.of(DAY.toString()), settled());
        // the day before the history, on an install with nothing settled, is no such case: an empty day, settled
        history.exec("DELETE FROM settled_dates");
        assertEquals(0, run(END.plus(Duration.ofMinutes(30)), "settle", "--date", DAY.minusDays(1).toString()).exit());
    }

    /** An install whose first night was missed: the nightly run starts at the first day of watch history. */
    @Test
    void theNightlyRunWithNothingSettledStartsAtTheFirstDayOfHistory() {
        history.watch(DAY.minusDays(2), 1, 100, 3, 0, 0);
        CliRun run = run(END.plus(Duration.ofMinutes(30)), "settle");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("Catching up: no date is settled yet and watch history starts on "
                + DAY.minusDays(2)), run.out());
        assertEquals(List.of(DAY.minusDays(2).toString(), DAY.minusDays(1).toString(), DAY.toString()), settled());
        assertEquals(13, history.number("SELECT cumulative_views FROM video_daily_stats WHERE stat_date = '" + DAY
                + "'"));
    }

    @Test
    void aRangeReachingIntoAnOpenDayIsRefusedWhole() {
        // 2026-03-01 is over, 2026-03-02 is not: neither is settled
        CliRun run = run(END.plus(Duration.ofMinutes(20)), "settle", "--from", DAY.toString(), "--to",
                DAY.plusDays(1).toString());
        assertRefused(run, DAY.plusDays(1).toString());
        assertTrue(run.err().contains("Refusing to settle 2026-03-01 .. 2026-03-02"), run.err());
        assertNothingWritten();
    }

    /** The order check's hint is a command that works as written, with --allow-open-day when its last day is open. */
    @Test
    void theOrderChecksHintForAnOpenDayCarriesAllowOpenDay() {
        // 2026-03-01 is over, 2026-03-02 (open) is asked for first
        CliRun refused = run(END.plus(Duration.ofMinutes(20)), "settle", "--date", DAY.plusDays(1).toString(),
                "--allow-open-day");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        Matcher hint = Pattern.compile("\\((settle [^)]*)\\)").matcher(refused.err());
        assertTrue(hint.find(), refused.err());
        assertEquals("settle --from 2026-03-01 --to 2026-03-02 --allow-open-day", hint.group(1));
        CliRun asHinted = run(END.plus(Duration.ofMinutes(20)), hint.group(1).split(" "));
        assertEquals(0, asHinted.exit(), asHinted.out() + asHinted.err());
        assertEquals(List.of(DAY.toString(), DAY.plusDays(1).toString()), settled());
    }

    @Test
    void theNightlyRunNeverPicksAnOpenDay() {
        // 00:10 in Seoul: 2026-03-01 has ended but is within its grace; the nightly run stops at 2026-02-28
        CliRun run = run(END.plus(Duration.ofMinutes(10)), "settle");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(DAY.minusDays(1).toString()), settled());
        // after the grace it settles 2026-03-01, never 2026-03-02 (which has rows already)
        assertEquals(0, run(END.plus(Duration.ofMinutes(30)), "settle").exit());
        assertEquals(List.of(DAY.minusDays(1).toString(), DAY.toString()), settled());
    }

    /** Production judges by the database's clock, the one watch history is stamped with. */
    @Test
    void theProductionClockIsTheDatabases() {
        Instant database = BatchClock.databaseNow(db);
        Instant stamped = Instant.parse(history.rows(
                "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%fZ')").get(0).get(0));
        assertTrue(Duration.between(database, stamped).abs().compareTo(Duration.ofSeconds(5)) < 0,
                database + " vs " + stamped);
    }
}
