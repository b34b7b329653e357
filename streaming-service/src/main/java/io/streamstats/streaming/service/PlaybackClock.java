package io.streamstats.streaming.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The instant a batch of plays and pauses happens at: the primary database's clock, read inside the batch's
 * transaction once its locks are held. Every instance reads the same clock, so the 30-second window, the watch date
 * and the credit cap do not move with a pod's own clock; and plays of one viewer on one video get instants in
 * commit order. Tests replace this bean to step the database's instant across boundaries.
 */
@ApplicationScoped
public class PlaybackClock {

    /** The instant to stamp a batch with, given the database's clock read in its transaction. */
    public Instant batchInstant(Instant databaseNow) {
        return databaseNow;
    }
}
