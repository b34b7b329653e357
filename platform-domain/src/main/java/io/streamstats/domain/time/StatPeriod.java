package io.streamstats.domain.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjuster;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;

/**
 * The calendar periods statistics and settlement are reported for, in the platform time zone: DAILY is the date,
 * WEEKLY the Monday–Sunday week containing it, MONTHLY the calendar month, YEARLY the calendar year containing it.
 * The one place that knows which periods exist and where they begin and end: the batch rolls up into every
 * constant here, the API accepts and documents exactly these names, and the reports read by their codes. A new
 * period is one more constant (plus a migration that rolls up the days settled before it existed).
 */
public enum StatPeriod {
    DAILY('D', date -> date, date -> date),
    WEEKLY('W', TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY), TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)),
    MONTHLY('M', TemporalAdjusters.firstDayOfMonth(), TemporalAdjusters.lastDayOfMonth()),
    YEARLY('Y', TemporalAdjusters.firstDayOfYear(), TemporalAdjusters.lastDayOfYear());

    private final char code;
    private final TemporalAdjuster first;
    private final TemporalAdjuster last;

    StatPeriod(char code, TemporalAdjuster first, TemporalAdjuster last) {
        this.code = code;
        this.first = first;
        this.last = last;
    }

    /** One-letter code stored in the rollup tables ({@code period} columns, CHAR(1)). */
    public String code() {
        return String.valueOf(code);
    }

    /** First day of the period containing the date: the key of its rollup rows. */
    public LocalDate start(LocalDate date) {
        return date.with(first);
    }

    /** Last day of the period, inclusive. */
    public LocalDate end(LocalDate date) {
        return date.with(last);
    }

    /** DAILY rows are the settled days themselves; every other period's rows are sums of them. */
    public boolean isDay() {
        return this == DAILY;
    }

    /** The periods kept as sums of days: every constant but DAILY. */
    public static List<StatPeriod> sumsOfDays() {
        return Arrays.stream(values()).filter(p -> !p.isDay()).toList();
    }

    /** The names for people, in order: "DAILY, WEEKLY, MONTHLY or YEARLY". */
    public static String names() {
        List<String> names = Arrays.stream(values()).map(Enum::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
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
