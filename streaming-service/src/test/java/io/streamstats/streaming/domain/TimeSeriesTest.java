package io.streamstats.streaming.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamstats.streaming.domain.TimeSeries.Figures;
import io.streamstats.streaming.domain.TimeSeries.Group;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TimeSeries}: grouping, clipping, zero-filling and the change (plain unit test). */
class TimeSeriesTest {

    static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    static Figures views(long views) {
        return new Figures(views, views * 10, 0, views, 0);
    }

    @Test
    void anIsoWeekAcrossTheNewYearIsOneGroupClippedToTheRange() {
        // Wednesday 2026-12-30 to Tuesday 2027-01-05: the week of Monday 2026-12-28 (to Sunday 2027-01-03), then
        // the first two days of the next
        Map<LocalDate, Figures> days = Map.of(d("2026-12-30"), views(1), d("2027-01-03"), views(2),
                d("2027-01-04"), views(4), d("2026-12-29"), views(100));
        TimeSeries.Series s = TimeSeries.of(new DateRange(d("2026-12-30"), d("2027-01-05")), SeriesGrouping.WEEK, days);
        assertEquals(List.of(new Group(d("2026-12-30"), d("2027-01-03"), views(3)),
                new Group(d("2027-01-04"), d("2027-01-05"), views(4))), s.groups());
        assertEquals(views(7), s.totals());
        // the previous 7 days, 2026-12-23 to 2026-12-29, hold the 100 views of 2026-12-29
        assertEquals(new DateRange(d("2026-12-23"), d("2026-12-29")), s.previousRange());
        assertEquals(views(100), s.previousTotals());
        assertEquals(-93, s.change().views().difference());
        assertEquals(new BigDecimal("-93.0"), s.change().views().percent());
    }

    @Test
    void monthsAndDaysAreZeroFilled() {
        TimeSeries.Series months = TimeSeries.of(new DateRange(d("2024-01-15"), d("2024-03-01")), SeriesGrouping.MONTH,
                Map.of(d("2024-02-29"), views(5)));
        assertEquals(List.of(new Group(d("2024-01-15"), d("2024-01-31"), Figures.ZERO),
                new Group(d("2024-02-01"), d("2024-02-29"), views(5)),
                new Group(d("2024-03-01"), d("2024-03-01"), Figures.ZERO)), months.groups());
        TimeSeries.Series days = TimeSeries.of(new DateRange(d("2024-02-28"), d("2024-03-01")), SeriesGrouping.DAY,
                Map.of());
        assertEquals(3, days.groups().size());
        assertEquals(Figures.ZERO, days.totals());
        assertNull(days.change().views().percent());
        assertEquals(0, days.change().totalAmount().difference());
    }

    @Test
    void percentIsRoundedHalfUpToOneDecimal() {
        assertEquals(new BigDecimal("33.3"), TimeSeries.Change.of(4, 3).percent());
        assertEquals(new BigDecimal("-66.7"), TimeSeries.Change.of(1, 3).percent());
        assertEquals(new BigDecimal("0.1"), TimeSeries.Change.of(2001, 2000).percent()); // 0.05 rounds up
        assertEquals(new BigDecimal("-0.1"), TimeSeries.Change.of(1999, 2000).percent());
        assertEquals(new BigDecimal("0.0"), TimeSeries.Change.of(7, 7).percent());
        assertNull(TimeSeries.Change.of(7, 0).percent());
        assertEquals(7, TimeSeries.Change.of(7, 0).difference());
    }
}
