package io.streamstats.streaming.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of platform-zone dates, {@code from} to {@code to}, as the report endpoints take it
 * ({@code ?from=&to=}). Built by {@code ReportParams.range}, which enforces the API's limits.
 */
public record DateRange(LocalDate from, LocalDate to) {

    /** The longest range a report covers, in days, both ends included: a leap year. */
    public static final int MAX_DAYS = 366;

    public DateRange {
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException("not a range: " + from + " to " + to);
        }
    }

    /** Days in the range, both ends included (1 when from equals to). */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The range of the same length that ends the day before this one starts: what a report compares with. */
    public DateRange previous() {
        return new DateRange(from.minusDays(days()), from.minusDays(1));
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
