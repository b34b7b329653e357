package io.streamstats.streaming.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.repository.ReadRepository.PeriodRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The period rows a ranking sums tile its range exactly: every day once, none outside, the largest periods. */
class RangeCoverTest {

    @Test
    void everyDayOfTheRangeExactlyOnce() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            LocalDate from = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3_000));
            LocalDate to = from.plusDays(random.nextInt(366));
            assertEquals(days(from, to), covered(StatisticsService.cover(from, to)), from + ".." + to);
        }
    }

    @Test
    void theLargestWholePeriodsAreUsed() {
        assertEquals(List.of(new PeriodRows(StatPeriod.YEARLY, List.of(LocalDate.parse("2024-01-01")))),
                StatisticsService.cover(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")));
        // Sat 30 Dec .. Fri 1 Mar: two days, January and February, then a day (weeks cut by the months)
        assertEquals(List.of(new PeriodRows(StatPeriod.MONTHLY, List.of(LocalDate.parse("2024-01-01"),
                        LocalDate.parse("2024-02-01"))),
                new PeriodRows(StatPeriod.DAILY, List.of(LocalDate.parse("2023-12-30"), LocalDate.parse("2023-12-31"),
                        LocalDate.parse("2024-03-01")))),
                StatisticsService.cover(LocalDate.parse("2023-12-30"), LocalDate.parse("2024-03-01")));
        // Mon 4 .. Tue 19 March 2024: two weeks and two days
        assertEquals(List.of(new PeriodRows(StatPeriod.WEEKLY, List.of(LocalDate.parse("2024-03-04"),
                        LocalDate.parse("2024-03-11"))),
                new PeriodRows(StatPeriod.DAILY, List.of(LocalDate.parse("2024-03-18"), LocalDate.parse("2024-03-19")))),
                StatisticsService.cover(LocalDate.parse("2024-03-04"), LocalDate.parse("2024-03-19")));
        // 366 days never need more than a few dozen rows per video
        int most = 0;
        for (LocalDate from = LocalDate.parse("2024-01-01"); from.isBefore(LocalDate.parse("2025-01-01"));
                from = from.plusDays(1)) {
            most = Math.max(most, StatisticsService.cover(from, from.plusDays(365)).stream()
                    .mapToInt(r -> r.starts().size()).sum());
        }
        assertTrue(most <= 32, "period rows per video: " + most);
    }

    private static List<LocalDate> covered(List<PeriodRows> cover) {
        List<LocalDate> days = new ArrayList<>();
        for (PeriodRows rows : cover) {
            for (LocalDate start : rows.starts()) {
                assertEquals(start, rows.period().start(start));
                days.addAll(days(start, rows.period().end(start)));
            }
        }
        days.sort(null);
        return days;
    }

    private static List<LocalDate> days(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }
}
