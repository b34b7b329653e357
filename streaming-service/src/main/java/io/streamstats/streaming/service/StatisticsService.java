package io.streamstats.streaming.service;

import io.streamstats.common.time.StatPeriod;
import io.streamstats.streaming.repository.ReadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;

/** Top 5 and settlement reports, read from the rollups the settlement batch writes. */
@ApplicationScoped
public class StatisticsService {

    public static final int TOP_SIZE = 5;

    @Inject
    ReadRepository reads;

    public record Top(StatPeriod period, LocalDate from, LocalDate to, boolean byViews, List<ReadRepository.TopRow> rows) {
    }

    public record Settlement(StatPeriod period, LocalDate from, LocalDate to, long videoAmount, long adAmount,
                             List<ReadRepository.SettlementRow> rows) {
    }

    /** @param creatorId null for the platform-wide ranking */
    public Top top(StatPeriod period, LocalDate date, boolean byViews, Long creatorId) {
        LocalDate from = period.start(date);
        return new Top(period, from, period.end(date), byViews,
                reads.top(period.code(), from, byViews, creatorId, TOP_SIZE));
    }

    public Settlement settlement(long creatorId, StatPeriod period, LocalDate date) {
        LocalDate from = period.start(date);
        List<ReadRepository.SettlementRow> rows = reads.settlement(creatorId, period.code(), from);
        long video = rows.stream().mapToLong(ReadRepository.SettlementRow::videoAmount).sum();
        long ad = rows.stream().mapToLong(ReadRepository.SettlementRow::adAmount).sum();
        return new Settlement(period, from, period.end(date), video, ad, rows);
    }
}
