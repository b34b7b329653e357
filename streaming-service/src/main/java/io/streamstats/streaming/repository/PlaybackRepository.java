package io.streamstats.streaming.repository;

import io.agroal.api.AgroalDataSource;
import io.streamstats.common.db.DatabaseTime;
import io.streamstats.domain.ViewCounting.ViewerTime;
import io.streamstats.streaming.domain.PlayState;
import io.streamstats.streaming.domain.Playback;
import io.streamstats.streaming.domain.PlaybackWrites;
import io.streamstats.streaming.domain.ViewerVideo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;

/**
 * The play / pause write path on the primary, in plain JDBC. Many requests are written as one transaction of two
 * round trips: the first takes every row lock the batch needs, in one global order (the credit rows of the
 * viewers who pause, by viewer, then the (viewer, video) state rows by key, then the playback rows by id), and
 * reads them; the second writes everything with multi-row
 * statements and commits. Row locks make it exact across threads and instances; the fixed lock order keeps
 * concurrent batches from deadlocking each other (a deadlock the database reports anyway is retried). Rows are
 * read into and written from the domain's records; what a batch does to them is decided by
 * {@link io.streamstats.streaming.domain.PlaybackRules}.
 *
 * <p>The batch's instant is the primary database's clock, read in the lock round trip after the locks are held: one
 * clock for every instance, so the 30-second window, the watch date and the credit cap do not move with a pod's
 * clock. Instants travel as microseconds since the epoch and are converted to and from DATETIME(6) in SQL (UTC
 * wall time): no time-zone conversion, and no loss of the fraction (the MySQL driver drops fractional seconds of
 * date-time parameters when the server reports a MariaDB version).
 */
@ApplicationScoped
public class PlaybackRepository {

    private static final int ATTEMPTS = 5;

    private static final String HISTORY_COLUMNS = "(watched_date, video_id, playback_id, record_type, viewer_id,"
            + " counted_view, played_seconds, ad_views, start_seconds, end_seconds, created_at)";

    @Inject
    AgroalDataSource primary;

    /** What a batch holds locked, and the database's clock read once the locks were held. */
    public record Locked(Map<Long, ViewerTime> credits, Map<ViewerVideo, PlayState> states,
                         Map<Long, Playback> playbacks, Instant databaseNow) {
    }

    /** A unit of work inside one transaction; it ends by calling {@link Tx#writeAndCommit}. */
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /**
     * Runs the work in one transaction, again from the start if the database chose it as a deadlock victim. Lock
     * waits are bounded by the session's {@code innodb_lock_wait_timeout} (set on the pool's connections).
     */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = primary.getConnection()) {
                Tx tx = new Tx(c);
                try {
                    return work.run(tx);
                } catch (Throwable e) {
                    // never hand the connection back with the transaction (and its row locks) still open
                    tx.rollbackQuietly();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && Sql.isDeadlock(e)) {
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
         * Opens the transaction and locks the viewers' credit rows and the state rows (creating the missing ones: a
         * no-op upsert locks an existing row exclusively, and a row that exists cannot be created twice by two
         * instances) and the playback rows, in key order; returns what they hold and the database's clock, read
         * after the locks. Playbacks that do not exist are absent; a viewer never credited is at the epoch.
         */
        public Locked lock(SortedSet<Long> viewers, SortedSet<ViewerVideo> keys, SortedSet<Long> playbackIds)
                throws SQLException {
            StringBuilder sql = new StringBuilder(384 + viewers.size() * 24 + keys.size() * 48 + playbackIds.size() * 4);
            sql.append("START TRANSACTION; ");
            if (!viewers.isEmpty()) {
                sql.append("INSERT INTO viewer_credit (viewer_id, credited_until_us, ad_reserve_ms) VALUES ");
                repeat(sql, "(?, 0, " + ViewerTime.FRESH.adReserveMillis() + ")", viewers.size());
                // the plain SELECTs after an upsert read the rows it locked: under READ COMMITTED (set on the
                // pool, application.properties) they see the latest committed version, which the lock holds
                sql.append(" ON DUPLICATE KEY UPDATE viewer_id = viewer_id;"
                        + " SELECT viewer_id, credited_until_us, ad_reserve_ms FROM viewer_credit"
                        + " WHERE viewer_id IN (");
                repeat(sql, "?", viewers.size());
                sql.append("); ");
            }
            sql.append("INSERT INTO viewer_video_state (viewer_id, video_id, last_play_epoch_ms,"
                    + " resume_seconds) VALUES ");
            repeat(sql, "(?, ?, NULL, 0)", keys.size());
            sql.append(" ON DUPLICATE KEY UPDATE viewer_id = viewer_id;"
                    // V14: the later of the two columns (a pod of the release before writes only the milliseconds)
                    + " SELECT viewer_id, video_id, GREATEST(COALESCE(last_play_us, last_play_epoch_ms * 1000),"
                    + " COALESCE(last_play_epoch_ms * 1000, last_play_us)), resume_seconds FROM viewer_video_state"
                    + " WHERE ");
            for (int i = 0; i < keys.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(viewer_id = ? AND video_id = ?)");
            }
            if (!playbackIds.isEmpty()) {
                sql.append("; SELECT id, video_id, viewer_id, start_seconds, " + DatabaseTime.microsOf("started_at")
                        + ", closed_at FROM playbacks WHERE id IN (");
                repeat(sql, "?", playbackIds.size());
                sql.append(") ORDER BY id FOR UPDATE");
            }
            // microseconds since the epoch in UTC: independent of the session's and the JVM's time zones
            sql.append("; SELECT ").append(DatabaseTime.NOW_MICROS);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (int statement = 0; statement < 2 && !viewers.isEmpty(); statement++) {
                    for (long viewer : viewers) {
                        ps.setLong(p++, viewer);
                    }
                }
                for (int statement = 0; statement < 2; statement++) { // the upsert's rows, then the SELECT's
                    for (ViewerVideo key : keys) {
                        ps.setLong(p++, key.viewerId());
                        ps.setLong(p++, key.videoId());
                    }
                }
                for (long id : playbackIds) {
                    ps.setLong(p++, id);
                }
                Map<Long, ViewerTime> credits = new HashMap<>();
                if (!viewers.isEmpty()) {
                    try (ResultSet rs = nextResultSet(ps, true)) {
                        while (rs.next()) {
                            credits.put(rs.getLong(1),
                                    new ViewerTime(DatabaseTime.instantOfMicros(rs.getLong(2)), rs.getLong(3)));
                        }
                    }
                    if (credits.size() != viewers.size()) {
                        // as for the state rows below: run the transaction again
                        throw new SQLException("locked " + viewers.size() + " viewers' credit but read "
                                + credits.size(), "40001");
                    }
                }
                Map<ViewerVideo, PlayState> states = new HashMap<>();
                try (ResultSet rs = nextResultSet(ps, viewers.isEmpty())) {
                    while (rs.next()) {
                        long lastPlay = rs.getLong(3);
                        Long last = rs.wasNull() ? null : lastPlay;
                        states.put(new ViewerVideo(rs.getLong(1), rs.getLong(2)), new PlayState(last, rs.getInt(4)));
                    }
                }
                if (states.size() != keys.size()) {
                    // every key was just upserted and locked, so its row must be visible; rarely under concurrent
                    // inserts of the same rows it is not in this statement's read: run the transaction again
                    throw new SQLException("locked " + keys.size() + " viewer states but read " + states.size(),
                            "40001");
                }
                Map<Long, Playback> playbacks = new HashMap<>();
                if (!playbackIds.isEmpty()) {
                    try (ResultSet rs = nextResultSet(ps, false)) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            playbacks.put(id, new Playback(id, rs.getLong(2), rs.getLong(3), rs.getInt(4),
                                    DatabaseTime.instantOfMicros(rs.getLong(5)), rs.getObject(6) != null));
                        }
                    }
                }
                Instant databaseNow;
                try (ResultSet rs = nextResultSet(ps, false)) {
                    rs.next();
                    databaseNow = DatabaseTime.instantOfMicros(rs.getLong(1));
                }
                return new Locked(credits, states, playbacks, databaseNow);
            }
        }

        /**
         * Writes the batch's playbacks, closes, state rows, history and the day's live counters, and commits: one
         * round trip.
         */
        public void writeAndCommit(PlaybackWrites w) throws SQLException {
            StringBuilder sql = new StringBuilder(512);
            // the batch's instant, once: every row of the batch is stamped with it
            sql.append("SET @batch_at = ").append(DatabaseTime.dateTimeOf("?")).append("; ");
            if (!w.opened().isEmpty()) {
                sql.append("INSERT INTO playbacks (id, video_id, viewer_id, start_seconds, counted_view, started_at)"
                        + " VALUES ");
                repeat(sql, "(?, ?, ?, ?, ?, @batch_at)", w.opened().size());
                sql.append("; ");
            }
            if (!w.closed().isEmpty()) {
                sql.append("UPDATE playbacks SET closed_at = @batch_at, end_seconds = CASE id");
                sql.append(" WHEN ? THEN ?".repeat(w.closed().size()));
                sql.append(" END WHERE id IN (");
                repeat(sql, "?", w.closed().size());
                sql.append("); ");
            }
            sql.append("UPDATE viewer_credit SET credited_until_us = ?, ad_reserve_ms = ? WHERE viewer_id = ?; "
                    .repeat(w.credits().size()));
            sql.append(("UPDATE viewer_video_state SET last_play_us = ?, last_play_epoch_ms = ?, resume_seconds = ?"
                    + " WHERE viewer_id = ? AND video_id = ?; ").repeat(w.states().size()));
            if (!w.history().isEmpty()) {
                sql.append("INSERT INTO watch_history ").append(HISTORY_COLUMNS).append(" VALUES ");
                repeat(sql, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, @batch_at)", w.history().size());
                sql.append("; ");
            }
            if (!w.live().isEmpty()) {
                // the day's live counters, in video-id order: concurrent batches lock these rows in one order, last
                sql.append("INSERT INTO live_video_day (stat_date, video_id, creator_id, views, play_seconds, ad_views)"
                        + " VALUES ");
                repeat(sql, "(?, ?, ?, ?, ?, ?)", w.live().size());
                sql.append(" ON DUPLICATE KEY UPDATE views = views + VALUES(views),"
                        + " play_seconds = play_seconds + VALUES(play_seconds), ad_views = ad_views + VALUES(ad_views); ");
            }
            sql.append("COMMIT");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                ps.setLong(p++, DatabaseTime.microsOf(w.at()));
                for (PlaybackWrites.Opened o : w.opened()) {
                    ps.setLong(p++, o.id());
                    ps.setLong(p++, o.videoId());
                    ps.setLong(p++, o.viewerId());
                    ps.setInt(p++, o.startSeconds());
                    ps.setBoolean(p++, o.countedView());
                }
                if (!w.closed().isEmpty()) {
                    for (PlaybackWrites.Closed closed : w.closed()) {
                        ps.setLong(p++, closed.id());
                        ps.setInt(p++, closed.endSeconds());
                    }
                    for (PlaybackWrites.Closed closed : w.closed()) {
                        ps.setLong(p++, closed.id());
                    }
                }
                for (Map.Entry<Long, ViewerTime> e : w.credits().entrySet()) {
                    // rounded up, never down: a viewer's time read back is never earlier than what was credited
                    Instant until = e.getValue().creditedUntil();
                    ps.setLong(p++, DatabaseTime.microsOf(until) + (until.getNano() % 1_000 == 0 ? 0 : 1));
                    ps.setLong(p++, e.getValue().adReserveMillis());
                    ps.setLong(p++, e.getKey());
                }
                for (Map.Entry<ViewerVideo, PlayState> e : w.states().entrySet()) {
                    Long lastPlay = e.getValue().lastPlayMicros();
                    if (lastPlay == null) {
                        ps.setNull(p++, java.sql.Types.BIGINT);
                        ps.setNull(p++, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(p++, lastPlay);
                        ps.setLong(p++, Math.floorDiv(lastPlay, 1_000L)); // for pods of the release before V14
                    }
                    ps.setInt(p++, e.getValue().resumeSeconds());
                    ps.setLong(p++, e.getKey().viewerId());
                    ps.setLong(p++, e.getKey().videoId());
                }
                for (PlaybackWrites.HistoryRecord h : w.history()) {
                    ps.setObject(p++, w.date());
                    ps.setLong(p++, h.videoId());
                    ps.setLong(p++, h.playbackId());
                    ps.setInt(p++, h.segment() ? 1 : 0);
                    ps.setLong(p++, h.viewerId());
                    ps.setBoolean(p++, h.countedView());
                    ps.setInt(p++, h.playedSeconds());
                    ps.setInt(p++, h.adViews());
                    ps.setInt(p++, h.startSeconds());
                    ps.setInt(p++, h.endSeconds());
                }
                for (PlaybackWrites.LiveCount l : w.live()) {
                    ps.setObject(p++, w.date());
                    ps.setLong(p++, l.videoId());
                    ps.setLong(p++, l.creatorId());
                    ps.setLong(p++, l.views());
                    ps.setLong(p++, l.playSeconds());
                    ps.setLong(p++, l.adViews());
                }
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

        /** The next result set of a multi-statement, skipping update counts; the first call executes it. */
        private static ResultSet nextResultSet(PreparedStatement ps, boolean execute) throws SQLException {
            boolean isResultSet = execute ? ps.execute() : ps.getMoreResults();
            while (!isResultSet) {
                if (ps.getUpdateCount() == -1) {
                    throw new SQLException("the statement returned no rows");
                }
                isResultSet = ps.getMoreResults();
            }
            return ps.getResultSet();
        }

        private static void repeat(StringBuilder sql, String tuple, int times) {
            for (int i = 0; i < times; i++) {
                sql.append(i == 0 ? "" : ", ").append(tuple);
            }
        }
    }
}
