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

    /**
     * Step 1: the day's watch history of the range, per video, with lifetime counts; returns history rows read. A
     * re-settle of the range (its rows are there already) rewrites only the rows whose values changed and removes the
     * videos no longer in the day's history, instead of deleting and inserting every row again.
     */
    public long aggregate(LocalDate date, long lo, long hi) {
        return inTransaction(c -> {
            boolean again = hasRows(c, "video_daily_stats", date, lo, hi);
            // watch_history is clustered by (watched_date, video_id): the GROUP BY streams in key order, no sort.
            // The previous lifetime counts: the video's latest settled day before this one, one dive into
            // (video_id, stat_date) per video. The join order and that index are fixed: chosen from statistics
            // while other partitions insert, the optimizer once scanned the whole table per video.
            String insert = "INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views,"
                    + " cumulative_views, cumulative_ad_views, history_rows)"
                    + " SELECT STRAIGHT_JOIN ?, g.video_id, v.creator_id, g.views, g.play_seconds, g.ad_views,"
                    + " COALESCE(p.cumulative_views, 0) + g.views, COALESCE(p.cumulative_ad_views, 0) + g.ad_views, g.n"
                    + " FROM (SELECT video_id, SUM(counted_view) AS views, SUM(played_seconds) AS play_seconds,"
                    + " SUM(ad_views) AS ad_views, COUNT(*) AS n FROM watch_history"
                    + " WHERE watched_date = ? AND video_id BETWEEN ? AND ? GROUP BY video_id) g"
                    + " JOIN videos v ON v.id = g.video_id"
                    + PREVIOUS_DAY.formatted("g");
            if (!again) {
                update(c, insert, date, date, lo, hi, date);
            } else {
                // the target's columns qualified: the SELECT's tables have the same names
                update(c, insert + " ON DUPLICATE KEY UPDATE video_daily_stats.creator_id = VALUES(creator_id),"
                        + " video_daily_stats.views = VALUES(views), video_daily_stats.play_seconds = VALUES(play_seconds),"
                        + " video_daily_stats.ad_views = VALUES(ad_views),"
                        + " video_daily_stats.cumulative_views = VALUES(cumulative_views),"
                        + " video_daily_stats.cumulative_ad_views = VALUES(cumulative_ad_views),"
                        + " video_daily_stats.history_rows = VALUES(history_rows)", date, date, lo, hi, date);
                update(c, "DELETE FROM video_daily_stats WHERE stat_date = ? AND video_id BETWEEN ? AND ?"
                        + " AND NOT EXISTS (SELECT 1 FROM watch_history w WHERE w.watched_date = ?"
                        + " AND w.video_id = video_daily_stats.video_id)", date, lo, hi, date);
            }
            return historyRows(c, date, lo, hi);
        });
    }

    /**
     * Step 1 of a day re-settled only because an earlier day changed (the cascade of a correction): its own watch
     * history did not change, so its views stay and only the lifetime counts are carried forward again from the
     * video's previous settled day; the raw rows are not read. Returns the day's history rows (as counted when they
     * were aggregated).
     */
    public long carryForward(LocalDate date, long lo, long hi) {
        return inTransaction(c -> {
            update(c, "INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views,"
                    + " cumulative_views, cumulative_ad_views, history_rows)"
                    + " SELECT STRAIGHT_JOIN s.stat_date, s.video_id, s.creator_id, s.views, s.play_seconds, s.ad_views,"
                    + " COALESCE(p.cumulative_views, 0) + s.views, COALESCE(p.cumulative_ad_views, 0) + s.ad_views,"
                    + " s.history_rows FROM video_daily_stats s"
                    + PREVIOUS_DAY.formatted("s")
                    + " WHERE s.stat_date = ? AND s.video_id BETWEEN ? AND ?"
                    + " ON DUPLICATE KEY UPDATE video_daily_stats.cumulative_views = VALUES(cumulative_views),"
                    + " video_daily_stats.cumulative_ad_views = VALUES(cumulative_ad_views)", date, date, lo, hi);
            return historyRows(c, date, lo, hi);
        });
    }

    /**
     * Whether the date's statistics (any rows of it) carry each video's lifetime counts from its latest earlier day
     * as that day stands now. False once an earlier day was re-settled after these rows were made: a run of the date
     * left unfinished then must not be restarted past its aggregate step, whose lifetime counts are stale. One read
     * of the date's rows, each with one dive into the video's previous day; only before a restart.
     */
    public boolean carriesCurrentLifetimeCounts(LocalDate date) {
        return inTransaction(c -> single(c, Integer.class, "SELECT 1 FROM video_daily_stats s"
                + PREVIOUS_DAY.formatted("s") + " WHERE s.stat_date = ?"
                + " AND (s.cumulative_views - s.views <> COALESCE(p.cumulative_views, 0)"
                + " OR s.cumulative_ad_views - s.ad_views <> COALESCE(p.cumulative_ad_views, 0)) LIMIT 1",
                date, date) == null);
    }

    /** Joins p, the video's latest daily statistics before the date (a parameter), to the rows aliased %s. */
    private static final String PREVIOUS_DAY = " LEFT JOIN video_daily_stats p ON p.video_id = %1$s.video_id"
            + " AND p.stat_date = (SELECT MAX(q.stat_date) FROM video_daily_stats q FORCE INDEX (ix_daily_stats_video)"
            + " WHERE q.video_id = %1$s.video_id AND q.stat_date < ?)";

    private static long historyRows(Connection c, LocalDate date, long lo, long hi) throws SQLException {
        Long rows = single(c, Long.class, "SELECT COALESCE(SUM(history_rows), 0) FROM video_daily_stats"
                + " WHERE stat_date = ? AND video_id BETWEEN ? AND ?", date, lo, hi);
        return rows == null ? 0 : rows;
    }

    /** Whether an earlier run wrote rows of the date and range into the table (keyed by stat_date, video_id). */
    private static boolean hasRows(Connection c, String table, LocalDate date, long lo, long hi) throws SQLException {
        return single(c, Integer.class, "SELECT 1 FROM " + table + " WHERE stat_date = ? AND video_id BETWEEN ? AND ?"
                + " LIMIT 1", date, lo, hi) != null;
    }

    /**
     * Step 2: each video's money for the day, priced with the schedule in force on that day from the lifetime counts
     * before it, and which schedule that was (for {@link #pricesSettledWithFrom}); returns videos.
     */
    public long settle(LocalDate date, long lo, long hi, PriceSchedule prices) {
        return inTransaction(c -> {
            boolean again = hasRows(c, "video_daily_settlement", date, lo, hi);
            String insert = "INSERT INTO video_daily_settlement (stat_date, video_id, creator_id, video_amount,"
                    + " ad_amount) SELECT stat_date, video_id, creator_id, "
                    + prices.sqlWon(TierPricing.Kind.VIDEO, "(cumulative_views - views)", "views") + ", "
                    + prices.sqlWon(TierPricing.Kind.AD, "(cumulative_ad_views - ad_views)", "ad_views")
                    + " FROM video_daily_stats WHERE stat_date = ? AND video_id BETWEEN ? AND ?";
            long videos;
            if (!again) {
                videos = update(c, insert, date, lo, hi);
            } else {
                // a re-settle: unchanged amounts are not rewritten; videos gone from the day's statistics leave
                update(c, insert + " ON DUPLICATE KEY UPDATE video_daily_settlement.creator_id = VALUES(creator_id),"
                        + " video_daily_settlement.video_amount = VALUES(video_amount),"
                        + " video_daily_settlement.ad_amount = VALUES(ad_amount)", date, lo, hi);
                update(c, "DELETE FROM video_daily_settlement WHERE stat_date = ? AND video_id BETWEEN ? AND ?"
                        + " AND NOT EXISTS (SELECT 1 FROM video_daily_stats s WHERE s.stat_date = ?"
                        + " AND s.video_id = video_daily_settlement.video_id)", date, lo, hi, date);
                videos = single(c, Long.class, "SELECT COUNT(*) FROM video_daily_settlement WHERE stat_date = ?"
                        + " AND video_id BETWEEN ? AND ?", date, lo, hi);
            }
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
     * containing it, which holds the sums of its days. A first settle of the range inserts the D rows and adds them
     * to the others. A re-settle adds to every period only the difference between each video's new figures and its
     * D row (the figures it was settled with), for the videos whose figures changed, and takes out the videos gone
     * from the day; the D rows are adjusted last, by the same difference. One transaction, so the D rows always say
     * what the other periods hold of the day, and a repeated run finds no difference and changes nothing. Returns
     * videos.
     */
    public long rollup(LocalDate date, long lo, long hi) {
        String day = StatPeriod.DAILY.code();
        return inTransaction(c -> {
            boolean resettle = single(c, Integer.class, "SELECT 1 FROM video_period_stats WHERE period = ?"
                    + " AND period_start = ? AND video_id BETWEEN ? AND ? LIMIT 1", day, date, lo, hi) != null;
            if (resettle) {
                return rollupDifference(c, date, lo, hi);
            }
            // the D rows, then each other period from them; measured at 100M rows / 1M videos, this was faster than
            // one statement writing every period from the day's statistics (29–31 s against 33–34 s, one thread)
            long videos = update(c, "INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount)"
                    + " SELECT ?, s.stat_date, s.video_id, s.creator_id, s.views, s.play_seconds, s.ad_views,"
                    + " t.video_amount, t.ad_amount FROM video_daily_stats s JOIN video_daily_settlement t"
                    + " ON t.stat_date = s.stat_date AND t.video_id = s.video_id"
                    + " WHERE s.stat_date = ? AND s.video_id BETWEEN ? AND ?", day, date, lo, hi);
            for (StatPeriod period : StatPeriod.sumsOfDays()) {
                update(c, "INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                        + " play_seconds, ad_views, video_amount, ad_amount)"
                        + " SELECT ?, ?, d.* FROM (SELECT video_id, creator_id, views AS v, play_seconds AS p,"
                        + " ad_views AS a, video_amount AS va, ad_amount AS aa FROM video_period_stats"
                        + " WHERE period = ? AND period_start = ? AND video_id BETWEEN ? AND ?) d"
                        + ADD_TO_ROW, period.code(), period.start(date), day, date, lo, hi);
            }
            return videos;
        });
    }

    /** A derived table of every period's code and start for the date ({@link #periodParams}), D last. */
    private static String periodRows() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < StatPeriod.values().length; i++) {
            rows.append(i == 0 ? "SELECT CAST(? AS CHAR(1)) AS period, CAST(? AS DATE) AS period_start"
                    : " UNION ALL SELECT ?, ?");
        }
        return rows.toString();
    }

    private static List<Object> periodParams(LocalDate date) {
        List<Object> params = new ArrayList<>();
        List<StatPeriod> periods = new ArrayList<>(StatPeriod.sumsOfDays());
        periods.add(StatPeriod.DAILY);
        for (StatPeriod period : periods) {
            params.add(period.code());
            params.add(period.start(date));
        }
        return params;
    }

    /** Adds the inserted figures to an existing row (qualified: the SELECT's tables have the same columns). */
    private static final String ADD_TO_ROW = " ON DUPLICATE KEY UPDATE"
            + " video_period_stats.views = video_period_stats.views + VALUES(views),"
            + " video_period_stats.play_seconds = video_period_stats.play_seconds + VALUES(play_seconds),"
            + " video_period_stats.ad_views = video_period_stats.ad_views + VALUES(ad_views),"
            + " video_period_stats.video_amount = video_period_stats.video_amount + VALUES(video_amount),"
            + " video_period_stats.ad_amount = video_period_stats.ad_amount + VALUES(ad_amount)";

    private long rollupDifference(Connection c, LocalDate date, long lo, long hi) throws SQLException {
        String day = StatPeriod.DAILY.code();
        // per video of the range whose figures differ from its D row (or that has none yet): new minus old
        String changed = "SELECT s.video_id, s.creator_id, s.views - COALESCE(o.views, 0) AS v,"
                + " s.play_seconds - COALESCE(o.play_seconds, 0) AS p, s.ad_views - COALESCE(o.ad_views, 0) AS a,"
                + " t.video_amount - COALESCE(o.video_amount, 0) AS va, t.ad_amount - COALESCE(o.ad_amount, 0) AS aa"
                + " FROM video_daily_stats s JOIN video_daily_settlement t"
                + " ON t.stat_date = s.stat_date AND t.video_id = s.video_id"
                + " LEFT JOIN video_period_stats o ON o.period = ? AND o.period_start = s.stat_date"
                + " AND o.video_id = s.video_id"
                + " WHERE s.stat_date = ? AND s.video_id BETWEEN ? AND ? AND (o.video_id IS NULL"
                + " OR o.views <> s.views OR o.play_seconds <> s.play_seconds OR o.ad_views <> s.ad_views"
                + " OR o.video_amount <> t.video_amount OR o.ad_amount <> t.ad_amount)";
        // per video of the range settled on the day before but no longer in its statistics: minus its D row
        String goneRows = " FROM video_period_stats o WHERE o.period = ? AND o.period_start = ?"
                + " AND o.video_id BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM video_daily_stats s"
                + " WHERE s.stat_date = ? AND s.video_id = o.video_id)";
        boolean gone = single(c, Integer.class, "SELECT 1" + goneRows + " LIMIT 1", day, date, lo, hi, date) != null;
        String goneDifference = " UNION ALL SELECT o.video_id, o.creator_id, -o.views, -o.play_seconds, -o.ad_views,"
                + " -o.video_amount, -o.ad_amount" + goneRows;
        // one statement for every period: the differences are all read (against the old D rows) before any row is
        // written, as the statement reads the table it writes
        List<Object> params = new ArrayList<>(periodParams(date));
        params.addAll(List.of(day, date, lo, hi));
        if (gone) {
            params.addAll(List.of(day, date, lo, hi, date));
        }
        update(c, "INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                + " play_seconds, ad_views, video_amount, ad_amount) SELECT k.period, k.period_start, d.* FROM ("
                + periodRows() + ") k JOIN (" + changed + (gone ? goneDifference : "") + ") d ON TRUE" + ADD_TO_ROW,
                params.toArray());
        if (gone) {
            // a video whose only activity in a period was on this day now sums to nothing there: no row, as if
            // the day had been settled like this from the start
            for (StatPeriod period : StatPeriod.sumsOfDays()) {
                update(c, "DELETE r FROM video_period_stats r JOIN video_period_stats o ON o.period = ?"
                        + " AND o.period_start = ? AND o.video_id = r.video_id"
                        + " WHERE r.period = ? AND r.period_start = ? AND r.video_id BETWEEN ? AND ?"
                        + " AND r.views = 0 AND r.play_seconds = 0 AND r.ad_views = 0 AND r.video_amount = 0"
                        + " AND r.ad_amount = 0 AND NOT EXISTS (SELECT 1 FROM video_daily_stats x"
                        + " WHERE x.video_id = r.video_id AND x.stat_date BETWEEN ? AND ?)",
                        day, date, period.code(), period.start(date), lo, hi, period.start(date), period.end(date));
            }
            update(c, "DELETE FROM video_period_stats WHERE period = ? AND period_start = ? AND video_id BETWEEN ? AND ?"
                    + " AND NOT EXISTS (SELECT 1 FROM video_daily_stats s WHERE s.stat_date = ?"
                    + " AND s.video_id = video_period_stats.video_id)", day, date, lo, hi, date);
        }
        return single(c, Long.class, "SELECT COUNT(*) FROM video_period_stats WHERE period = ? AND period_start = ?"
                + " AND video_id BETWEEN ? AND ?", day, date, lo, hi);
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

    /**
     * Records the date as settled, with its videos and history rows counted in one read of its statistics.
     * {@code rowsReadAt}: when its watch history was last read, the time the late-row sweep orders days by; now, but
     * for a day repriced from its statistics, whose rows this run did not read.
     */
    public void markSettled(LocalDate date, long durationMillis, Instant rowsReadAt) {
        inTransaction(c -> update(c, "INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                + " SELECT ?, ?, COUNT(*), COALESCE(SUM(history_rows), 0), ? FROM video_daily_stats WHERE stat_date = ?"
                + " ON DUPLICATE KEY UPDATE settled_at = VALUES(settled_at), videos = VALUES(videos),"
                + " rows_read = VALUES(rows_read), duration_ms = VALUES(duration_ms)",
                date, Timestamp.from(rowsReadAt), durationMillis, date));
    }

    /** The latest settled date before the given one, or null. */
    public LocalDate lastSettledBefore(LocalDate date) {
        return inTransaction(c -> single(c, LocalDate.class, "SELECT MAX(stat_date) FROM settled_dates WHERE stat_date < ?",
                date));
    }

    /**
     * Before the date is settled again: it and every later day are no longer settled until their re-run completes,
     * so a cascade that stops half-way leaves no later day marked settled with lifetime counts from before the
     * correction, and the order check refuses to settle past them. Returns the days unmarked.
     */
    public int unmarkSettledFrom(LocalDate date) {
        return inTransaction(c -> update(c, "DELETE FROM settled_dates WHERE stat_date >= ?", date));
    }

    /** The settled dates between two dates, both included, with their settled_at (a primary-key range). */
    public SortedMap<LocalDate, Instant> settledBetween(LocalDate from, LocalDate to) {
        return inTransaction(c -> {
            SortedMap<LocalDate, Instant> settled = new TreeMap<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT stat_date, settled_at FROM settled_dates"
                    + " WHERE stat_date BETWEEN ? AND ?", from, to); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    settled.put(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant());
                }
            }
            return settled;
        });
    }

    public LocalDate lastSettled() {
        return inTransaction(c -> single(c, LocalDate.class, "SELECT MAX(stat_date) FROM settled_dates"));
    }

    public LocalDate firstHistoryDate() {
        return inTransaction(c -> single(c, LocalDate.class, "SELECT MIN(watched_date) FROM watch_history"));
    }
}
