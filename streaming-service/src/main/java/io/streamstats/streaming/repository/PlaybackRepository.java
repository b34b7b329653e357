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
 * The play / pause write path on the primary, in plain JDBC. Each request is one transaction of two round trips:
 * the first opens it and takes the row lock (a play locks the (viewer, video) state row, a pause its playback
 * row) and reads what the decision needs; the second writes everything and commits, as one multi-statement.
 * Row locks make it exact across threads and instances.
 */
@ApplicationScoped
public class PlaybackRepository {

    private static final int ATTEMPTS = 5;

    private static final String START_PLAY = "START TRANSACTION;"
            + " INSERT INTO viewer_video_state (viewer_id, video_id, last_play_epoch_ms, prev_play_epoch_ms,"
            + " resume_seconds) VALUES (?, ?, ?, NULL, 0)"
            + " ON DUPLICATE KEY UPDATE prev_play_epoch_ms = last_play_epoch_ms, last_play_epoch_ms = ?;"
            + " SELECT prev_play_epoch_ms, resume_seconds FROM viewer_video_state WHERE viewer_id = ? AND video_id = ?";

    private static final String HISTORY_VALUES = "(watched_date, video_id, playback_id, record_type, viewer_id,"
            + " counted_view, played_seconds, ad_views, start_seconds, end_seconds, created_at)";

    private static final String RECORD_PLAY = "INSERT INTO playbacks (video_id, viewer_id, start_seconds, counted_view,"
            + " started_at) VALUES (?, ?, ?, ?, ?);"
            + " INSERT INTO watch_history " + HISTORY_VALUES + " VALUES (?, ?, LAST_INSERT_ID(), 0, ?, ?, 0, 0, ?, ?, ?);"
            + " COMMIT; SELECT LAST_INSERT_ID()";

    private static final String LOCK_PLAYBACK = "START TRANSACTION;"
            + " SELECT video_id, viewer_id, start_seconds, closed_at FROM playbacks WHERE id = ? FOR UPDATE";

    private static final String RECORD_PAUSE = "UPDATE playbacks SET end_seconds = ?, closed_at = ? WHERE id = ?;"
            + " INSERT INTO watch_history " + HISTORY_VALUES + " VALUES (?, ?, ?, 1, ?, 0, ?, ?, ?, ?, ?);"
            + " UPDATE viewer_video_state SET resume_seconds = ? WHERE viewer_id = ? AND video_id = ?; COMMIT";

    @Inject
    AgroalDataSource primary;

    /** What the previous plays left: when the last one started and where the viewer last paused. */
    public record PlayState(Instant previousPlayAt, int resumeSeconds) {
    }

    public record OpenPlayback(long id, long videoId, long viewerId, int startSeconds, boolean closed) {
    }

    /** A unit of work inside one transaction; it ends by calling one of the committing methods of {@link Tx}. */
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Runs the work in one transaction, again from the start if the database chose it as a deadlock victim. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = primary.getConnection()) {
                Tx tx = new Tx(c);
                try {
                    return work.run(tx);
                } catch (SQLException | RuntimeException e) {
                    tx.rollbackQuietly();
                    throw e;
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
         * Opens the transaction and records that this viewer starts a playback now; returns the state before it.
         * The upsert takes the row lock, so concurrent plays of one viewer on one video are serialized.
         */
        public PlayState startPlay(long viewerId, long videoId, Instant now) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(START_PLAY)) {
                ps.setLong(1, viewerId);
                ps.setLong(2, videoId);
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, viewerId);
                ps.setLong(6, videoId);
                try (ResultSet rs = resultOf(ps)) {
                    rs.next();
                    long previous = rs.getLong(1);
                    return new PlayState(rs.wasNull() ? null : Instant.ofEpochMilli(previous), rs.getInt(2));
                }
            }
        }

        /** Writes the playback and its play record, commits, and returns the playback id. */
        public long recordPlayAndCommit(long videoId, long viewerId, int startSeconds, boolean countedView,
                                        LocalDate date, Instant now) throws SQLException {
            Timestamp at = Timestamp.from(now);
            try (PreparedStatement ps = c.prepareStatement(RECORD_PLAY)) {
                ps.setLong(1, videoId);
                ps.setLong(2, viewerId);
                ps.setInt(3, startSeconds);
                ps.setBoolean(4, countedView);
                ps.setTimestamp(5, at);
                ps.setObject(6, date);
                ps.setLong(7, videoId);
                ps.setLong(8, viewerId);
                ps.setBoolean(9, countedView);
                ps.setInt(10, startSeconds);
                ps.setInt(11, startSeconds);
                ps.setTimestamp(12, at);
                try (ResultSet rs = resultOf(ps)) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** Opens the transaction and locks the playback row; null when there is no such playback. */
        public OpenPlayback lockPlayback(long playbackId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(LOCK_PLAYBACK)) {
                ps.setLong(1, playbackId);
                try (ResultSet rs = resultOf(ps)) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new OpenPlayback(playbackId, rs.getLong(1), rs.getLong(2), rs.getInt(3),
                            rs.getTimestamp(4) != null);
                }
            }
        }

        /** Closes the playback, appends its segment, saves the resume position, commits. */
        public void recordPauseAndCommit(OpenPlayback playback, int endSeconds, int creditedSeconds, int creditedAds,
                                         LocalDate date, Instant now) throws SQLException {
            Timestamp at = Timestamp.from(now);
            try (PreparedStatement ps = c.prepareStatement(RECORD_PAUSE)) {
                ps.setInt(1, endSeconds);
                ps.setTimestamp(2, at);
                ps.setLong(3, playback.id());
                ps.setObject(4, date);
                ps.setLong(5, playback.videoId());
                ps.setLong(6, playback.id());
                ps.setLong(7, playback.viewerId());
                ps.setInt(8, creditedSeconds);
                ps.setInt(9, creditedAds);
                ps.setInt(10, playback.startSeconds());
                ps.setInt(11, endSeconds);
                ps.setTimestamp(12, at);
                ps.setInt(13, endSeconds);
                ps.setLong(14, playback.viewerId());
                ps.setLong(15, playback.videoId());
                ps.execute();
                while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                    // drain: every statement ran, the last one committed
                }
            }
        }

        void rollbackQuietly() {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
        }

        /** The first result set of a multi-statement, after its update counts. */
        private static ResultSet resultOf(PreparedStatement ps) throws SQLException {
            boolean isResultSet = ps.execute();
            while (!isResultSet) {
                if (ps.getUpdateCount() == -1) {
                    throw new SQLException("the statement returned no rows");
                }
                isResultSet = ps.getMoreResults();
            }
            return ps.getResultSet();
        }
    }
}
