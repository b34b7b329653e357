package io.streamstats.batch.cli;

import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.config.HistoryConfig;
import io.streamstats.batch.repository.BatchLock;
import io.streamstats.batch.repository.LiveCounters;
import io.streamstats.batch.repository.WatchHistoryPartitions;
import io.streamstats.batch.repository.WatchHistoryPartitions.Partition;
import io.streamstats.batch.repository.WatchHistoryPartitions.Span;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partitions}: keeps watch_history's day partitions without anyone's hands. Creates one partition per day
 * through today + the days ahead (so the service's rows never land in p_future) and, with a retention, drops the
 * partitions of settled days older than it, recording those days so that they are never re-settled from no rows.
 * The partition changes run under the batch's lock, so they never change the table while a settlement reads it.
 * Then, with the lock released, it removes streaming-service's live counters ({@code live_video_day}) of settled days
 * older than the days kept: nothing reads them once the day is settled, and without this the table grows by a row
 * per active video a day.
 */
@Command(name = "partitions", description = {"Create watch_history's day partitions ahead, drop settled days past "
        + "the retention, and remove the live counters of settled days.",
        "Days ahead: SETTLEMENT_PARTITIONS_AHEAD (default 14); retention: SETTLEMENT_HISTORY_RETENTION_DAYS (default: "
                + "keep forever); only a settled day's rows are ever dropped. Live counters of settled days are kept "
                + "SETTLEMENT_LIVE_DAYS_KEPT days (default 7)."})
public class PartitionsCommand implements Callable<Integer> {

    /** A lock wait that ran out: MySQL's and MariaDB's ER_LOCK_WAIT_TIMEOUT. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int ATTEMPTS = 3;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--ahead", paramLabel = "DAYS", description = "day partitions after today (default: "
            + "SETTLEMENT_PARTITIONS_AHEAD)")
    Integer ahead;

    @Option(names = "--retention-days", paramLabel = "DAYS", description = "drop settled days older than this "
            + "(default: SETTLEMENT_HISTORY_RETENTION_DAYS; unset: keep every day)")
    Integer retentionDays;

    @Option(names = "--live-days-kept", paramLabel = "DAYS", description = "keep the live counters of settled days "
            + "this many days (default: SETTLEMENT_LIVE_DAYS_KEPT)")
    Integer liveDaysKept;

    @Option(names = "--wait-for-batch-seconds", paramLabel = "S", defaultValue = "1800",
            description = "how long to wait for a running settlement to finish (default ${DEFAULT-VALUE})")
    int waitForBatchSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    BatchClock clock;

    @Inject
    BatchConfig config;

    @Inject
    HistoryConfig history;

    @Inject
    WatchHistoryPartitions partitions;

    @Inject
    LiveCounters liveCounters;

    @Override
    public Integer call() throws Exception {
        int daysAhead = ahead != null ? ahead : history.partitionsAhead();
        Integer retention = retentionDays != null ? retentionDays : history.retentionDays().isPresent()
                ? Integer.valueOf(history.retentionDays().getAsInt()) : null;
        if (daysAhead < 1 || daysAhead > 366) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "days ahead (SETTLEMENT_PARTITIONS_AHEAD / --ahead) must be 1 to 366, not " + daysAhead);
        }
        if (retention != null && retention < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the retention (SETTLEMENT_HISTORY_RETENTION_DAYS / --retention-days) must be at least 1 day, not "
                            + retention);
        }
        int liveKept = liveDaysKept != null ? liveDaysKept : history.liveDaysKept();
        if (liveKept < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the live counters' days kept (SETTLEMENT_LIVE_DAYS_KEPT / --live-days-kept) must be at least 1, "
                            + "not " + liveKept);
        }
        long lockWait = history.lockWait().toSeconds();
        if (lockWait < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "SETTLEMENT_PARTITION_LOCK_WAIT must be at least 1 second, not " + history.lockWait());
        }
        LocalDate today;
        try (Connection c = partitions.connection()) {
            boolean locked = BatchLock.acquire(c, 0);
            if (!locked && waitForBatchSeconds > 0) {
                // a settlement is running: say why nothing happens for a while
                System.out.println("Waiting up to " + waitForBatchSeconds + " s for the running settlement ("
                        + BatchLock.name(c) + ") to finish");
                locked = BatchLock.acquire(c, waitForBatchSeconds);
            }
            if (!locked) {
                System.err.println(BatchLock.heldMessage(c, ", waited " + waitForBatchSeconds + " s"));
                return BatchMain.USAGE;
            }
            try {
                partitions.limitLockWait(c, lockWait);
                // today where the service dates its rows: the platform zone, on the database's clock
                today = clock.now().atZone(config.zone()).toLocalDate();
                if (!createAhead(c, today, today.plusDays(daysAhead))) {
                    return 1;
                }
                if (retention != null && !dropPastRetention(c, today.minusDays(retention), retention)) {
                    return 1;
                }
            } finally {
                BatchLock.release(c);
                // the connection goes back to the pool: leave it as it came
                partitions.resetLockWait(c);
            }
        }
        // after the lock: a backlog of deletes must not keep a settlement from starting (settle does not wait for
        // the lock), and the service answers a day a correction has made unsettled from its settled figures when
        // its live rows are gone
        try (Connection c = partitions.connection()) {
            removeLiveCounters(c, today.minusDays(liveKept), liveKept);
        }
        return 0;
    }

    private boolean createAhead(Connection c, LocalDate today, LocalDate last) throws SQLException,
            InterruptedException {
        List<Partition> all = partitions.list(c);
        Partition future = all.get(all.size() - 1);
        LocalDate bound = future.from();
        if (bound != null && bound.isAfter(last)) {
            System.out.println("Day partitions exist through " + bound.minusDays(1) + " (today " + today + "); none to "
                    + "create");
            return true;
        }
        Span waiting = partitions.span(c, WatchHistoryPartitions.FUTURE);
        // from the earliest row waiting in p_future, else today: every row then moves to its own day
        LocalDate first = waiting != null && waiting.first().isBefore(today) ? waiting.first() : today;
        if (bound != null && first.isBefore(bound)) {
            first = bound;
        }
        long count = last.toEpochDay() - first.toEpochDay() + 1;
        if (all.size() + count > WatchHistoryPartitions.MAX_PARTITIONS) {
            System.err.printf("Cannot create %d day partitions from %s: watch_history would have more than %d "
                    + "partitions; its rows in p_future start on %s%n", count, first,
                    WatchHistoryPartitions.MAX_PARTITIONS, first);
            return false;
        }
        long moved = waiting == null || waiting.first().isAfter(last) ? 0
                : partitions.rowsBetween(c, waiting.first(), last);
        long started = System.nanoTime();
        LocalDate from = first;
        if (!withLockWait("creating day partitions " + first + " .. " + last, () -> partitions.splitFuture(c, from,
                last))) {
            return false;
        }
        System.out.printf("Created %d day partitions %s .. %s (today %s + %d days) in %.2f s%n", count,
                WatchHistoryPartitions.nameOf(first), WatchHistoryPartitions.nameOf(last), today,
                last.toEpochDay() - today.toEpochDay(), (System.nanoTime() - started) / 1e9);
        if (moved > 0) {
            System.out.printf("Moved %,d rows (from %s on) out of p_future into their own day partitions (they had "
                    + "landed there before their days had partitions)%n", moved, waiting.first());
        }
        if (waiting != null && waiting.last().isAfter(last)) {
            System.out.println("Rows dated after " + last + " (up to " + waiting.last() + ") stay in p_future until "
                    + "their days are within the days ahead");
        }
        return true;
    }

    private boolean dropPastRetention(Connection c, LocalDate cutoff, int retention) throws SQLException,
            InterruptedException {
        int dropped = 0;
        LocalDate pending = partitions.earliestPendingResettle(c);
        for (Partition partition : partitions.list(c)) {
            if (!partition.isDay() || !partition.lessThan().isAfter(partition.from())
                    || !partition.lastDay().isBefore(cutoff)) {
                continue;
            }
            if (pending != null && !partition.lastDay().isBefore(pending)) {
                System.out.println("Kept " + partition.name() + " past the retention of " + retention + " days: late "
                        + "rows of " + pending + " are still to be re-settled, from the raw rows of that day on");
                continue;
            }
            Span rows = partitions.span(c, partition.name());
            if (rows != null) {
                long days = rows.last().toEpochDay() - rows.first().toEpochDay() + 1;
                if (partitions.settledDays(c, rows.first(), rows.last()) < days) {
                    System.out.println("Kept " + partition.name() + " past the retention of " + retention + " days: "
                            + describe(rows) + " holds watch history that is not settled");
                    continue;
                }
            }
            int[] recorded = new int[1];
            if (!withLockWait("dropping " + partition.name(), () -> recorded[0] = partitions.drop(c, partition))) {
                return false;
            }
            dropped++;
            System.out.println("Dropped " + partition.name() + " (" + (rows == null ? "no rows" : "rows of "
                    + describe(rows) + ", settled") + "; older than " + retention + " days)"
                    + (recorded[0] > 0 ? "; its settled figures stay, and it can no longer be re-settled" : ""));
        }
        if (dropped == 0) {
            System.out.println("No day partition older than " + cutoff + " (retention " + retention + " days) to drop");
        }
        return true;
    }

    private void removeLiveCounters(Connection c, LocalDate before, int kept) throws SQLException {
        List<LocalDate> days = liveCounters.settledDaysWithRows(c, before);
        if (days.isEmpty()) {
            System.out.println("No live counters of settled days before " + before + " (kept " + kept + " days) to "
                    + "remove");
            return;
        }
        long started = System.nanoTime();
        long rows = 0;
        for (LocalDate day : days) {
            rows += liveCounters.remove(c, day);
        }
        System.out.printf("Removed %,d live-counter rows of %d settled days (%s) in %.2f s: kept %d days%n", rows,
                days.size(), days.size() == 1 ? days.getFirst() : days.getFirst() + " .. " + days.getLast(),
                (System.nanoTime() - started) / 1e9, kept);
    }

    private static String describe(Span rows) {
        return rows.first().equals(rows.last()) ? rows.first().toString() : rows.first() + " .. " + rows.last();
    }

    private interface Change {
        void run() throws SQLException;
    }

    /**
     * A partition change needs the table's exclusive metadata lock; while it waits for a transaction that has the
     * table open, new inserts queue behind it. So each try waits only SETTLEMENT_PARTITION_LOCK_WAIT, and the change
     * is tried a few times before the run gives up (the next run tries again; days ahead leave room).
     */
    private boolean withLockWait(String what, Change change) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                change.run();
                return true;
            } catch (SQLException e) {
                if (e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    System.err.printf("Gave up %s: watch_history stayed in use for %d tries of %s each (a long "
                            + "transaction on it?); nothing was changed by this step. Run partitions again later.%n",
                            what, ATTEMPTS, history.lockWait());
                    return false;
                }
                System.out.printf("Waited %s for watch_history's lock while %s; trying again%n", history.lockWait(),
                        what);
                Thread.sleep(history.lockWait().toMillis());
            }
        }
    }
}
