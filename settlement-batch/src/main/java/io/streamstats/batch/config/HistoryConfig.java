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
     * Days the service's live counters ({@code live_video_day}) of a settled day are kept: rows of settled days
     * before today minus this are removed. A settled day's figures are read from the settled tables; only while a
     * correction re-settles a day does the service show that day's live rows again (as estimates).
     */
    int liveDaysKept();

    /**
     * How long each partition change waits for the table's metadata lock. Inserts queue behind a waiting ALTER, so
     * this is short: a change that cannot get the lock gives up and is tried again.
     */
    Duration lockWait();
}
