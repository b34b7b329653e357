package io.streamstats.streaming.service;

import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.repository.ReadRepository;
import io.streamstats.streaming.repository.ReadRepository.SettlementRow;
import io.streamstats.streaming.repository.StatementReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A creator's settlement statement for a month or a date range: the rows per video, their totals, and whether the
 * figures can still change (provisional) or are final.
 */
@ApplicationScoped
public class SettlementStatements {

    @Inject
    ReadRepository reads;

    @Inject
    StatementReads statementReads;

    @Inject
    PlatformToday today;

    /**
     * @param provisional the range is not over in the platform zone, or one of its days is not settled (yet, or
     *                    any more): its figures may still change
     */
    public record Statement(DateRange range, boolean provisional, List<SettlementRow> rows, long views,
                            long adViews, long videoAmount, long adAmount) {

        public long totalAmount() {
            return videoAmount + adAmount;
        }
    }

    /**
     * A calendar month: the month rollups, read by the same query as {@code GET /api/settlements?period=MONTHLY},
     * so the totals are the same to the won.
     */
    public Statement month(long creatorId, YearMonth month) {
        LocalDate from = StatPeriod.MONTHLY.start(month.atDay(1));
        DateRange range = new DateRange(from, StatPeriod.MONTHLY.end(from));
        boolean provisional = provisional(range);
        return statement(range, provisional, reads.settlement(creatorId, StatPeriod.MONTHLY, from));
    }

    /** Any range: the sums of its settled daily rows per video. */
    public Statement range(long creatorId, DateRange range) {
        boolean provisional = provisional(range);
        return statement(range, provisional, statementReads.dailySums(creatorId, range.from(), range.to()));
    }

    /**
     * Whether a range's settled figures may still change: it is not over in the platform zone, or one of its days is
     * not settled (yet, or any more, while a correction re-settles it). The statement's status and the settlement
     * report's. Read before the figures: a run that completes in between then leaves "provisional" over final
     * figures, never "final" over figures read before the run finished.
     */
    public boolean provisional(DateRange range) {
        boolean over = today.date().isAfter(range.to());
        return !over || statementReads.settledDays(range.from(), range.to()) < range.days();
    }

    private Statement statement(DateRange range, boolean provisional, List<SettlementRow> rows) {
        long views = 0;
        long adViews = 0;
        long video = 0;
        long ad = 0;
        for (SettlementRow row : rows) {
            views += row.views();
            adViews += row.adViews();
            video += row.videoAmount();
            ad += row.adAmount();
        }
        return new Statement(range, provisional, rows, views, adViews, video, ad);
    }
}
