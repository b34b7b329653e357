package io.streamstats.batch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.OptionalInt;

@ConfigMapping(prefix = "settlement")
public interface BatchConfig {

    /** The platform time zone: "yesterday" and calendar periods. */
    @WithDefault("Asia/Seoul")
    ZoneId zone();

    /** Partitions of each partitioned step; default: available processors. */
    OptionalInt partitions();

    /** Fault injection for the restart test only: pause after each aggregation partition (ms). */
    @WithDefault("0")
    long aggregatePauseMillis();

    default int partitionCount() {
        return partitions().orElse(Runtime.getRuntime().availableProcessors());
    }
}
