package io.streamstats.batch.cli;

import io.streamstats.batch.config.BatchConfig;
import io.streamstats.batch.repository.LateRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The nightly run's check for late rows ({@link LateRows}): the settled days among the last
 * {@code SETTLEMENT_LATE_ROWS_LOOKBACK} days that are over, and {@code SETTLEMENT_LATE_ROWS_SWEEP_DAYS} settled days
 * before them (the ones verified longest ago), are compared with their watermark; a day with more rows is
 * recorded and the run re-settles from the earliest such day (re-settling a date re-settles every later settled one,
 * in order). A detection stays open until a run re-settles it, so a night whose re-settle failed is retried.
 */
@ApplicationScoped
public class LateRowsCheck {

    @Inject
    LateRows lateRows;

    @Inject
    BatchConfig config;

    /** Finds and records late rows; returns the day the run must re-settle from, or null when none is open. */
    public LocalDate check(LocalDate lastClosed, Instant now) {
        int lookback = config.lateRowsLookback();
        if (lookback > 0) {
            LocalDate windowStart = lastClosed.minusDays(lookback - 1L);
            List<LateRows.Day> differing = new ArrayList<>(lateRows.differing(windowStart, lastClosed));
            if (config.lateRowsSweepDays() > 0) {
                // older settled days, a few a night, the one verified longest ago first: none is left unchecked
                differing.addAll(0, lateRows.sweep(windowStart, config.lateRowsSweepDays(), now));
            }
            for (LateRows.Day day : differing) {
                if (day.late() > 0) {
                    System.out.printf("Late rows: %s was settled from %,d watch-history rows and now has %,d (%,d late)%n",
                            day.date(), day.rowsSettled(), day.rowsFound(), day.late());
                } else {
                    // rows removed from a settled day (not by retention this recent): the figures stand, say so
                    System.err.printf("Warning: %s was settled from %,d watch-history rows and now has %,d; rows were"
                            + " removed, the day is not re-settled for it%n", day.date(), day.rowsSettled(),
                            day.rowsFound());
                }
            }
            lateRows.record(differing.stream().filter(d -> d.late() > 0).toList(), now);
        }
        LocalDate from = lateRows.earliestOpen();
        if (from != null) {
            System.out.println("Late rows: re-settling from " + from + " (and every later settled date, in order)");
        }
        return from;
    }

    /** After a run that settled {@code from} through {@code through}: those days' detections are re-settled. */
    public void resettled(LocalDate from, LocalDate through, Instant now) {
        int days = lateRows.resettled(from, through, now);
        if (days > 0) {
            System.out.println("Late rows: " + days + " day(s) re-settled");
        }
    }
}
