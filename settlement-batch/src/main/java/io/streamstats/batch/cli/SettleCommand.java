package io.streamstats.batch.cli;

import io.agroal.api.AgroalDataSource;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.repository.SettlementRepository;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code settle}: one date or a range, in date order, each run as the settle-day job and waited for. */
@Command(name = "settle", description = {"Settle one date or a range, in date order; re-settling a date also re-settles every later "
                + "settled date.",
                "Without dates: yesterday in the platform zone, and every day since the last settled one that is "
                        + "still missing; and, from the earliest one, recently settled days that received late rows "
                        + "(SETTLEMENT_LATE_ROWS_LOOKBACK)."})
public class SettleCommand implements Callable<Integer> {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = IsoDate.class, description = "settle this date")
    LocalDate date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "first date of a range (with --to)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "last date of a range (with --from)")
    LocalDate to;

    @Option(names = "--allow-open-day", description = "settle dates that are not over yet in the platform zone (plus "
            + "SETTLEMENT_OPEN_DAY_GRACE); their figures will miss rows still to come")
    boolean allowOpenDay;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    BatchClock clock;

    @Inject
    SettlementRunner runner;

    @Inject
    BatchConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SettlementRepository repository;

    @Inject
    LateRowsCheck lateRows;

    @Override
    public Integer call() throws Exception {
        LocalDate first;
        LocalDate last;
        if (date != null) {
            if (from != null || to != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give either --date or --from and --to");
            }
            first = last = date;
        } else if (from != null || to != null) {
            if (from == null || to == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--" + (from == null ? "from" : "to") + " YYYY-MM-DD is required");
            }
            if (to.isBefore(from)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
            }
            first = from;
            last = to;
        } else {
            first = last = null;
        }
        if (config.openDayGrace().isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "SETTLEMENT_OPEN_DAY_GRACE must not be negative: " + config.openDayGrace());
        }
        return BatchMain.holdingTheLock(dataSource, () -> settleLocked(first, last));
    }

    private int settleLocked(LocalDate first, LocalDate last) throws InterruptedException {
        Instant now = clock.now();
        LocalDate lastClosed = BatchClock.lastClosedDay(now, config.zone(), config.openDayGrace());
        LocalDate history = repository.firstHistoryDate();
        LocalDate settledLast = repository.lastSettled();
        if (first == null) {
            // the nightly run: the last day that is over (yesterday once the grace has passed), and any day since
            // the last settled one that a failed night left behind; never an open day
            last = lastClosed;
            LocalDate settled = settledLast;
            if (settled == null && history != null && history.isBefore(last)) {
                // a first night that was missed: from the first day of watch history, as the order check requires
                first = history;
                System.out.println("Catching up: no date is settled yet and watch history starts on " + history
                        + "; settling " + first + " .. " + last);
            } else {
                first = settled != null && settled.isBefore(last) ? settled.plusDays(1) : last;
                if (first.isBefore(last)) {
                    System.out.println("Catching up: the last settled date is " + settled + "; settling " + first
                            + " .. " + last);
                }
            }
            // late rows in a recently settled day: re-settle from it (the later settled days follow, in order)
            LocalDate late = lateRows.check(lastClosed, now);
            if (late != null && late.isBefore(first)) {
                first = late;
            }
        }
        if (history != null && first.isBefore(history) && settledLast != null && !settledLast.isBefore(first)
                && repository.lastSettledBefore(first) == null
                && !repository.settledBetween(first, first).containsKey(first)) {
            // nothing to read there, and the cascade would settle every day from it through the last settled one
            // (a mistyped year settled a year of empty days): refused before any job. A settled day whose rows
            // retention dropped is not this case: the order check refuses it, naming the drop
            System.err.printf("Refusing to settle %s: it is before the first day of watch history (%s) and before "
                            + "every settled day, so it has nothing to settle, and re-settling from it would settle "
                            + "each day through %s. Nothing was settled. Settle dates from %s on.%n",
                    first.equals(last) ? first : first + " .. " + last, history, settledLast, history);
            return BatchMain.USAGE;
        }
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        if (allowOpenDay && last.isAfter(today)) {
            // a day in progress may be settled on purpose; a day to come has nothing yet and, marked settled, would
            // stand in the reports as final zeros and be re-settled by every run until it comes
            System.err.printf("Refusing to settle %s: %s has not begun in %s (today is %s on the database clock). "
                            + "--allow-open-day settles a day in progress, never one to come. Nothing was settled.%n",
                    first.equals(last) ? first : first + " .. " + last, first.isAfter(today) ? first : today.plusDays(1),
                    config.zone(), today);
            return BatchMain.USAGE;
        }
        if (last.isAfter(lastClosed)) {
            LocalDate open = first.isAfter(lastClosed) ? first : lastClosed.plusDays(1);
            if (!allowOpenDay) {
                // refused as a whole, before any job: a range must not stop half-way at its open end
                System.err.printf("Refusing to settle %s: %s is not over yet in %s (now %s on the database "
                                + "clock; a day is over at the next midnight plus %s of grace); the last day that "
                                + "is over is %s. Nothing was settled. Settle it later, or pass --allow-open-day "
                                + "to settle it as it stands.%n", first.equals(last) ? first : first + " .. " + last,
                        open, config.zone(), now, config.openDayGrace(), lastClosed);
                return BatchMain.OPEN_DAY;
            }
            System.out.println("Settling an open day: " + open + " and later are not over yet "
                    + "in " + config.zone() + "; rows still to come will not be in these figures");
        }
        List<LocalDate> dates = runner.datesFor(first, last);
        int exit = settle(dates, first, last);
        if (exit == 0) {
            // the requested range read its raw rows again; the later days of a cascade were only repriced
            lateRows.resettled(first, last, clock.now());
            LocalDate settled = repository.lastSettled();
            if (settled != null && settled.isBefore(lastClosed)) {
                // e.g. an explicit date after a night that stopped part-way: the days after it wait for a run
                System.out.println("Not settled yet: " + settled.plusDays(1) + " .. " + lastClosed
                        + "; `settle` without dates settles them in order, as the nightly run will");
            }
        }
        return exit;
    }

    private int settle(List<LocalDate> dates, LocalDate first, LocalDate last) throws InterruptedException {
        LocalDate end = dates.get(dates.size() - 1);
        // read before the first job unmarks them: which later days were settled, and so have statistics to reprice
        java.util.SortedMap<LocalDate, Instant> wasSettled = repository.settledBetween(first, end);
        if (end.isAfter(last)) {
            long later = end.toEpochDay() - last.toEpochDay();
            long settledLater = wasSettled.keySet().stream().filter(d -> d.isAfter(last)).count();
            System.out.println("Later dates follow, in order, through " + end + ": " + settledLater
                    + " settled already (repriced from their statistics)"
                    + (later > settledLater ? ", " + (later - settledLater) + " never settled (settled from their watch"
                    + " history)" : ""));
        }
        for (LocalDate day : dates) {
            // a later settled day re-settled only because of the earlier ones: its own history is as it was; a later
            // day never settled (history back-filled before the first settled day) has no statistics to reprice
            boolean reprice = SettlementRunner.repriced(day, last) && wasSettled.containsKey(day);
            System.out.println("Settling " + day + " (" + config.partitionCount() + " partitions"
                    + (reprice ? "; repriced from its statistics" : "") + ")");
            SettlementRunner.Outcome outcome = runner.settle(day, reprice, reprice ? wasSettled.get(day) : null);
            if (!outcome.completed()) {
                // the check step's refusal is both the job's exit status and the step's reason: said once
                String exitStatus = outcome.exitStatus() == null || outcome.reason().contains(outcome.exitStatus())
                        ? "" : " (" + outcome.exitStatus() + ")";
                System.err.printf("Settling %s did not complete: %s%s%s%n", day, outcome.status(), exitStatus,
                        outcome.reason().isEmpty() ? "" : ": " + outcome.reason());
                // days settled before this run that it unmarked and did not settle again: the order check now
                // refuses to settle past them until they are
                java.util.Set<LocalDate> settledNow = repository.settledBetween(day, end).keySet();
                List<LocalDate> unmarked = wasSettled.keySet().stream()
                        .filter(d -> !d.isBefore(day) && !settledNow.contains(d)).toList();
                if (!unmarked.isEmpty()) {
                    System.err.println("Not settled now: " + unmarked.get(0) + " .. " + end + " (this run unmarked them"
                            + " before it began); once the cause is mended, `settle --from " + day + " --to " + end
                            + "` settles them in order");
                }
                return 1;
            }
            StringBuilder steps = new StringBuilder();
            outcome.steps().forEach(s -> steps.append(String.format(" %s %.2f s (%,d %s);", s.step(), s.seconds(),
                    s.rows(), s.unit().isEmpty() ? "-" : s.unit())));
            System.out.printf("Settled %s in %.2f s:%s%n", day, outcome.seconds(), steps);
        }
        return 0;
    }

    /** A calendar date as YYYY-MM-DD; anything else is a usage error naming the value. */
    public static final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("must be a date as YYYY-MM-DD, not " + value);
            }
        }
    }
}
