package io.streamstats.streaming.service;

import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.repository.ReadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Top ({@link Ranking}) and settlement reports of any {@link StatPeriod}, and a creator's ranking over any range, read
 * from the rollups the batch writes; a creator's figures of the current day, from the live counters the play / pause
 * batches keep until the batch settles the day.
 */
@ApplicationScoped
public class StatisticsService {

    @Inject
    ReadRepository reads;

    public record Top(StatPeriod period, LocalDate from, LocalDate to, Ranking.Metric metric,
                      List<ReadRepository.TopRow> rows) {
    }

    public record Settlement(StatPeriod period, LocalDate from, LocalDate to, long videoAmount, long adAmount,
                             List<ReadRepository.SettlementRow> rows) {
    }

    /** @param creatorId null for the platform-wide ranking */
    public Top top(StatPeriod period, LocalDate date, Ranking.Metric metric, Long creatorId) {
        LocalDate from = period.start(date);
        return new Top(period, from, period.end(date), metric, reads.top(period, from, metric, creatorId));
    }

    /** A creator's ranking of their own videos over from..to (both included). */
    public record Ranked(LocalDate from, LocalDate to, Ranking.CreatorMetric metric,
                         List<ReadRepository.RankedRow> rows) {
    }

    /**
     * A creator's videos ranked by a metric over from..to, settled days only ({@link Ranking}: 0 ranks nowhere,
     * ties to the lower video id), at most {@code limit}. The range is read as the fewest whole period rows that
     * tile it ({@link #cover}), so a year is one row per video instead of 365.
     */
    public Ranked ranking(long creatorId, LocalDate from, LocalDate to, Ranking.CreatorMetric metric, int limit) {
        return new Ranked(from, to, metric, reads.ranking(creatorId, cover(from, to), metric, limit));
    }

    /**
     * The whole periods that tile from..to exactly, each day once: the block of whole years inside the range, then
     * the same with the next smaller period on what is left on either side (months, then weeks, then days). The
     * batch keeps every period row equal to the sum of its settled days, so summing these rows sums the range's
     * days; 366 days take at most a few dozen rows per video instead of 366. Grouped by period, largest first, starts
     * ascending.
     */
    public static List<ReadRepository.PeriodRows> cover(LocalDate from, LocalDate to) {
        List<StatPeriod> largestFirst = new ArrayList<>(List.of(StatPeriod.values()));
        Collections.reverse(largestFirst); // StatPeriod lists its periods shortest first
        Map<StatPeriod, List<LocalDate>> starts = new EnumMap<>(StatPeriod.class);
        cover(from, to, largestFirst, 0, starts);
        List<ReadRepository.PeriodRows> cover = new ArrayList<>();
        for (StatPeriod period : largestFirst) {
            if (starts.containsKey(period)) {
                cover.add(new ReadRepository.PeriodRows(period, List.copyOf(starts.get(period))));
            }
        }
        return cover;
    }

    private static void cover(LocalDate from, LocalDate to, List<StatPeriod> largestFirst, int level,
                              Map<StatPeriod, List<LocalDate>> starts) {
        if (from.isAfter(to)) {
            return;
        }
        StatPeriod period = largestFirst.get(level);
        LocalDate first = period.start(from).equals(from) ? from : period.end(from).plusDays(1);
        if (period.end(first).isAfter(to)) { // no whole one inside: the smaller periods (a day always fits)
            cover(from, to, largestFirst, level + 1, starts);
            return;
        }
        cover(from, first.minusDays(1), largestFirst, level + 1, starts);
        LocalDate next = first;
        while (!period.end(next).isAfter(to)) {
            starts.computeIfAbsent(period, p -> new ArrayList<>()).add(next);
            next = period.end(next).plusDays(1);
        }
        cover(next, to, largestFirst, level + 1, starts);
    }

    /** A day's figures of a creator's videos, live (estimated) or settled. */
    public record Day(LocalDate date, boolean estimated, List<ReadRepository.DayRow> rows) {
    }

    /**
     * A creator's videos with something counted on a day that has begun: the settled figures once the batch has
     * settled the date, else the live counters so far (estimated). A day that is not settled now but was before (a
     * correction re-settles it) and whose live counters the batch has already removed (days after its settlement)
     * answers its earlier settled figures, still estimated. Videos with nothing (all zero) are left out.
     */
    public Day channelDay(long creatorId, LocalDate date) {
        boolean settled = reads.isSettled(date);
        List<ReadRepository.DayRow> rows = settled ? reads.settledDay(creatorId, date) : reads.liveDay(creatorId, date);
        if (!settled && rows.isEmpty()) {
            rows = reads.settledDay(creatorId, date);
        }
        return new Day(date, !settled, rows.stream()
                .filter(r -> r.views() != 0 || r.playSeconds() != 0 || r.adViews() != 0).toList());
    }

    /** One video's figures of a day, as {@link #channelDay}; zeros when nothing was counted. */
    public Day videoDay(long videoId, LocalDate date) {
        boolean settled = reads.isSettled(date);
        var row = settled ? reads.settledVideoDay(videoId, date) : reads.liveVideoDay(videoId, date);
        if (!settled && row.isEmpty()) {
            row = reads.settledVideoDay(videoId, date);
        }
        return new Day(date, !settled, row.stream().toList());
    }

    public Settlement settlement(long creatorId, StatPeriod period, LocalDate date) {
        LocalDate from = period.start(date);
        List<ReadRepository.SettlementRow> rows = reads.settlement(creatorId, period, from);
        long video = rows.stream().mapToLong(ReadRepository.SettlementRow::videoAmount).sum();
        long ad = rows.stream().mapToLong(ReadRepository.SettlementRow::adAmount).sum();
        return new Settlement(period, from, period.end(date), video, ad, rows);
    }
}
