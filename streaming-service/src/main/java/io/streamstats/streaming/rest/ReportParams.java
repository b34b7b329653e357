package io.streamstats.streaming.rest;

import io.streamstats.domain.Ranking;
import io.streamstats.common.rest.ApiException;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.domain.DateRange;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses the query parameters of the report endpoints into clear 400s. */
final class ReportParams {

    /** Report dates: every week and month of these years ends inside what a DATE column holds (9999-12-31). */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 9998;

    private static final Pattern PLAIN_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** The {@code month} parameter's form, as the API documents it. */
    static final String MONTH_PATTERN = "^\\d{4}-\\d{2}$";

    /** The 503 of an operation that reads through the replica (ReadConnections), as its document lists it. */
    static final String READS_UNAVAILABLE = "Reports are unavailable for a moment (the replica cannot be read and the"
            + " primary is not read instead, or cannot be read either); try again shortly";

    /** The 503 of play and pause (PlaybackService), as their document lists it. */
    static final String WRITES_UNAVAILABLE = "Try again shortly: the request could not be written (too many plays and"
            + " pauses waiting, the service shutting down, or the database unavailable or busy)";
    private static final Pattern PLAIN_MONTH = Pattern.compile(MONTH_PATTERN);
    /** A whole number as written by us: no sign, no leading zero, no spaces; at most 19 digits. */
    private static final Pattern CANONICAL_NUMBER = Pattern.compile("0|[1-9]\\d{0,18}");

    private ReportParams() {
    }

    /** A period name, one of {@link StatPeriod}'s. */
    static StatPeriod period(String value) {
        if (value == null) {
            throw ApiException.badRequest("period: required, one of " + StatPeriod.names());
        }
        StatPeriod period = StatPeriod.parse(value);
        if (period == null) {
            throw ApiException.badRequest("period: must be " + StatPeriod.names() + ", not '" + value + "'");
        }
        return period;
    }

    /** A ranking metric name, one of {@link Ranking.Metric}'s; the default when absent. */
    static Ranking.Metric metric(String value, Ranking.Metric defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        Ranking.Metric metric = Ranking.Metric.parse(value);
        if (metric == null) {
            throw ApiException.badRequest("by: must be " + Ranking.Metric.names() + ", not '" + value + "'");
        }
        return metric;
    }

    static LocalDate date(String value) {
        return date("date", value);
    }

    /**
     * The {@code from}/{@code to} query parameters of the range reports: both required as YYYY-MM-DD, from on or
     * before to, at most {@link DateRange#MAX_DAYS} days with both ends included, and no day after {@code today}
     * (the platform zone's date: a day that has not begun has no figures). Each refusal is a 400 naming the
     * parameter at fault.
     */
    static DateRange range(String from, String to, LocalDate today) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first.isAfter(last)) {
            throw ApiException.badRequest("from: must be on or before to, not " + first + " after " + last);
        }
        if (last.isAfter(today)) {
            throw ApiException.badRequest("to: must not be after today (" + today + " in the platform time zone), not "
                    + last);
        }
        DateRange range = new DateRange(first, last);
        if (range.days() > DateRange.MAX_DAYS) {
            throw ApiException.badRequest("from, to: the range may cover at most " + DateRange.MAX_DAYS
                    + " days (both ends included), not " + range.days() + " (" + first + " to " + last + ")");
        }
        return range;
    }

    /**
     * A calendar month as YYYY-MM in the report years, not after the month of {@code today} (the platform zone's
     * date: a month that has not begun has no figures; the current one has, provisionally).
     */
    static YearMonth month(String value, LocalDate today) {
        if (value == null) {
            throw ApiException.badRequest("month: required, as YYYY-MM");
        }
        String refused = "month: must be a month as YYYY-MM in the years " + FIRST_YEAR + " to " + LAST_YEAR
                + ", not '" + value + "'";
        if (!PLAIN_MONTH.matcher(value).matches()) {
            throw ApiException.badRequest(refused);
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(refused);
        }
        if (month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR) {
            throw ApiException.badRequest(refused);
        }
        if (month.isAfter(YearMonth.from(today))) {
            throw ApiException.badRequest("month: must not be after the current month (" + YearMonth.from(today)
                    + " in the platform time zone), not " + month);
        }
        return month;
    }

    private static LocalDate date(String name, String value) {
        if (value == null) {
            throw ApiException.badRequest(name + ": required, as YYYY-MM-DD");
        }
        String refused = name + ": must be a date as YYYY-MM-DD in the years " + FIRST_YEAR + " to " + LAST_YEAR
                + ", not '" + value + "'";
        if (!PLAIN_DATE.matcher(value).matches()) {
            throw ApiException.badRequest(refused);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(refused);
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw ApiException.badRequest(refused);
        }
        return date;
    }

    /**
     * A video id in a path: only its canonical form names the video ({@code 1}, not {@code +1} or {@code 01}), so
     * one video has one URL; anything else names nothing (404).
     */
    static long pathId(String value) {
        long id = canonicalNumber(value);
        if (id < 1) {
            throw ApiException.notFound("No such video");
        }
        return id;
    }

    /** The value of a canonical whole number, or -1 when the text is not one (or overflows a long). */
    private static long canonicalNumber(String value) {
        if (value == null || !CANONICAL_NUMBER.matcher(value).matches()) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1; // 19 digits beyond Long.MAX_VALUE
        }
    }

    static String oneOf(String name, String value, String defaultValue, String... allowed) {
        String v = value == null ? defaultValue : value;
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw ApiException.badRequest(name + ": must be " + String.join(" or ", allowed) + ", not '" + v + "'");
    }

    /** A whole-number query parameter within min..max; required when there is no default. */
    static long number(String name, String value, Long defaultValue, long min, long max) {
        if (value == null) {
            if (defaultValue == null) {
                throw ApiException.badRequest(name + ": the query parameter is required");
            }
            return defaultValue;
        }
        long parsed = canonicalNumber(value);
        if (parsed < 0) {
            throw ApiException.badRequest(name + ": must be a whole number written without sign, spaces or leading "
                    + "zeros, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name + ": must be between " + min + " and " + max);
        }
        return parsed;
    }
}
