package io.streamstats.streaming.service;

import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.repository.ReadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;

/** Top ({@link Ranking}) and settlement reports of any {@link StatPeriod}, read from the rollups the batch writes. */
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

    public Settlement settlement(long creatorId, StatPeriod period, LocalDate date) {
        LocalDate from = period.start(date);
        List<ReadRepository.SettlementRow> rows = reads.settlement(creatorId, period, from);
        long video = rows.stream().mapToLong(ReadRepository.SettlementRow::videoAmount).sum();
        long ad = rows.stream().mapToLong(ReadRepository.SettlementRow::adAmount).sum();
        return new Settlement(period, from, period.end(date), video, ad, rows);
    }
}
