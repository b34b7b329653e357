package io.streamstats.batch.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.streamstats.batch.repository.BatchLock;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The settlement-batch command line ({@code --help} prints it). Exit codes: 0 done (the job COMPLETED), 1 the job
 * did not complete, 2 bad arguments or another run in progress, 4 a date that is not over yet (in the platform zone,
 * plus the grace) without --allow-open-day. {@code settle} is the default command: options without a command, or none
 * at all, are the settle command's, so {@code settlement-batch --date 2026-11-30} and a bare {@code settlement-batch}
 * (the nightly run) run as the contract writes them. The synthetic-history generator and the benchmark
 * are not part of this production image: they live in settlement-bench.
 */
@QuarkusMain
@Command(name = "settlement-batch", subcommands = {SettleCommand.class, PartitionsCommand.class},
        description = "Settles watch history into daily statistics, settlements and period rollups.",
        footer = {"", "settle is the default: 'settlement-batch --date 2026-11-30' is 'settlement-batch settle --date "
                + "2026-11-30', and no arguments are the nightly run: the last day that is over, any day missed "
                + "since the last settled one, and recent settled days that received late rows.",
                "", "Exit codes: 0 done, 1 the job did not complete, 2 bad arguments or another run in progress, "
                + "4 a date is not over yet (nothing settled; see settle --allow-open-day); 3 is the JVM's own exit when it"
                + " runs out of memory (-XX:+ExitOnOutOfMemoryError).",
                "Configuration: DB_URL, DB_USERNAME, DB_PASSWORD, SETTLEMENT_PARTITIONS (default: processors), "
                        + "PLATFORM_ZONE (default Asia/Seoul), SETTLEMENT_OPEN_DAY_GRACE (default PT15M), "
                        + "SETTLEMENT_LATE_ROWS_LOOKBACK (default 3 days), "
                        + "SETTLEMENT_LATE_ROWS_SWEEP_DAYS (default 1)."})
public class BatchMain implements QuarkusApplication {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Bad arguments, and another run holding the lock: the caller should not retry as is. */
    public static final int USAGE = 2;

    /**
     * A date not over yet: distinct from 2 so a caller can tell "too early, run it later" from a wrong command line,
     * and from 3, the JVM's own exit on running out of memory (-XX:+ExitOnOutOfMemoryError, as the chart runs it).
     */
    public static final int OPEN_DAY = 4;

    @Inject
    CommandLine.IFactory factory;


    @Override
    public int run(String... args) {
        return commandLine(BatchMain.class, factory).execute(withDefaultCommand(args));
    }

    /** {@code settle} in front of arguments that name no command (none, or options other than help). */
    static String[] withDefaultCommand(String... args) {
        if (args.length > 0 && (!args[0].startsWith("-") || "-h".equals(args[0]) || "--help".equals(args[0]))) {
            return args;
        }
        String[] settle = new String[args.length + 1];
        settle[0] = "settle";
        System.arraycopy(args, 0, settle, 1, args.length);
        return settle;
    }

    /**
     * Runs {@code work} holding the batch's lock on this database (one run at a time, {@link BatchLock}); another
     * run holding it: says so on stderr and returns {@link #USAGE} without running anything.
     */
    public static int holdingTheLock(DataSource dataSource, Callable<Integer> work) throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            if (!BatchLock.acquire(lock, 0)) {
                System.err.println(BatchLock.heldMessage(lock, ""));
                return USAGE;
            }
            try {
                return work.call();
            } finally {
                BatchLock.release(lock);
            }
        }
    }

    /** A command line with these exit codes: picocli's usage error (2) for bad arguments, 1 for a failed job. */
    public static CommandLine commandLine(Class<?> top, CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(top, factory);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : 1);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(e.getMessage());
            failed.usage(failed.getErr());
            return USAGE;
        });
        return cli;
    }
}
