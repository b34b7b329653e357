package io.streamstats.batch.repository;

import static io.streamstats.batch.repository.Jdbc.update;

import io.streamstats.domain.time.StatPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * The per-creator daily rollup ({@code creator_daily_stats}): each creator's row of a date is the sum of their
 * videos' daily statistics and settlement of that date. Read by streaming-service's channel time series.
 */
@ApplicationScoped
public class CreatorRollupRepository {

    /**
     * Writes each creator's sums of a day (parameters: the DAILY period code, the date) from the day's D rows, which
     * the rollup step before this one made equal to the join of its statistics and settlement: one primary-key
     * range, no lookup per video (1.3–2.3 s against 2.6–3.0 s for the join at 1M videos).
     */
    static final String INSERT_DAY_SQL = "INSERT INTO creator_daily_stats (creator_id, stat_date, views, play_seconds,"
            + " ad_views, video_amount, ad_amount) SELECT creator_id, period_start, SUM(views), SUM(play_seconds),"
            + " SUM(ad_views), SUM(video_amount), SUM(ad_amount) FROM video_period_stats"
            + " WHERE period = ? AND period_start = ? GROUP BY creator_id";

    @Inject
    SettlementRepository transactions;

    /**
     * Replaces the date's creator rows by the sums of its video rows, in one transaction: a restart or a re-settle
     * gives the same rows, and a creator with no video row left that day has no row. Returns creators written.
     */
    public long rollup(LocalDate date) {
        return transactions.inTransaction(c -> {
            update(c, "DELETE FROM creator_daily_stats WHERE stat_date = ?", date);
            return (long) update(c, INSERT_DAY_SQL, StatPeriod.DAILY.code(), date);
        });
    }
}
