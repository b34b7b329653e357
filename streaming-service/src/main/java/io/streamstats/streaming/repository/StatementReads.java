package io.streamstats.streaming.repository;

import io.streamstats.domain.time.StatPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;

/**
 * The reads of a settlement statement beyond the period rollups ({@link ReadRepository#settlement}): a date range's
 * settled daily rows per video, and how many days of a range are settled. Replica first, like every read
 * ({@link ReadConnections}).
 */
@ApplicationScoped
public class StatementReads {

    @Inject
    ReadConnections connections;

    /** Parameters: creator, from, to. Public for the query-plan test (StatementQueryPlanTest). */
    public static final String DAILY_SUMS_SQL = "SELECT d.video_id, v.title, d.views, d.ad_views, d.video_amount,"
            + " d.ad_amount FROM (SELECT video_id, SUM(views) AS views, SUM(ad_views) AS ad_views,"
            + " SUM(video_amount) AS video_amount, SUM(ad_amount) AS ad_amount FROM " + ReadRepository.CREATOR_ROWS
            + " WHERE s.creator_id = ? AND s.period = '" + StatPeriod.DAILY.code() + "'"
            + " AND s.period_start BETWEEN ? AND ? GROUP BY s.video_id) d"
            + " JOIN videos v ON v.id = d.video_id ORDER BY d.video_id";

    /** Parameters: from, to. */
    public static final String SETTLED_DAYS_SQL = "SELECT COUNT(*) FROM settled_dates WHERE stat_date BETWEEN ? AND ?";

    /**
     * One creator's videos with settled activity between two dates (both included): the sums of their daily rows.
     * An index range scan of ix_period_creator on (creator, 'D', start between from and to), aggregated per
     * video before the titles are joined (one primary-key lookup per video, not per day).
     */
    public List<ReadRepository.SettlementRow> dailySums(long creatorId, LocalDate from, LocalDate to) {
        return connections.list(DAILY_SUMS_SQL, ps -> {
            ps.setLong(1, creatorId);
            ps.setObject(2, from);
            ps.setObject(3, to);
        }, rs -> new ReadRepository.SettlementRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6)));
    }

    /** Settled days between two dates, both included (a primary-key range of settled_dates). */
    public long settledDays(LocalDate from, LocalDate to) {
        return connections.list(SETTLED_DAYS_SQL, ps -> {
            ps.setObject(1, from);
            ps.setObject(2, to);
        }, rs -> rs.getLong(1)).getFirst();
    }
}
