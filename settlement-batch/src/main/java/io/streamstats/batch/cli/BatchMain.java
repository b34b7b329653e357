package io.streamstats.batch.cli;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.streamstats.batch.config.BatchConfig;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settlement-batch command line. Exit codes: 0 done (the job COMPLETED), 1 the job did not complete,
 * 2 bad arguments or another run in progress.
 */
@QuarkusMain
public class BatchMain implements QuarkusApplication {

    static final String USAGE = """
            Usage:
              settle [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD]
                  settle one date or a range, in date order; re-settling a date also re-settles every later
                  settled date. Without dates: yesterday in the platform zone, and every day since the last
                  settled one that is still missing
              generate --date D --rows N --videos M --viewers U [--seed S]
                  load N synthetic watch-history rows for D over M new videos and U viewers
              bench --date D
                  settle D and print rows, seconds and rows/s per step next to a plain scan of the same rows
            Configuration: DB_URL, DB_USERNAME, DB_PASSWORD, SETTLEMENT_PARTITIONS (default: processors),
            PLATFORM_ZONE (default Asia/Seoul).""";

    @Inject
    SettlementRunner runner;

    @Inject
    HistoryGenerator generator;

    @Inject
    Benchmark benchmark;

    @Inject
    BatchConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.streamstats.batch.repository.SettlementRepository repository;

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!acquire(lock)) {
                System.err.println("Another settlement-batch run holds the lock on this database; try again later");
                return 2;
            }
            return switch (args[0]) {
                case "settle" -> settle(options);
                case "generate" -> generate(options);
                case "bench" -> benchmark.run(date(options, "date", null)) ? 0 : 1;
                default -> {
                    System.err.println("Unknown command " + args[0]);
                    System.err.println(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private int settle(Map<String, String> options) throws InterruptedException {
        LocalDate from;
        LocalDate to;
        if (options.containsKey("date")) {
            if (options.containsKey("from") || options.containsKey("to")) {
                throw new IllegalArgumentException("Give either --date or --from and --to");
            }
            from = to = date(options, "date", null);
        } else if (options.containsKey("from") || options.containsKey("to")) {
            from = date(options, "from", null);
            to = date(options, "to", null);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from);
            }
        } else {
            // the nightly run: yesterday, and any day since the last settled one that a failed night left behind
            to = LocalDate.now(config.zone()).minusDays(1);
            LocalDate last = repository.lastSettled();
            from = last != null && last.isBefore(to) ? last.plusDays(1) : to;
            if (from.isBefore(to)) {
                System.out.println("Catching up: the last settled date is " + last + "; settling " + from + " .. " + to);
            }
        }
        List<LocalDate> dates = runner.datesFor(from, to);
        if (dates.size() > to.toEpochDay() - from.toEpochDay() + 1) {
            System.out.println("Later dates are settled already; re-settling them too, in order: through "
                    + dates.get(dates.size() - 1));
        }
        for (LocalDate date : dates) {
            System.out.println("Settling " + date + " (" + config.partitionCount() + " partitions)");
            SettlementRunner.Outcome outcome = runner.settle(date);
            if (!outcome.completed()) {
                System.err.printf("Settling %s did not complete: %s (%s)%n", date, outcome.status(), outcome.exitStatus());
                return 1;
            }
            StringBuilder steps = new StringBuilder();
            outcome.steps().forEach(s -> steps.append(String.format(" %s %.2f s (%,d %s);", s.step(), s.seconds(),
                    s.rows(), s.unit().isEmpty() ? "-" : s.unit())));
            System.out.printf("Settled %s in %.2f s:%s%n", date, outcome.seconds(), steps);
        }
        return 0;
    }

    private int generate(Map<String, String> options) {
        LocalDate date = date(options, "date", null);
        long rows = number(options, "rows", null);
        int videos = (int) number(options, "videos", null);
        int viewers = (int) number(options, "viewers", null);
        long seed = number(options, "seed", 42L);
        if (videos < 1 || viewers < 1) {
            throw new IllegalArgumentException("--videos and --viewers must be at least 1");
        }
        generator.generate(new HistoryGenerator.Request(date, rows, videos, viewers, seed));
        return 0;
    }

    private static boolean acquire(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK('settlement-batch', 0)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    static LocalDate date(Map<String, String> options, String name, LocalDate defaultValue) {
        String value = options.get(name);
        if (value == null) {
            if (defaultValue == null) {
                throw new IllegalArgumentException("--" + name + " YYYY-MM-DD is required");
            }
            return defaultValue;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be a date as YYYY-MM-DD, not " + value);
        }
    }

    static long number(Map<String, String> options, String name, Long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            if (defaultValue == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return defaultValue;
        }
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number >= 0, not " + value);
        }
    }
}
