package io.streamstats.streaming.rest;

import io.streamstats.common.rest.ApiException;
import io.streamstats.common.time.StatPeriod;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses the query parameters of the report endpoints into clear 400s. */
final class ReportParams {

    private ReportParams() {
    }

    static StatPeriod period(String value) {
        if (value == null) {
            throw ApiException.badRequest("period: required, one of DAILY, WEEKLY, MONTHLY");
        }
        StatPeriod period = StatPeriod.parse(value);
        if (period == null) {
            throw ApiException.badRequest("period: must be DAILY, WEEKLY or MONTHLY, not '" + value + "'");
        }
        return period;
    }

    static LocalDate date(String value) {
        if (value == null) {
            throw ApiException.badRequest("date: required, as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date: must be a date as YYYY-MM-DD, not '" + value + "'");
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
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": must be a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name + ": must be between " + min + " and " + max);
        }
        return parsed;
    }
}
