package io.streamstats.streaming.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.common.rest.ApiException;
import io.streamstats.streaming.domain.DateRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@link ReportParams#range}: the shared from/to parsing of the range reports (plain unit test). */
class ReportParamsRangeTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-15");

    @Test
    void acceptsOneDayTodayAndTheLongestRange() {
        assertEquals(new DateRange(TODAY, TODAY), ReportParams.range("2026-03-15", "2026-03-15", TODAY));
        DateRange longest = ReportParams.range("2025-03-15", "2026-03-15", TODAY);
        assertEquals(366, longest.days());
        assertEquals(1, ReportParams.range("2026-01-01", "2026-01-01", TODAY).days());
    }

    @Test
    void previousIsTheEqualLengthRangeJustBefore() {
        DateRange range = ReportParams.range("2026-03-01", "2026-03-10", TODAY);
        assertEquals(new DateRange(LocalDate.parse("2026-02-19"), LocalDate.parse("2026-02-28")), range.previous());
        assertEquals(range.days(), range.previous().days());
    }

    @Test
    void refusesFromAfterTo() {
        refused("from: must be on or before to", "2026-03-02", "2026-03-01");
    }

    @Test
    void refusesARangeLongerThan366Days() {
        refused("at most 366 days", "2025-03-14", "2026-03-15");
    }

    @Test
    void refusesDaysAfterToday() {
        refused("to: must not be after today (2026-03-15", "2026-03-10", "2026-03-16");
        refused("to: must not be after today", "2026-03-16", "2026-03-16");
    }

    @Test
    void refusesMissingAndMalformedDates() {
        refused("from: required, as YYYY-MM-DD", null, "2026-03-01");
        refused("to: required, as YYYY-MM-DD", "2026-03-01", null);
        refused("from: must be a date as YYYY-MM-DD", "2026-3-1", "2026-03-01");
        refused("to: must be a date as YYYY-MM-DD", "2026-03-01", "2026-02-30");
        refused("from: must be a date as YYYY-MM-DD", "20260301", "2026-03-01");
        refused("to: must be a date as YYYY-MM-DD", "2026-03-01", " 2026-03-02");
        refused("from: must be a date as YYYY-MM-DD in the years 2000", "1999-12-31", "2026-03-01");
    }

    private static void refused(String detail, String from, String to) {
        ApiException e = assertThrows(ApiException.class, () -> ReportParams.range(from, to, TODAY));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(detail), () -> "'" + e.getMessage() + "' should say '" + detail + "'");
    }
}
