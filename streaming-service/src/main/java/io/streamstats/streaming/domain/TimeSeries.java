package io.streamstats.streaming.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A range's settled figures grouped into a series, with the range's totals and the change from the previous range
 * of equal length. A plain function of the daily figures: days with no row count as zeros, so every group of the
 * range is present; a group that reaches outside the range covers only the range's days (its start and end are
 * clipped to the range), so the series always sums to the totals.
 */
public final class TimeSeries {

    private TimeSeries() {
    }

    /** One day's or one group's figures; amounts in whole won. */
    public record Figures(long views, long playSeconds, long adViews, long videoAmount, long adAmount) {

        public static final Figures ZERO = new Figures(0, 0, 0, 0, 0);

        public long totalAmount() {
            return videoAmount + adAmount;
        }

        public Figures plus(Figures other) {
            return new Figures(views + other.views, playSeconds + other.playSeconds, adViews + other.adViews,
                    videoAmount + other.videoAmount, adAmount + other.adAmount);
        }
    }

    public record Group(LocalDate start, LocalDate end, Figures figures) {
    }

    /** Difference to the previous range, and that difference in percent of it (null when it was 0). */
    public record Change(long difference, BigDecimal percent) {

        /** Percent rounded half up to one decimal place. */
        public static Change of(long current, long previous) {
            long difference = current - previous;
            BigDecimal percent = previous == 0 ? null : BigDecimal.valueOf(difference).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP);
            return new Change(difference, percent);
        }
    }

    public record Changes(Change views, Change playSeconds, Change adViews, Change videoAmount, Change adAmount,
                          Change totalAmount) {

        public static Changes of(Figures current, Figures previous) {
            return new Changes(Change.of(current.views(), previous.views()),
                    Change.of(current.playSeconds(), previous.playSeconds()),
                    Change.of(current.adViews(), previous.adViews()),
                    Change.of(current.videoAmount(), previous.videoAmount()),
                    Change.of(current.adAmount(), previous.adAmount()),
                    Change.of(current.totalAmount(), previous.totalAmount()));
        }
    }

    public record Series(DateRange range, SeriesGrouping grouping, List<Group> groups, Figures totals,
                         DateRange previousRange, Figures previousTotals, Changes change) {
    }

    /**
     * The series of {@code range} grouped by {@code grouping}, from the figures of each settled day of the range and
     * of its previous range ({@link DateRange#previous()}); days absent from the map are zeros.
     */
    public static Series of(DateRange range, SeriesGrouping grouping, Map<LocalDate, Figures> days) {
        List<Group> groups = new ArrayList<>();
        for (LocalDate start = range.from(); !start.isAfter(range.to()); ) {
            LocalDate end = min(grouping.end(start), range.to());
            groups.add(new Group(start, end, sum(new DateRange(start, end), days)));
            start = end.plusDays(1);
        }
        Figures totals = groups.stream().map(Group::figures).reduce(Figures.ZERO, Figures::plus);
        DateRange previous = range.previous();
        Figures previousTotals = sum(previous, days);
        return new Series(range, grouping, groups, totals, previous, previousTotals,
                Changes.of(totals, previousTotals));
    }

    private static Figures sum(DateRange range, Map<LocalDate, Figures> days) {
        Figures sum = Figures.ZERO;
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            sum = sum.plus(days.getOrDefault(day, Figures.ZERO));
        }
        return sum;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
