package io.streamstats.batch.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The settlement-batch command line ({@code --help} prints it). Exit codes: 0 done (the job COMPLETED), 1 the job
 * did not complete, 2 bad arguments or another run in progress, 3 a date that is not over yet (in the platform zone,
 * plus the grace) without --allow-open-day. The synthetic-history generator and the benchmark
 * are not part of this production image: they live in settlement-bench.
 */
@QuarkusMain
@Command(name = "settlement-batch", subcommands = {SettleCommand.class, PartitionsCommand.class},
        description = "Settles watch history into daily statistics, settlements and period rollups.",
        footer = {"", "Exit codes: 0 done, 1 the job did not complete, 2 bad arguments or another run in progress, "
                + "3 a date is not over yet (nothing settled; see settle --allow-open-day).",
                "Configuration: DB_URL, DB_USERNAME, DB_PASSWORD, SETTLEMENT_PARTITIONS (default: processors), "
                        + "PLATFORM_ZONE (default Asia/Seoul), SETTLEMENT_OPEN_DAY_GRACE (default PT15M), "
                        + "SETTLEMENT_LATE_ROWS_LOOKBACK (default 3 days)."})
public class BatchMain implements QuarkusApplication, Runnable {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Bad arguments, and another run holding the lock: the caller should not retry as is. */
    public static final int USAGE = 2;

    /**
     * A date not over yet: distinct from 2 so a caller can tell "too early, run it later" from a wrong command line.
     */
    public static final int OPEN_DAY = 3;

    @Inject
    CommandLine.IFactory factory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public int run(String... args) {
        return commandLine(BatchMain.class, factory).execute(args);
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

    /** No command given: the usage, and the bad-arguments exit code (a Job with empty args must not look done). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: settle or partitions");
    }
}
