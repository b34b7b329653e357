package io.streamstats.batch.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The day partitions of watch_history (the {@code partitions} command); defaults in application.properties.
 */
@ConfigMapping(prefix = "watch-history")
public interface HistoryConfig {

    /** Day partitions kept ready after today, so rows never land in the catch-all p_future. */
    int partitionsAhead();

    /** Days of raw watch history kept; a settled day older than this loses its rows. Empty: kept forever. */
    OptionalInt retentionDays();

    /**
     * How long each partition change waits for the table's metadata lock. Inserts queue behind a waiting ALTER, so
     * this is short: a change that cannot get the lock gives up and is tried again.
     */
    Duration lockWait();
}
