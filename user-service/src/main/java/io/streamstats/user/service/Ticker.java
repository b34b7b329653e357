package io.streamstats.user.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Monotonic time for the in-memory login limits ({@link System#nanoTime()}): a wall clock stepped by NTP would
 * shorten or stretch a back-off. Tests replace it to step across a back-off exactly instead of sleeping.
 */
@ApplicationScoped
public class Ticker {

    public long nanoTime() {
        return System.nanoTime();
    }
}
