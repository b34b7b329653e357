package io.streamstats.streaming.repository;

import io.streamstats.common.db.DatabaseTime;
import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.domain.Video;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every query of the read side, with plain JDBC, on the {@code replica} datasource — or on the primary while the
 * replica is unreachable ({@link ReadConnections}).
 */
@ApplicationScoped
public class ReadRepository {

    @Inject
    ReadConnections connections;

    public record TopRow(long videoId, String title, long views, long playSeconds) {
    }

    public record SettlementRow(long videoId, String title, long views, long adViews, long videoAmount,
                                long adAmount) {
    }

    private static final String VIDEO_COLUMNS = "id, creator_id, title, duration_seconds, url, created_at";

    public Optional<Video> findVideo(long id) {
        List<Video> found = query("SELECT " + VIDEO_COLUMNS + " FROM videos WHERE id = ?", ps -> ps.setLong(1, id),
                ReadRepository::video);
        return found.stream().findFirst();
    }

    public List<Video> videosOf(long creatorId, long afterId, int limit) {
        return query("SELECT " + VIDEO_COLUMNS + " FROM videos WHERE creator_id = ? AND id > ? ORDER BY id LIMIT ?",
                ps -> {
                    ps.setLong(1, creatorId);
                    ps.setLong(2, afterId);
                    ps.setInt(3, limit);
                }, ReadRepository::video);
    }

    /**
     * Top videos of a period by a metric, as {@link Ranking} defines it. Platform-wide: the batch's precomputed
     * ranking (primary key of period_top). One creator's, by either metric: the creator's rows of the period, one
     * range of ix_period_creator, sorted. The index holds no metric (V12): adding a day to a week, month or year row
     * then rewrites the row only, not its index entry, on every rollup of the batch.
     */
    public List<TopRow> top(StatPeriod period, LocalDate periodStart, Ranking.Metric metric, Long creatorId) {
        if (creatorId == null) {
            return query("SELECT t.video_id, v.title, t.views, t.play_seconds FROM period_top t"
                    + " JOIN videos v ON v.id = t.video_id"
                    + " WHERE t.period = ? AND t.period_start = ? AND t.metric = ? ORDER BY t.rank_no LIMIT ?", ps -> {
                        ps.setString(1, period.code());
                        ps.setObject(2, periodStart);
                        ps.setString(3, metric.code());
                        ps.setInt(4, Ranking.SIZE);
                    }, rs -> new TopRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
        return query(creatorTopSql(metric), ps -> {
            ps.setLong(1, creatorId);
            ps.setString(2, period.code());
            ps.setObject(3, periodStart);
            ps.setInt(4, Ranking.SIZE);
        }, rs -> new TopRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    /**
     * A creator's rows of video_period_stats, aliased s, read through ix_period_creator. Named, not left to the
     * optimizer: with equalities on every column of that index and on the primary key's (period, period_start)
     * prefix, MariaDB can pick an intersection of the two (index_merge), which reads the whole period's primary-key
     * range; it did on a test database whose sampled statistics made that look cheap.
     */
    public static final String CREATOR_ROWS = "video_period_stats s FORCE INDEX (ix_period_creator)";

    /** One creator's Top of a period by a metric; parameters: creator, period code, period start, limit. */
    static String creatorTopSql(Ranking.Metric metric) {
        return "SELECT s.video_id, v.title, s.views, s.play_seconds FROM " + CREATOR_ROWS
                + " JOIN videos v ON v.id = s.video_id"
                + " WHERE s.creator_id = ? AND s.period = ? AND s.period_start = ? AND " + Ranking.sqlRanks(metric, "s")
                + " ORDER BY " + Ranking.sqlOrder(metric, "s") + " LIMIT ?";
    }

    /** Parameters: creator, period code, period start. */
    static final String SETTLEMENT_SQL = "SELECT s.video_id, v.title, s.views, s.ad_views, s.video_amount, s.ad_amount"
            + " FROM " + CREATOR_ROWS + " JOIN videos v ON v.id = s.video_id"
            + " WHERE s.creator_id = ? AND s.period = ? AND s.period_start = ?";

    /** One creator's videos with settled activity in a period (index ix_period_creator prefix). */
    public List<SettlementRow> settlement(long creatorId, StatPeriod period, LocalDate periodStart) {
        return query(SETTLEMENT_SQL, ps -> {
            ps.setLong(1, creatorId);
            ps.setString(2, period.code());
            ps.setObject(3, periodStart);
        }, rs -> new SettlementRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6)));
    }

    /** One period row a ranking sums: the rows of {@code period} starting on one of {@code starts}. */
    public record PeriodRows(StatPeriod period, List<LocalDate> starts) {
    }

    /** A video's sums in a creator's ranking; {@code total amount = videoAmount + adAmount}. */
    public record RankedRow(long videoId, String title, long views, long playSeconds, long adViews, long videoAmount,
                            long adAmount) {
    }

    /**
     * A creator's videos ranked by a metric over the sum of the given period rows ({@link Ranking#sqlRanks},
     * {@link Ranking#sqlOrder}: 0 ranks nowhere, ties to the lower video id), at most {@code limit}. The rows are
     * points of ix_period_creator's (creator, period, period_start) prefix, one range each: the creator's
     * videos with settled activity in those periods, summed per video and sorted; titles for the kept rows only.
     */
    public List<RankedRow> ranking(long creatorId, List<PeriodRows> cover, Ranking.CreatorMetric metric, int limit) {
        String sql = rankingSql(cover, metric);
        return query(sql, ps -> {
            int p = 1;
            ps.setLong(p++, creatorId);
            for (PeriodRows rows : cover) {
                ps.setString(p++, rows.period().code());
                for (LocalDate start : rows.starts()) {
                    ps.setObject(p++, start);
                }
            }
            ps.setInt(p, limit);
        }, rs -> new RankedRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7)));
    }

    /** The ranking query for a cover's shape (how many starts of which periods); parameters as {@link #ranking} binds. */
    static String rankingSql(List<PeriodRows> cover, Ranking.CreatorMetric metric) {
        StringBuilder where = new StringBuilder();
        for (PeriodRows rows : cover) {
            where.append(where.isEmpty() ? "" : " OR ").append("(s.period = ? AND s.period_start IN (")
                    .append(String.join(", ", Collections.nCopies(rows.starts().size(), "?"))).append("))");
        }
        return "SELECT r.video_id, v.title, r.views, r.play_seconds, r.ad_views, r.video_amount, r.ad_amount"
                + " FROM (SELECT * FROM (SELECT s.video_id, SUM(s.views) AS views, SUM(s.play_seconds) AS play_seconds,"
                + " SUM(s.ad_views) AS ad_views, SUM(s.video_amount) AS video_amount, SUM(s.ad_amount) AS ad_amount,"
                + " SUM(s.video_amount + s.ad_amount) AS total_amount FROM " + CREATOR_ROWS
                + " WHERE s.creator_id = ? AND (" + where + ") GROUP BY s.video_id) g"
                + " WHERE " + Ranking.sqlRanks(metric) + " ORDER BY " + Ranking.sqlOrder(metric) + " LIMIT ?) r"
                + " JOIN videos v ON v.id = r.video_id ORDER BY " + Ranking.sqlOrder(metric);
    }

    /** One video's figures of one day. */
    public record DayRow(long videoId, String title, long views, long playSeconds, long adViews) {
    }

    static final String IS_SETTLED = "SELECT 1 FROM settled_dates WHERE stat_date = ?";
    static final String LIVE_DAY = "SELECT l.video_id, v.title, l.views, l.play_seconds, l.ad_views"
            + " FROM live_video_day l FORCE INDEX (ix_live_creator) JOIN videos v ON v.id = l.video_id"
            + " WHERE l.creator_id = ? AND l.stat_date = ?"
            + " ORDER BY l.video_id";
    static final String LIVE_VIDEO_DAY = "SELECT l.video_id, '', l.views, l.play_seconds, l.ad_views"
            + " FROM live_video_day l WHERE l.stat_date = ? AND l.video_id = ?";
    static final String SETTLED_DAY = "SELECT s.video_id, v.title, s.views, s.play_seconds, s.ad_views"
            + " FROM " + CREATOR_ROWS + " JOIN videos v ON v.id = s.video_id"
            + " WHERE s.creator_id = ? AND s.period = ? AND s.period_start = ?";
    static final String SETTLED_VIDEO_DAY = "SELECT s.video_id, '', s.views, s.play_seconds, s.ad_views"
            + " FROM video_period_stats s WHERE s.period = ? AND s.period_start = ? AND s.video_id = ?";

    /** The read side's database clock (UTC), for the platform date of "today". */
    public Instant databaseNow() {
        return query("SELECT " + DatabaseTime.NOW_MICROS, ps -> { },
                rs -> DatabaseTime.instantOfMicros(rs.getLong(1))).getFirst();
    }

    /** Whether the batch has settled the date (settled_dates, primary key). */
    public boolean isSettled(LocalDate date) {
        return !query(IS_SETTLED, ps -> ps.setObject(1, date),
                rs -> rs.getInt(1)).isEmpty();
    }

    /**
     * A creator's videos with something counted so far on a day, from the live counters the play / pause batches
     * keep (ix_live_creator: one range), in video-id order.
     */
    public List<DayRow> liveDay(long creatorId, LocalDate date) {
        return query(LIVE_DAY, ps -> {
                    ps.setLong(1, creatorId);
                    ps.setObject(2, date);
                }, rs -> new DayRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    /** One video's live counters of a day (primary key); empty when nothing was counted. */
    public Optional<DayRow> liveVideoDay(long videoId, LocalDate date) {
        return query(LIVE_VIDEO_DAY, ps -> {
                    ps.setObject(1, date);
                    ps.setLong(2, videoId);
                }, rs -> new DayRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .stream().findFirst();
    }

    /**
     * A creator's settled figures of a day: the batch's D rows (ix_period_creator prefix), sorted by video id
     * here: an ORDER BY video_id lets the optimizer prefer the primary key's order, every video's row of the day.
     */
    public List<DayRow> settledDay(long creatorId, LocalDate date) {
        return query(SETTLED_DAY, ps -> {
                    ps.setLong(1, creatorId);
                    ps.setString(2, StatPeriod.DAILY.code());
                    ps.setObject(3, date);
                }, rs -> new DayRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .stream().sorted(Comparator.comparingLong(DayRow::videoId)).toList();
    }

    /** One video's settled figures of a day (primary key); empty when it had no watch history that day. */
    public Optional<DayRow> settledVideoDay(long videoId, LocalDate date) {
        return query(SETTLED_VIDEO_DAY, ps -> {
                    ps.setString(1, StatPeriod.DAILY.code());
                    ps.setObject(2, date);
                    ps.setLong(3, videoId);
                }, rs -> new DayRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .stream().findFirst();
    }

    /** The latest settled date and the figures of the run that settled it. */
    public record SettledDate(LocalDate date, java.time.Instant settledAt, long durationMillis, long rowsRead, long videos) {
    }

    public Optional<SettledDate> latestSettlement() {
        return query("SELECT stat_date, settled_at, duration_ms, rows_read, videos FROM settled_dates"
                + " ORDER BY stat_date DESC LIMIT 1", ps -> { }, rs -> new SettledDate(rs.getObject(1, LocalDate.class),
                rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getLong(5))).stream().findFirst();
    }

    /**
     * The last day with its own partition of {@code watch_history} ({@code pYYYYMMDD}, made ahead by the batch's
     * {@code partitions} command); empty while only {@code p_history} and {@code p_future} exist.
     */
    public Optional<LocalDate> lastHistoryPartitionDay() {
        return query("SELECT MAX(PARTITION_NAME) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'watch_history' AND PARTITION_NAME REGEXP '^p[0-9]{8}$'", ps -> { },
                rs -> rs.getString(1)).stream().filter(java.util.Objects::nonNull).findFirst()
                .map(name -> LocalDate.parse(name.substring(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static Video video(ResultSet rs) throws SQLException {
        Video video = new Video();
        video.id = rs.getLong(1);
        video.creatorId = rs.getLong(2);
        video.title = rs.getString(3);
        video.durationSeconds = rs.getInt(4);
        video.url = rs.getString(5);
        Timestamp created = rs.getTimestamp(6);
        video.createdAt = created == null ? null : created.toInstant();
        return video;
    }


    private <T> List<T> query(String sql, ReadConnections.Binder binder, ReadConnections.RowMapper<T> mapper) {
        return connections.list(sql, binder, mapper);
    }
}
