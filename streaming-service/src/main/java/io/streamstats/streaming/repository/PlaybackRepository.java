package io.streamstats.streaming.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The play / pause write path on the primary, in plain JDBC: a handful of short statements per request, each
 * request one transaction. Row locks make it exact across threads and instances: a play locks the
 * (viewer, video) state row, a pause locks its playback row.
 */
@ApplicationScoped
public class PlaybackRepository {

    private static final int ATTEMPTS = 5;

    @Inject
    AgroalDataSource primary;

    /** What the previous plays left: when the last one started and where the viewer last paused. */
    public record PlayState(Instant previousPlayAt, int resumeSeconds) {
    }

    public record OpenPlayback(long id, long videoId, long viewerId, int startSeconds, boolean closed) {
    }

    /** A unit of work inside one transaction. */
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Runs the work in one transaction, again from the start if the database chose it as a deadlock victim. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = primary.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(new Tx(c));
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && Sql.isRetryable(e)) {
                    continue;
                }
                throw new IllegalStateException("Playback write failed: " + e.getMessage(), e);
            }
        }
    }

    /** The statements of the write path, bound to one transaction's connection. */
    public static final class Tx {
        private final Connection c;

        Tx(Connection c) {
            this.c = c;
        }

        /**
         * Records that this viewer starts a playback now and returns the state before it. The upsert takes the
         * row lock, so concurrent plays of one viewer on one video are serialized and each sees the previous one.
         */
        public PlayState startPlay(long viewerId, long videoId, Instant now) throws SQLException {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO viewer_video_state (viewer_id, video_id, last_play_epoch_ms, prev_play_epoch_ms,"
                            + " resume_seconds) VALUES (?, ?, ?, NULL, 0)"
                            + " ON DUPLICATE KEY UPDATE prev_play_epoch_ms = last_play_epoch_ms, last_play_epoch_ms = ?")) {
                upsert.setLong(1, viewerId);
                upsert.setLong(2, videoId);
                upsert.setLong(3, now.toEpochMilli());
                upsert.setLong(4, now.toEpochMilli());
                upsert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT prev_play_epoch_ms, resume_seconds FROM viewer_video_state WHERE viewer_id = ? AND video_id = ?")) {
                select.setLong(1, viewerId);
                select.setLong(2, videoId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    long previous = rs.getLong(1);
                    return new PlayState(rs.wasNull() ? null : Instant.ofEpochMilli(previous), rs.getInt(2));
                }
            }
        }

        public long insertPlayback(long videoId, long viewerId, int startSeconds, boolean countedView, Instant now)
                throws SQLException {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO playbacks (video_id, viewer_id, start_seconds, counted_view, started_at)"
                            + " VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, videoId);
                insert.setLong(2, viewerId);
                insert.setInt(3, startSeconds);
                insert.setBoolean(4, countedView);
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }

        /** Locks the playback row; null when there is no such playback. */
        public OpenPlayback lockPlayback(long playbackId) throws SQLException {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT video_id, viewer_id, start_seconds, closed_at FROM playbacks WHERE id = ? FOR UPDATE")) {
                select.setLong(1, playbackId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new OpenPlayback(playbackId, rs.getLong(1), rs.getLong(2), rs.getInt(3),
                            rs.getTimestamp(4) != null);
                }
            }
        }

        public void closePlayback(long playbackId, int endSeconds, Instant now) throws SQLException {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE playbacks SET end_seconds = ?, closed_at = ? WHERE id = ?")) {
                update.setInt(1, endSeconds);
                update.setTimestamp(2, Timestamp.from(now));
                update.setLong(3, playbackId);
                update.executeUpdate();
            }
        }

        public void saveResumePosition(long viewerId, long videoId, int positionSeconds) throws SQLException {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE viewer_video_state SET resume_seconds = ? WHERE viewer_id = ? AND video_id = ?")) {
                update.setInt(1, positionSeconds);
                update.setLong(2, viewerId);
                update.setLong(3, videoId);
                update.executeUpdate();
            }
        }

        /** Appends one watch-history record (record type 0: the play, 1: the paused segment). */
        public void appendHistory(LocalDate date, long videoId, long playbackId, int recordType, long viewerId,
                                  boolean countedView, int playedSeconds, int adViews, int startSeconds,
                                  int endSeconds, Instant now) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO watch_history (watched_date, video_id, playback_id, record_type, viewer_id,"
                            + " counted_view, played_seconds, ad_views, start_seconds, end_seconds, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, date);
                insert.setLong(2, videoId);
                insert.setLong(3, playbackId);
                insert.setInt(4, recordType);
                insert.setLong(5, viewerId);
                insert.setBoolean(6, countedView);
                insert.setInt(7, playedSeconds);
                insert.setInt(8, adViews);
                insert.setInt(9, startSeconds);
                insert.setInt(10, endSeconds);
                insert.setTimestamp(11, Timestamp.from(now));
                insert.executeUpdate();
            }
        }
    }
}
