package io.streamstats.bench;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.streamstats.batch.cli.BatchMain;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The development entry point next to the production batch: loads synthetic history and measures the real job on
 * it, in process. Exit codes as the batch's: 0 done, 1 the job did not complete, 2 bad arguments or another run
 * in progress. Named, so that this application's main is chosen over the batch's (application.properties).
 */
@QuarkusMain(name = "bench")
@Command(name = "settlement-bench", subcommands = {GenerateCommand.class, BenchCommand.class},
        description = "Synthetic watch history and the settlement benchmark (not part of the production image).",
        footer = {"", "Exit codes: 0 done, 1 the job did not complete, 2 bad arguments or another run in progress.",
                "Configuration: as settlement-batch (DB_URL, DB_USERNAME, DB_PASSWORD, SETTLEMENT_PARTITIONS, "
                        + "PLATFORM_ZONE)."})
public class BenchMain implements QuarkusApplication, Runnable {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Inject
    CommandLine.IFactory factory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public int run(String... args) {
        return BatchMain.commandLine(BenchMain.class, factory).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: generate or bench");
    }
}
