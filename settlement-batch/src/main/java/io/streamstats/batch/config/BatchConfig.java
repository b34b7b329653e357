package io.streamstats.batch.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.time.ZoneId;
import java.util.OptionalInt;

/** Every setting here has an environment variable, so its default is in application.properties, beside it. */
@ConfigMapping(prefix = "settlement")
public interface BatchConfig {

    /** The platform time zone: "yesterday" and calendar periods. */
    ZoneId zone();

    /**
     * How long after midnight in the platform zone a day still counts as open (requests in flight, replica lag):
     * the batch refuses to settle it before then unless told to (--allow-open-day).
     */
    Duration openDayGrace();

    /**
     * How many of the last days that are over the nightly run checks for late rows (0: none). Each settled one costs
     * a count of its watch-history rows.
     */
    int lateRowsLookback();

    /**
     * How many settled days before the look-back the nightly run also re-counts, the ones verified longest ago first
     * (0: none), so late rows of any day whose raw rows are kept are found within that many nights per such day.
     */
    int lateRowsSweepDays();

    /** Partitions of each partitioned step; default: available processors. */
    OptionalInt partitions();

    /** Fault injection for the restart test only: pause after each aggregation partition (ms). */
    long aggregatePauseMillis();

    default int partitionCount() {
        return partitions().orElse(Runtime.getRuntime().availableProcessors());
    }
}
