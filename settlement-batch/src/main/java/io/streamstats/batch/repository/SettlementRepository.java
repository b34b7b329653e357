package io.streamstats.batch.repository;

import static io.streamstats.batch.repository.Jdbc.single;
import static io.streamstats.batch.repository.Jdbc.update;

import io.agroal.api.AgroalDataSource;
import io.streamstats.batch.domain.PriceSchedule;
import io.streamstats.batch.domain.TierPricing;
import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The set-based SQL of the settlement job. Every statement works on one date and one video-id range (a
 * partition), and each partition's work is one transaction that first removes what an earlier run of the same
 * date and range wrote: running it again, after a crash or on purpose, gives the same tables.
 */
@ApplicationScoped
public class SettlementRepository {

    @Inject
    AgroalDataSource dataSource;

    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work in one transaction; again if the database picked it as a deadlock victim (it is idempotent). */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (IllegalStateException e) {
                if (attempt >= 3 || !(e.getCause() instanceof SQLException sql)
                        || !("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213)) {
                    throw e;
                }
            }
        }
    }

    private <T> T once(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Step 1: the day's watch history of the range, per video, with lifetime counts; returns history rows read. */
    public long aggregate(LocalDate date, long lo, long hi) {
        return inTransaction(c -> {
            update(c, "DELETE FROM video_daily_stats WHERE stat_date = ? AND video_id BETWEEN ? AND ?", date, lo, hi);
            // watch_history is clustered by (watched_date, video_id): the GROUP BY streams in key order, no sort.
            // The previous lifetime counts: the video's latest settled day before this one, one dive into
            // (video_id, stat_date) per video. The join order and that index are fixed: chosen from statistics
            // while other partitions insert, the optimizer once scanned the whole table per video.
            update(c, "INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views,"
                    + " cumulative_views, cumulative_ad_views, history_rows)"
                    + " SELECT STRAIGHT_JOIN ?, g.video_id, v.creator_id, g.views, g.play_seconds, g.ad_views,"
                    + " COALESCE(p.cumulative_views, 0) + g.views, COALESCE(p.cumulative_ad_views, 0) + g.ad_views, g.n"
                    + " FROM (SELECT video_id, SUM(counted_view) AS views, SUM(played_seconds) AS play_seconds,"
                    + " SUM(ad_views) AS ad_views, COUNT(*) AS n FROM watch_history"
                    + " WHERE watched_date = ? AND video_id BETWEEN ? AND ? GROUP BY video_id) g"
                    + " JOIN videos v ON v.id = g.video_id"
                    + " LEFT JOIN video_daily_stats p ON p.video_id = g.video_id AND p.stat_date ="
                    + " (SELECT MAX(q.stat_date) FROM video_daily_stats q FORCE INDEX (ix_daily_stats_video)"
                    + " WHERE q.video_id = g.video_id AND q.stat_date < ?)",
                    date, date, lo, hi, date);
            Long rows = single(c, Long.class, "SELECT COALESCE(SUM(history_rows), 0) FROM video_daily_stats"
                    + " WHERE stat_date = ? AND video_id BETWEEN ? AND ?", date, lo, hi);
            return rows == null ? 0 : rows;
        });
    }

    /**
     * Step 2: each video's money for the day, priced with the schedule in force on that day from the lifetime counts
     * before it, and which schedule that was (for {@link #pricesSettledWithFrom}); returns videos.
     */
    public long settle(LocalDate date, long lo, long hi, PriceSchedule prices) {
        return inTransaction(c -> {
            update(c, "DELETE FROM video_daily_settlement WHERE stat_date = ? AND video_id BETWEEN ? AND ?", date, lo, hi);
            long videos = update(c, "INSERT INTO video_daily_settlement (stat_date, video_id, creator_id, video_amount,"
                    + " ad_amount) SELECT stat_date, video_id, creator_id, "
                    + prices.sqlWon(TierPricing.Kind.VIDEO, "(cumulative_views - views)", "views") + ", "
                    + prices.sqlWon(TierPricing.Kind.AD, "(cumulative_ad_views - ad_views)", "ad_views")
                    + " FROM video_daily_stats WHERE stat_date = ? AND video_id BETWEEN ? AND ?", date, lo, hi);
            // last, so the row lock every partition takes here is held only until the commit
            update(c, "INSERT INTO settled_prices (stat_date, prices_from) VALUES (?, ?)"
                    + " ON DUPLICATE KEY UPDATE prices_from = VALUES(prices_from)", date, prices.effectiveFrom());
            return videos;
        });
    }

    /**
     * For the date and every later priced date (all re-settled with it), the day from which the schedule that
     * priced it applies, in date order. One row per settled day: a small read.
     */
    public SortedMap<LocalDate, LocalDate> pricesSettledWithFrom(LocalDate date) {
        return inTransaction(c -> {
            SortedMap<LocalDate, LocalDate> settled = new TreeMap<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT stat_date, prices_from FROM settled_prices"
                    + " WHERE stat_date >= ?", date); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    settled.put(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class));
                }
            }
            return settled;
        });
    }

    /**
     * Step 3: the day's rows into the period rollups: its DAILY row, and the row of every other {@link StatPeriod}
     * containing it, which holds the sums of its days: the range's previous D rows (if this date was settled before)
     * are taken out, the new ones put in. One transaction, so a repeated run changes nothing. Returns videos.
     */
    public long rollup(LocalDate date, long lo, long hi) {
        String day = StatPeriod.DAILY.code();
        List<StatPeriod> sums = StatPeriod.sumsOfDays();
        return inTransaction(c -> {
            boolean resettle = single(c, Integer.class, "SELECT 1 FROM video_period_stats WHERE period = ?"
                    + " AND period_start = ? AND video_id BETWEEN ? AND ? LIMIT 1", day, date, lo, hi) != null;
            if (resettle) {
                for (StatPeriod period : sums) {
                    update(c, "UPDATE video_period_stats r JOIN video_period_stats d ON d.period = ?"
                            + " AND d.period_start = ? AND d.video_id = r.video_id"
                            + " SET r.views = r.views - d.views, r.play_seconds = r.play_seconds - d.play_seconds,"
                            + " r.ad_views = r.ad_views - d.ad_views, r.video_amount = r.video_amount - d.video_amount,"
                            + " r.ad_amount = r.ad_amount - d.ad_amount"
                            + " WHERE r.period = ? AND r.period_start = ? AND r.video_id BETWEEN ? AND ?"
                            + " AND d.video_id BETWEEN ? AND ?",
                            day, date, period.code(), period.start(date), lo, hi, lo, hi);
                }
                update(c, "DELETE FROM video_period_stats WHERE period = ? AND period_start = ?"
                        + " AND video_id BETWEEN ? AND ?", day, date, lo, hi);
            }
            long videos = update(c, "INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount)"
                    + " SELECT ?, s.stat_date, s.video_id, s.creator_id, s.views, s.play_seconds, s.ad_views,"
                    + " t.video_amount, t.ad_amount FROM video_daily_stats s JOIN video_daily_settlement t"
                    + " ON t.stat_date = s.stat_date AND t.video_id = s.video_id"
                    + " WHERE s.stat_date = ? AND s.video_id BETWEEN ? AND ?", day, date, lo, hi);
            for (StatPeriod period : sums) {
                update(c, "INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                        + " play_seconds, ad_views, video_amount, ad_amount)"
                        + " SELECT ?, ?, d.* FROM (SELECT video_id, creator_id, views AS v, play_seconds AS p,"
                        + " ad_views AS a, video_amount AS va, ad_amount AS aa FROM video_period_stats"
                        + " WHERE period = ? AND period_start = ? AND video_id BETWEEN ? AND ?) d"
                        + " ON DUPLICATE KEY UPDATE views = views + VALUES(views),"
                        + " play_seconds = play_seconds + VALUES(play_seconds), ad_views = ad_views + VALUES(ad_views),"
                        + " video_amount = video_amount + VALUES(video_amount), ad_amount = ad_amount + VALUES(ad_amount)",
                        period.code(), period.start(date), day, date, lo, hi);
            }
            if (resettle) {
                // a video whose only activity in the period was on the re-settled day may now sum to nothing
                for (StatPeriod period : sums) {
                    update(c, "DELETE FROM video_period_stats WHERE period = ? AND period_start = ?"
                            + " AND video_id BETWEEN ? AND ? AND views = 0 AND play_seconds = 0 AND ad_views = 0"
                            + " AND video_amount = 0 AND ad_amount = 0"
                            + " AND NOT EXISTS (SELECT 1 FROM video_daily_stats x WHERE x.video_id = video_period_stats.video_id"
                            + " AND x.stat_date BETWEEN video_period_stats.period_start AND ?)",
                            period.code(), period.start(date), lo, hi, date);
                }
            }
            return videos;
        });
    }

    public record TopEntry(long videoId, long views, long playSeconds) {
    }

    /**
     * Step 4: the platform-wide Top of every period containing the day, by every {@link Ranking.Metric}, as
     * {@link Ranking} defines it. The rankings are read in parallel (each scans its period's rows), then written in
     * one transaction.
     */
    public void rankTop(LocalDate date) {
        record Board(StatPeriod period, Ranking.Metric metric) {
        }
        List<Board> boards = new ArrayList<>();
        for (StatPeriod period : StatPeriod.values()) {
            for (Ranking.Metric metric : Ranking.Metric.values()) {
                boards.add(new Board(period, metric));
            }
        }
        List<List<TopEntry>> tops = boards.parallelStream().map(b -> inTransaction(c -> {
            List<TopEntry> top = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT video_id, views, play_seconds FROM video_period_stats"
                    + " WHERE period = ? AND period_start = ? AND " + Ranking.sqlRanks(b.metric(), "")
                    + " ORDER BY " + Ranking.sqlOrder(b.metric(), "") + " LIMIT ?",
                    b.period().code(), b.period().start(date), Ranking.SIZE);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    top.add(new TopEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return top;
        })).toList();
        inTransaction(c -> {
            for (StatPeriod period : StatPeriod.values()) {
                update(c, "DELETE FROM period_top WHERE period = ? AND period_start = ?", period.code(), period.start(date));
            }
            for (int i = 0; i < boards.size(); i++) {
                Board b = boards.get(i);
                int rank = 1;
                for (TopEntry entry : tops.get(i)) {
                    update(c, "INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views,"
                            + " play_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)", b.period().code(), b.period().start(date),
                            b.metric().code(), rank++, entry.videoId(), entry.views(), entry.playSeconds());
                }
            }
            return null;
        });
    }

    /** Records the date as settled, with its videos and history rows counted in one read of its statistics. */
    public void markSettled(LocalDate date, long durationMillis) {
        inTransaction(c -> update(c, "INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                + " SELECT ?, ?, COUNT(*), COALESCE(SUM(history_rows), 0), ? FROM video_daily_stats WHERE stat_date = ?"
                + " ON DUPLICATE KEY UPDATE settled_at = VALUES(settled_at), videos = VALUES(videos),"
                + " rows_read = VALUES(rows_read), duration_ms = VALUES(duration_ms)",
                date, Timestamp.from(Instant.now()), durationMillis, date));
    }

    /** The latest settled date before the given one, or null. */
    public LocalDate lastSettledBefore(LocalDate date) {
        return inTransaction(c -> single(c, LocalDate.class, "SELECT MAX(stat_date) FROM settled_dates WHERE stat_date < ?",
                date));
    }

    public LocalDate lastSettled() {
        return inTransaction(c -> single(c, LocalDate.class, "SELECT MAX(stat_date) FROM settled_dates"));
    }

    public LocalDate firstHistoryDate() {
        return inTransaction(c -> single(c, LocalDate.class, "SELECT MIN(watched_date) FROM watch_history"));
    }
}
