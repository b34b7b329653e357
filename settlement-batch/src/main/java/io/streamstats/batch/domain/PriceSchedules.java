package io.streamstats.batch.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Every price schedule, oldest first, and which one is in force on a day: the latest whose {@code effectiveFrom}
 * is on or before the day. A day before the first schedule has no agreed price and is refused.
 */
public record PriceSchedules(List<PriceSchedule> schedules) {

    public PriceSchedules {
        if (schedules == null || schedules.isEmpty()) {
            throw new IllegalArgumentException("at least one price schedule is needed");
        }
        for (int i = 1; i < schedules.size(); i++) {
            if (!schedules.get(i).effectiveFrom().isAfter(schedules.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("price schedules must be in effective-date order without two on one"
                        + " day: " + schedules.get(i).effectiveFrom() + " follows " + schedules.get(i - 1).effectiveFrom());
            }
        }
        schedules = List.copyOf(schedules);
    }

    public static PriceSchedules of(PriceSchedule... schedules) {
        return new PriceSchedules(List.of(schedules));
    }

    /** The schedule that prices the given day's views; refuses a day before the first schedule. */
    public PriceSchedule inForce(LocalDate day) {
        PriceSchedule found = null;
        for (PriceSchedule schedule : schedules) {
            if (schedule.effectiveFrom().isAfter(day)) {
                break;
            }
            found = schedule;
        }
        if (found == null) {
            throw new IllegalArgumentException("no prices are in force on " + day + ": the first price schedule applies"
                    + " from " + schedules.getFirst().effectiveFrom());
        }
        return found;
    }
}
