package io.streamstats.streaming.service;

import io.streamstats.streaming.config.StreamingConfig;
import io.streamstats.streaming.repository.ReadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * Today's date in the platform time zone, the one place the report endpoints take it from: on the database's clock,
 * the clock that dates the watch history (through {@link PlaybackClock}, as plays and pauses are dated) and by which
 * the batch decides which days are over. A range that includes it is not over; a date after it is refused.
 */
@ApplicationScoped
public class PlatformToday {

    @Inject
    ReadRepository reads;

    @Inject
    PlaybackClock clock;

    @Inject
    StreamingConfig config;

    public LocalDate date() {
        return LocalDate.ofInstant(clock.batchInstant(reads.databaseNow()), config.zone());
    }
}
