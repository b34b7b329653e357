package io.streamstats.bench;

import io.agroal.api.AgroalDataSource;
import io.streamstats.batch.cli.BatchMain;
import io.streamstats.batch.cli.SettleCommand;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: settles a loaded date with the real job and prints its figures next to a plain scan. */
@Command(name = "bench", description = "Settle a date and print rows, seconds and rows/s per step next to a plain scan of the same rows.")
public class BenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = SettleCommand.IsoDate.class)
    LocalDate date;

    @Inject
    Benchmark benchmark;

    @Inject
    AgroalDataSource dataSource;

    @Override
    public Integer call() throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            if (!SettleCommand.lock(lock)) {
                System.err.println("Another settlement-batch run holds the lock on this database; try again later");
                return BatchMain.USAGE;
            }
            return benchmark.run(date) ? 0 : 1;
        }
    }
}
