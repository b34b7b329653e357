package io.streamstats.common.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The calendar periods statistics and settlement are reported for, in the platform time zone: DAILY is the date,
 * WEEKLY the Monday–Sunday week containing it, MONTHLY the calendar month containing it. The one place that
 * knows period boundaries; the batch rolls up by it and the API reports {@code from}/{@code to} by it.
 */
public enum StatPeriod {
    DAILY('D'),
    WEEKLY('W'),
    MONTHLY('M');

    private final char code;

    StatPeriod(char code) {
        this.code = code;
    }

    /** One-letter code stored in the rollup tables. */
    public String code() {
        return String.valueOf(code);
    }

    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAILY -> date;
            case WEEKLY -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> date.withDayOfMonth(1);
        };
    }

    /** Last day of the period, inclusive. */
    public LocalDate end(LocalDate date) {
        return switch (this) {
            case DAILY -> date;
            case WEEKLY -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTHLY -> date.with(TemporalAdjusters.lastDayOfMonth());
        };
    }

    /** Parses a period name case-sensitively; null when unknown. */
    public static StatPeriod parse(String name) {
        for (StatPeriod period : values()) {
            if (period.name().equals(name)) {
                return period;
            }
        }
        return null;
    }
}
