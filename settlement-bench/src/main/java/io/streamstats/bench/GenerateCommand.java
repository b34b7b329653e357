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

/** {@code generate}: loads N synthetic watch-history rows for a date over M new videos and U viewers. */
@Command(name = "generate", description = "Load N synthetic watch-history rows for a date over M new videos and U viewers.")
public class GenerateCommand implements Callable<Integer> {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = SettleCommand.IsoDate.class)
    LocalDate date;

    @Option(names = "--rows", required = true, paramLabel = "N", converter = Count.class)
    long rows;

    @Option(names = "--videos", required = true, paramLabel = "M", converter = Count.class)
    long videos;

    @Option(names = "--viewers", required = true, paramLabel = "U", converter = Count.class)
    long viewers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", converter = Count.class,
            description = "same seed, same rows (default ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    HistoryGenerator generator;

    @Inject
    AgroalDataSource dataSource;

    @Override
    public Integer call() throws Exception {
        if (videos < 1 || viewers < 1 || videos > Integer.MAX_VALUE || viewers > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--videos and --viewers must be at least 1 (and at most " + Integer.MAX_VALUE + ")");
        }
        return BatchMain.holdingTheLock(dataSource, () -> {
            generator.generate(new HistoryGenerator.Request(date, rows, (int) videos, (int) viewers, seed));
            return 0;
        });
    }

    /** A whole number >= 0; underscores may group digits (100_000_000). */
    public static final class Count implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = Long.parseLong(value.replace("_", ""));
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("must be a whole number >= 0, not " + value);
        }
    }
}
