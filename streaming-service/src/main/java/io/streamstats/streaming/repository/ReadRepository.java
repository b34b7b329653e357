package io.streamstats.streaming.repository;

import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.domain.Video;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
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
     * ranking (primary key of period_top). One creator's by views: the ORDER BY matches ix_period_creator_views, so
     * at most {@link Ranking#SIZE} index entries are read; by play time: the creator's rows of the period from the
     * same index's prefix, sorted (one index less to write on every rollup row).
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
        String sql = "SELECT s.video_id, v.title, s.views, s.play_seconds FROM video_period_stats s"
                + " JOIN videos v ON v.id = s.video_id"
                + " WHERE s.creator_id = ? AND s.period = ? AND s.period_start = ? AND " + Ranking.sqlRanks(metric, "s")
                + " ORDER BY " + Ranking.sqlOrder(metric, "s") + " LIMIT ?";
        return query(sql, ps -> {
            ps.setLong(1, creatorId);
            ps.setString(2, period.code());
            ps.setObject(3, periodStart);
            ps.setInt(4, Ranking.SIZE);
        }, rs -> new TopRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    /** One creator's videos with settled activity in a period (index ix_period_creator_views prefix). */
    public List<SettlementRow> settlement(long creatorId, StatPeriod period, LocalDate periodStart) {
        String sql = "SELECT s.video_id, v.title, s.views, s.ad_views, s.video_amount, s.ad_amount"
                + " FROM video_period_stats s JOIN videos v ON v.id = s.video_id"
                + " WHERE s.creator_id = ? AND s.period = ? AND s.period_start = ? ORDER BY s.video_id";
        return query(sql, ps -> {
            ps.setLong(1, creatorId);
            ps.setString(2, period.code());
            ps.setObject(3, periodStart);
        }, rs -> new SettlementRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6)));
    }

    /** The latest settled date and the figures of the run that settled it. */
    public record SettledDate(LocalDate date, java.time.Instant settledAt, long durationMillis, long rowsRead, long videos) {
    }

    public Optional<SettledDate> latestSettlement() {
        return query("SELECT stat_date, settled_at, duration_ms, rows_read, videos FROM settled_dates"
                + " ORDER BY stat_date DESC LIMIT 1", ps -> { }, rs -> new SettledDate(rs.getObject(1, LocalDate.class),
                rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getLong(5))).stream().findFirst();
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

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return connections.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                    return rows;
                }
            }
        });
    }
}
