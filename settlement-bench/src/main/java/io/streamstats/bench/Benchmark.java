package io.streamstats.bench;

import static io.streamstats.batch.repository.Jdbc.prepare;

import io.agroal.api.AgroalDataSource;
import io.streamstats.batch.cli.SettlementRunner;
import io.streamstats.batch.job.StepFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Settles a loaded day with the real job, side by side in one run (the machine's load changes between runs, ratios
 * within a run hold): the floor, a plain scan of the day's rows ({@code SELECT COUNT(*), SUM(played_seconds)}); the
 * first settle; a correction of the day (late rows) and its re-settle; and, with later days, their first settles
 * and a second correction of the first day, re-settled with the cascade through every later day.
 */
@ApplicationScoped
public class Benchmark {

    /** Playback ids of the late rows the benchmark adds as corrections: far above the generator's (from 1). */
    static final long CORRECTION_PLAYBACKS = 1_000_000_000_000L;
    /** The steps that do the day's work, compared with the floor: statistics, settlement, rollups, finish. */
    private static final Set<String> WORK_STEPS = Set.of("aggregate", "settle", "rollup", "creatorRollup", "finish");
    private static final String DERIVED_TABLES = "video_daily_stats video_daily_settlement video_period_stats"
            + " creator_daily_stats period_top settled_dates settled_prices";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SettlementRunner runner;

    /**
     * Why the database is not one to benchmark on, or null: a day settled outside the benchmarked ones means a
     * platform's figures, which the benchmark would empty (it truncates every derived table).
     */
    public String refusal(LocalDate date, int laterDays) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(stat_date), MAX(stat_date), COUNT(*) FROM settled_dates"
                        + " WHERE stat_date NOT BETWEEN ? AND ?")) {
            ps.setObject(1, date);
            ps.setObject(2, date.plusDays(laterDays));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long others = rs.getLong(3);
                return others == 0 ? null : "Refusing to benchmark: this database has " + others + " settled days"
                        + " outside " + date + " .. " + date.plusDays(laterDays) + " (" + rs.getObject(1) + " .. "
                        + rs.getObject(2) + "), a platform's figures, and the benchmark empties every settled table."
                        + " Point DB_URL at a benchmark database (settlement-bench/bench-db.sh).";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public boolean run(LocalDate date, int laterDays, long laterRows) throws InterruptedException {
        exec("DELETE FROM watch_history WHERE watched_date = ? AND playback_id >= ?", date, CORRECTION_PLAYBACKS);
        if (laterDays > 0) {
            copyLaterDays(date, laterDays, laterRows);
        }
        for (String table : DERIVED_TABLES.split(" ")) {
            exec("TRUNCATE TABLE " + table);
        }
        System.out.println("Derived tables emptied (" + DERIVED_TABLES + "): a first settle");

        // the floor is timed on its second scan: the first reads whatever of the day is not in the buffer pool yet
        // (14.8–27.3 s on the same data, depending on what ran before), the second and the first settle then both find
        // the day's pages in memory, so the ratio compares work, not disk reads
        double warmUp = scan(date).seconds();
        Scan scanned = scan(date);
        long rows = scanned.rows();
        double floor = scanned.seconds();
        System.out.printf("Floor: plain scan of %,d rows of %s in %.2f s (%,.0f rows/s; the scan before it, warming"
                + " the buffer pool, %.2f s)%n", rows, date, floor, rows / Math.max(floor, 1e-9), warmUp);

        SettlementRunner.Outcome first = runner.settle(date);
        print("first settle of " + date, first, rows);
        double firstWork = work(first);
        System.out.printf("ratio first settle / floor: steps %.2f (%.2f s / %.2f s), job %.2f%n", firstWork / floor,
                firstWork, floor, first.seconds() / floor);
        if (!first.completed()) {
            return false;
        }

        long corrected = correct(date, 0);
        SettlementRunner.Outcome again = runner.settle(date);
        print("re-settle of " + date + " after " + corrected + " late rows", again, rows);
        System.out.printf("ratio re-settle / first settle: %.2f (%.2f s / %.2f s)%n", again.seconds() / first.seconds(),
                again.seconds(), first.seconds());
        if (!again.completed()) {
            return false;
        }

        if (laterDays > 0) {
            double laterFirst = 0;
            for (int d = 1; d <= laterDays; d++) {
                SettlementRunner.Outcome later = runner.settle(date.plusDays(d));
                print("first settle of " + date.plusDays(d), later, number("SELECT COUNT(*) FROM watch_history"
                        + " WHERE watched_date = ?", date.plusDays(d)));
                if (!later.completed()) {
                    return false;
                }
                laterFirst += later.seconds();
            }
            exec("DELETE FROM watch_history WHERE watched_date = ? AND playback_id >= ?", date, CORRECTION_PLAYBACKS);
            corrected = correct(date, 1);
            List<LocalDate> dates = runner.datesFor(date, date);
            double cascade = 0;
            double repriced = 0;
            SettlementRunner.Outcome head = null;
            for (LocalDate day : dates) {
                SettlementRunner.Outcome outcome = runner.settle(day, SettlementRunner.repriced(day, date));
                print((head == null ? "re-settle of " : "  cascade: reprice of ") + day
                        + (head == null ? " (another correction: " + corrected + " late rows)" : ""), outcome, 0);
                if (!outcome.completed()) {
                    return false;
                }
                if (head == null) {
                    head = outcome;
                } else {
                    repriced += outcome.seconds();
                }
                cascade += outcome.seconds();
            }
            System.out.printf("re-settle of the first of %d days: %.2f s (the day %.2f s + %d later days repriced "
                            + "%.2f s; their first settles took %.2f s); ratio to the first settle of %s: %.2f%n",
                    dates.size(), cascade, head.seconds(), dates.size() - 1, repriced, laterFirst, date,
                    cascade / first.seconds());
        }
        return true;
    }

    private record Scan(long rows, double seconds) {
    }

    /** The plain scan of the day's rows. */
    private Scan scan(LocalDate date) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "SELECT COUNT(*), SUM(played_seconds) FROM watch_history"
                     + " WHERE watched_date = ?", date)) {
            long started = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Scan(rs.getLong(1), (System.nanoTime() - started) / 1e9);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The seconds of the steps that do the day's work: statistics, settlement, the video and creator rollups, finish. */
    private static double work(SettlementRunner.Outcome outcome) {
        return outcome.steps().stream().filter(s -> WORK_STEPS.contains(s.step()))
                .mapToDouble(StepFigures.Figure::seconds).sum();
    }

    private static void print(String what, SettlementRunner.Outcome outcome, long rows) {
        System.out.println();
        System.out.println(what + ": " + outcome.status());
        System.out.printf("  %-14s %14s %10s %16s%n", "step", "rows", "seconds", "rows/s");
        for (var step : outcome.steps()) {
            System.out.printf("  %-14s %,14d %10.2f %,16.0f %s%n", step.step(), step.rows(), step.seconds(),
                    step.rows() / Math.max(step.seconds(), 1e-9), step.unit());
        }
        System.out.printf("  %-14s %,14d %10.2f%n", "total (job)", rows, outcome.seconds());
    }

    /**
     * A correction of the day: one late counted view (30 s played) for every 100th video of the day (phase picks
     * which), with playback ids no generated row has. Returns the rows added.
     */
    private long correct(LocalDate date, int phase) {
        return exec("INSERT INTO watch_history (watched_date, video_id, playback_id, record_type, viewer_id,"
                + " counted_view, played_seconds, ad_views, start_seconds, end_seconds, created_at)"
                + " SELECT ?, v.id, ? + v.id, 0, 1, 1, 30, 0, 0, 30, CAST(? AS DATETIME) + INTERVAL 12 HOUR FROM videos v"
                + " WHERE v.id BETWEEN (SELECT MIN(video_id) FROM watch_history WHERE watched_date = ?)"
                + " AND (SELECT MAX(video_id) FROM watch_history WHERE watched_date = ? AND playback_id < ?)"
                + " AND v.id % 100 = ?", date, CORRECTION_PLAYBACKS, date, date, date, CORRECTION_PLAYBACKS, phase);
    }

    /**
     * Later days over the same videos, if not there yet: a sample of the day's playbacks (whole playbacks, about
     * laterRows rows each) copied to each later day. Their settlement must not depend on how many raw rows they have
     * once the first day is corrected; their first settles do.
     */
    private void copyLaterDays(LocalDate date, int laterDays, long laterRows) {
        if (number("SELECT COUNT(*) FROM watch_history WHERE watched_date BETWEEN ? AND ?", date.plusDays(1),
                date.plusDays(laterDays)) > 0) {
            System.out.println("Later days " + date.plusDays(1) + " .. " + date.plusDays(laterDays) + " have history: kept");
            return;
        }
        long rows = number("SELECT COUNT(*) FROM watch_history WHERE watched_date = ?", date);
        long every = Math.max(laterDays, Math.round((double) rows / Math.max(1, laterRows))); // playbacks per copied one
        long started = System.nanoTime();
        long copied = exec("INSERT INTO watch_history (watched_date, video_id, playback_id, record_type, viewer_id,"
                + " counted_view, played_seconds, ad_views, start_seconds, end_seconds, created_at)"
                + " SELECT watched_date + INTERVAL (1 + playback_id % ?) DAY, video_id, playback_id, record_type,"
                + " viewer_id, counted_view, played_seconds, ad_views, start_seconds, end_seconds,"
                + " created_at + INTERVAL (1 + playback_id % ?) DAY FROM watch_history"
                + " WHERE watched_date = ? AND playback_id < ? AND playback_id % ? < ?",
                every, every, date, CORRECTION_PLAYBACKS, every, laterDays);
        System.out.printf("Later days %s .. %s: copied %,d rows (%d of every %d playbacks of %s) in %.1f s%n",
                date.plusDays(1), date.plusDays(laterDays), copied, laterDays, every, date, (System.nanoTime() - started) / 1e9);
    }

    private long number(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long exec(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeLargeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
