package io.streamstats.batch.support;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes watch history and videos with known answers, and reads what the job wrote. */
public final class History {

    /** Where connections come from: a pool in @QuarkusTest, DriverManager elsewhere. */
    public interface Connections {
        Connection get() throws SQLException;
    }

    private final Connections db;
    private long playback = 1;

    public History(Connections db) {
        this.db = db;
    }

    public void clear() {
        exec("DELETE FROM watch_history", "DELETE FROM video_daily_stats", "DELETE FROM video_daily_settlement",
                "DELETE FROM video_period_stats", "DELETE FROM period_top", "DELETE FROM settled_dates",
                "DELETE FROM settled_prices", "DELETE FROM settlement_late_rows", "DELETE FROM settlement_late_checks",
                "DELETE FROM videos");
    }

    public void video(long id, long creatorId) {
        exec("INSERT INTO videos (id, creator_id, title, duration_seconds, created_at) VALUES (" + id + ", " + creatorId
                + ", 'video " + id + "', 3600, '2026-01-01')");
    }

    /** {@code views} counted plays and {@code adViews} ad views (one per segment) and play time on a date. */
    public void watch(LocalDate date, long videoId, long viewerId, long views, long adViews, int secondsPerSegment) {
        StringBuilder tsv = new StringBuilder();
        for (long i = 0; i < views; i++) {
            row(tsv, date, videoId, playback++, 0, viewerId, 1, 0, 0);
        }
        for (long i = 0; i < adViews; i++) {
            row(tsv, date, videoId, playback++, 1, viewerId, 0, secondsPerSegment, 1);
        }
        load(tsv.toString());
    }

    /** One playback with no credit at all (the creator's own, as streaming-service records it). */
    public void ownPlay(LocalDate date, long videoId, long creatorId) {
        StringBuilder tsv = new StringBuilder();
        long id = playback++;
        row(tsv, date, videoId, id, 0, creatorId, 0, 0, 0);
        row(tsv, date, videoId, id, 1, creatorId, 0, 0, 0);
        load(tsv.toString());
    }

    private static void row(StringBuilder tsv, LocalDate date, long video, long playback, int type, long viewer,
                            int counted, int played, int ads) {
        tsv.append(date).append('\t').append(video).append('\t').append(playback).append('\t').append(type).append('\t')
                .append(viewer).append('\t').append(counted).append('\t').append(played).append('\t').append(ads)
                .append("\t0\t").append(played).append('\t').append(date).append(" 12:00:00\n");
    }

    private void load(String tsv) {
        try (Connection c = db.get(); Statement s = c.createStatement()) {
            s.unwrap(JdbcStatement.class).setLocalInfileInputStream(
                    new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
            s.execute("LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE watch_history (watched_date, video_id, playback_id,"
                    + " record_type, viewer_id, counted_view, played_seconds, ad_views, start_seconds, end_seconds, created_at)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void exec(String... sql) {
        try (Connection c = db.get(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, each as a list of strings: for comparing whole tables. */
    public List<List<String>> rows(String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.get(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    public long number(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    /** Everything the job writes, in a fixed order. */
    public List<List<String>> snapshot() {
        List<List<String>> all = new ArrayList<>();
        all.addAll(rows("SELECT 'S', stat_date, video_id, creator_id, views, play_seconds, ad_views, cumulative_views,"
                + " cumulative_ad_views, history_rows FROM video_daily_stats ORDER BY stat_date, video_id"));
        all.addAll(rows("SELECT 'T', stat_date, video_id, creator_id, video_amount, ad_amount FROM video_daily_settlement"
                + " ORDER BY stat_date, video_id"));
        all.addAll(rows("SELECT 'P', period, period_start, video_id, creator_id, views, play_seconds, ad_views,"
                + " video_amount, ad_amount FROM video_period_stats ORDER BY period, period_start, video_id"));
        all.addAll(rows("SELECT 'R', period, period_start, metric, rank_no, video_id, views, play_seconds FROM period_top"
                + " ORDER BY period, period_start, metric, rank_no"));
        all.addAll(rows("SELECT 'D', stat_date, videos, rows_read FROM settled_dates ORDER BY stat_date"));
        return all;
    }
}
