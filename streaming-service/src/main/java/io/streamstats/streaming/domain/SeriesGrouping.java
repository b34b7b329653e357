package io.streamstats.streaming.domain;

import io.streamstats.domain.time.StatPeriod;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * How a time series groups its days ({@code groupBy}): by day, ISO week (Monday to Sunday) or calendar month. The
 * boundaries are {@link StatPeriod}'s, so a series' week is the same week the rollups and the Top 5 use.
 */
public enum SeriesGrouping {
    DAY(StatPeriod.DAILY),
    WEEK(StatPeriod.WEEKLY),
    MONTH(StatPeriod.MONTHLY);

    private final StatPeriod period;

    SeriesGrouping(StatPeriod period) {
        this.period = period;
    }

    /** First day of the group containing the date. */
    public LocalDate start(LocalDate date) {
        return period.start(date);
    }

    /** Last day of the group containing the date, inclusive. */
    public LocalDate end(LocalDate date) {
        return period.end(date);
    }

    /** The names for people, in order: "DAY, WEEK or MONTH". */
    public static String names() {
        List<String> names = Arrays.stream(values()).map(Enum::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** Parses a grouping name case-sensitively; null when unknown. */
    public static SeriesGrouping parse(String name) {
        for (SeriesGrouping grouping : values()) {
            if (grouping.name().equals(name)) {
                return grouping;
            }
        }
        return null;
    }
}
