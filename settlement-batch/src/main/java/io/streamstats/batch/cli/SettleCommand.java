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
        if (first == null) {
            // the nightly run: the last day that is over (yesterday once the grace has passed), and any day since
            // the last settled one that a failed night left behind; never an open day
            last = lastClosed;
            LocalDate settled = repository.lastSettled();
            first = settled != null && settled.isBefore(last) ? settled.plusDays(1) : last;
            if (first.isBefore(last)) {
                System.out.println("Catching up: the last settled date is " + settled + "; settling " + first
                        + " .. " + last);
            }
            // late rows in a recently settled day: re-settle from it (the later settled days follow, in order)
            LocalDate late = lateRows.check(lastClosed, now);
            if (late != null && late.isBefore(first)) {
                first = late;
            }
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
        if (dates.size() > last.toEpochDay() - first.toEpochDay() + 1) {
            System.out.println("Later dates are settled already; re-settling them too, in order: through "
                    + dates.get(dates.size() - 1));
        }
        for (LocalDate day : dates) {
            // a later settled day re-settled only because of the earlier ones: its own history is as it was
            boolean reprice = SettlementRunner.repriced(day, last);
            System.out.println("Settling " + day + " (" + config.partitionCount() + " partitions"
                    + (reprice ? "; repriced from its statistics" : "") + ")");
            SettlementRunner.Outcome outcome = runner.settle(day, reprice);
            if (!outcome.completed()) {
                // the check step's refusal is both the job's exit status and the step's reason: said once
                String exitStatus = outcome.exitStatus() == null || outcome.reason().contains(outcome.exitStatus())
                        ? "" : " (" + outcome.exitStatus() + ")";
                System.err.printf("Settling %s did not complete: %s%s%s%n", day, outcome.status(), exitStatus,
                        outcome.reason().isEmpty() ? "" : ": " + outcome.reason());
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
