package io.streamstats.domain.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StatPeriodTest {

    static final LocalDate FROM = LocalDate.parse("2023-12-20");
    static final LocalDate TO = LocalDate.parse("2029-01-10");

    /**
     * Where a period definition breaks the calendar between two dates: a date outside its own period, a period
     * whose days disagree on its bounds, or a gap/overlap between one period and the next. Empty when it tiles.
     */
    static List<String> tilingProblems(UnaryOperator<LocalDate> start, UnaryOperator<LocalDate> end) {
        List<String> problems = new ArrayList<>();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            LocalDate s = start.apply(d);
            LocalDate e = end.apply(d);
            if (s.isAfter(d) || e.isBefore(d)) {
                problems.add(d + " lies outside its period " + s + ".." + e);
            }
            LocalDate next = d.plusDays(1);
            boolean same = !next.isAfter(e);
            if (same && (!start.apply(next).equals(s) || !end.apply(next).equals(e))) {
                problems.add(d + " and " + next + " disagree on their period");
            }
            if (!same && !start.apply(next).equals(next)) {
                problems.add("the period after " + e + " starts on " + start.apply(next) + ", not " + next);
            }
        }
        return problems;
    }

    @Test
    void everyPeriodTilesTheCalendarAcrossYearAndLeapBoundaries() {
        for (StatPeriod period : StatPeriod.values()) {
            assertEquals(List.of(), tilingProblems(period::start, period::end), period.name());
        }
    }

    @Test
    void theTilingCheckFindsABrokenPeriod() {
        // seeded: a "week" that ends on Saturday puts each Sunday in a period of its own making
        List<String> problems = tilingProblems(d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                d -> d.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)));
        assertTrue(problems.contains("2023-12-24 and 2023-12-25 disagree on their period"), problems.get(0));
        // seeded: a "month" that ends a day early leaves each last day outside its period
        assertTrue(tilingProblems(d -> d.withDayOfMonth(1), d -> d.with(TemporalAdjusters.lastDayOfMonth()).minusDays(1))
                .contains("2023-12-31 lies outside its period 2023-12-01..2023-12-30"));
        // seeded: a "year" that starts on the first of the month
        assertTrue(!tilingProblems(d -> d.withDayOfMonth(1), d -> d.with(TemporalAdjusters.lastDayOfYear())).isEmpty());
    }

    @Test
    void calendarBoundaries() {
        LocalDate newYearsEve = LocalDate.parse("2026-12-31"); // a Thursday
        assertEquals(LocalDate.parse("2026-12-28"), StatPeriod.WEEKLY.start(newYearsEve));
        assertEquals(LocalDate.parse("2027-01-03"), StatPeriod.WEEKLY.end(newYearsEve));
        assertEquals(LocalDate.parse("2026-12-01"), StatPeriod.MONTHLY.start(newYearsEve));
        assertEquals(LocalDate.parse("2026-01-01"), StatPeriod.YEARLY.start(newYearsEve));
        assertEquals(LocalDate.parse("2026-12-31"), StatPeriod.YEARLY.end(newYearsEve));
        assertEquals(LocalDate.parse("2027-01-01"), StatPeriod.YEARLY.start(newYearsEve.plusDays(1)));
        assertEquals(LocalDate.parse("2028-12-31"), StatPeriod.YEARLY.end(LocalDate.parse("2028-02-29")));
        assertEquals(LocalDate.parse("2028-02-29"), StatPeriod.MONTHLY.end(LocalDate.parse("2028-02-01")));
        assertEquals(newYearsEve, StatPeriod.DAILY.start(newYearsEve));
        assertEquals(newYearsEve, StatPeriod.DAILY.end(newYearsEve));
    }

    @Test
    void codesFitTheOneCharacterColumnAndAreDistinct() {
        var codes = new HashSet<String>();
        for (StatPeriod period : StatPeriod.values()) {
            assertEquals(1, period.code().length(), period.name());
            assertTrue(codes.add(period.code()), "duplicate code " + period.code());
        }
        assertEquals("D", StatPeriod.DAILY.code()); // the batch's day rows and the migrations use these letters
        assertEquals("Y", StatPeriod.YEARLY.code());
    }

    @Test
    void dailyIsTheDayAndEveryOtherPeriodIsASumOfDays() {
        assertTrue(StatPeriod.DAILY.isDay());
        assertEquals(List.of(StatPeriod.WEEKLY, StatPeriod.MONTHLY, StatPeriod.YEARLY), StatPeriod.sumsOfDays());
        assertEquals(StatPeriod.values().length - 1, StatPeriod.sumsOfDays().size());
    }

    @Test
    void namesAndParsing() {
        assertEquals("DAILY, WEEKLY, MONTHLY or YEARLY", StatPeriod.names());
        for (StatPeriod period : StatPeriod.values()) {
            assertEquals(period, StatPeriod.parse(period.name()));
        }
        assertNotNull(StatPeriod.parse("YEARLY"));
        assertNull(StatPeriod.parse("yearly"));
        assertNull(StatPeriod.parse("QUARTERLY"));
        assertNull(StatPeriod.parse(null));
        assertEquals(4, Arrays.stream(StatPeriod.values()).count());
    }
}
