package io.streamstats.bench;

import io.agroal.api.AgroalDataSource;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.cli.SettleCommand;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: settles a loaded date with the real job (first settle, then a correction re-settled, optionally with
 * later days to cascade to) and prints its figures next to a plain scan, all in one run.
 */
@Command(name = "bench", description = {"Empty the derived tables (a benchmark database only!), then in one run: a plain "
        + "scan of the date (the floor), its first settle, a correction (late rows) re-settled; with --later-days N: "
        + "N later days settled, then another correction of the date re-settled with its cascade through them.",
        "Prints rows, seconds and rows/s per step and the ratios."})
public class BenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = SettleCommand.IsoDate.class)
    LocalDate date;

    @Option(names = "--later-days", paramLabel = "N", defaultValue = "0",
            description = "later days to settle and cascade to; their history, if missing, is copied from a sample of "
                    + "the date's playbacks (default ${DEFAULT-VALUE})")
    int laterDays;

    @Option(names = "--later-rows", paramLabel = "R", defaultValue = "2000000", converter = GenerateCommand.Count.class,
            description = "about how many rows each copied later day gets (default ${DEFAULT-VALUE})")
    long laterRows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    Benchmark benchmark;

    @Inject
    AgroalDataSource dataSource;

    @Override
    public Integer call() throws Exception {
        if (laterDays < 0 || laterDays > 366) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--later-days must be 0 .. 366");
        }
        return BatchMain.holdingTheLock(dataSource, () -> {
            String refusal = benchmark.refusal(date, laterDays);
            if (refusal != null) {
                System.err.println(refusal);
                return BatchMain.USAGE;
            }
            return benchmark.run(date, laterDays, laterRows) ? 0 : 1;
        });
    }
}
