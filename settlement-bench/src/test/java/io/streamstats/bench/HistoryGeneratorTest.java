package io.streamstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.domain.ViewCounting;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated history credits exactly what {@link ViewCounting} gives: every row is derived again from the rows
 * alone (the instants in {@code created_at}, the viewer's previous play of the video, the video's creator and
 * duration) through the same functions streaming-service calls, and must match to the second and the ad view.
 */
@QuarkusTest
class HistoryGeneratorTest {

    private static final LocalDate DATE = LocalDate.parse("2026-09-15");

    @Inject
    AgroalDataSource db;

    @Inject
    HistoryGenerator generator;

    @Inject
    BatchConfig config;

    @BeforeEach
    void emptyDay() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM watch_history WHERE watched_date = '" + DATE + "'");
        }
    }

    @Test
    void everyGeneratedRowIsWhatViewCountingCredits() throws SQLException {
        // few viewers on few videos: replays, chance repeats inside 30 s, creators' own plays and capped claims
        generator.generate(new HistoryGenerator.Request(DATE, 30_000, 40, 25, 7));

        Check check = check();
        assertEquals(List.of(), check.mismatches());
        assertEquals(30_000, check.rows());
        for (ViewCounting.Outcome outcome : ViewCounting.Outcome.values()) {
            assertTrue(check.plays().getOrDefault(outcome, 0L) > 100, "plays " + check.plays());
        }
        assertTrue(check.cappedSegments() > 100, "segments claiming more than was watched: " + check.cappedSegments());
        assertTrue(check.segmentsWithAds() > 100, "segments crediting ad views: " + check.segmentsWithAds());
    }

    /** Rows as a re-implementation of the rules got them wrong: each is found and named. */
    @Test
    void aRowThatCreditsOtherwiseIsReported() throws SQLException {
        generator.generate(new HistoryGenerator.Request(DATE, 6_000, 10, 20, 3));
        assertEquals(List.of(), check().mismatches());

        long insideWindow = corrupt("SELECT playback_id FROM watch_history WHERE watched_date = '" + DATE + "'"
                        + " AND record_type = 0 AND counted_view = 0"
                        + " AND viewer_id >= " + HistoryGenerator.VIEWER_ID_BASE,
                "counted_view = 1", 0);
        long capped = corrupt("SELECT playback_id FROM watch_history WHERE watched_date = '" + DATE + "'"
                        + " AND record_type = 1 AND played_seconds < end_seconds - start_seconds"
                        + " AND viewer_id >= " + HistoryGenerator.VIEWER_ID_BASE,
                "played_seconds = end_seconds - start_seconds", 1);
        long withAds = corrupt("SELECT playback_id FROM watch_history WHERE watched_date = '" + DATE + "'"
                        + " AND record_type = 1 AND ad_views > 0 AND played_seconds = end_seconds - start_seconds",
                "ad_views = ad_views + 1", 1);
        long own = corrupt("SELECT h.playback_id FROM watch_history h JOIN videos v ON v.id = h.video_id"
                        + " WHERE h.watched_date = '" + DATE + "' AND h.record_type = 1 AND h.viewer_id = v.creator_id"
                        + " AND h.end_seconds > h.start_seconds",
                "played_seconds = end_seconds - start_seconds", 1);

        List<String> mismatches = check().mismatches();
        assertEquals(4, mismatches.size(), String.join("\n", mismatches));
        List<Long> named = List.of(insideWindow, capped, withAds, own);
        for (int i = 0; i < named.size(); i++) {
            long playback = named.get(i);
            assertTrue(mismatches.stream().anyMatch(m -> m.startsWith("playback " + playback + " ")),
                    "case " + i + ", playback " + playback + " not named in " + mismatches);
        }
    }

    /** Changes one row of the first playback the query finds; returns that playback's id. */
    private long corrupt(String findPlayback, String set, int recordType) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(findPlayback + " ORDER BY 1 LIMIT 1")) {
            assertTrue(rs.next(), "no row to corrupt: " + findPlayback);
            long playback = rs.getLong(1);
            try (Statement u = c.createStatement()) {
                assertEquals(1, u.executeUpdate("UPDATE watch_history SET " + set + " WHERE watched_date = '" + DATE
                        + "' AND playback_id = " + playback + " AND record_type = " + recordType));
            }
            return playback;
        }
    }

    record Check(long rows, List<String> mismatches, Map<ViewCounting.Outcome, Long> plays, long cappedSegments,
                 long segmentsWithAds) {
    }

    /** Derives every row of the day again from the rows and the videos, and lists where the stored one differs. */
    private Check check() throws SQLException {
        ZoneId zone = config.zone();
        List<String> mismatches = new ArrayList<>();
        Map<ViewCounting.Outcome, Long> plays = new EnumMap<>(ViewCounting.Outcome.class);
        Map<List<Long>, Instant> lastPlay = new HashMap<>();
        Map<Long, Instant> playAt = new HashMap<>();
        long rows = 0;
        long capped = 0;
        long withAds = 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT h.playback_id, h.record_type, h.video_id, h.viewer_id, h.counted_view, h.played_seconds,"
                        + " h.ad_views, h.start_seconds, h.end_seconds,"
                        + " TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', h.created_at), v.creator_id,"
                        + " v.duration_seconds FROM watch_history h JOIN videos v ON v.id = h.video_id"
                        + " WHERE h.watched_date = ? ORDER BY h.video_id, h.playback_id, h.record_type")) {
            ps.setObject(1, DATE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    long playback = rs.getLong(1);
                    boolean segment = rs.getInt(2) == 1;
                    long video = rs.getLong(3);
                    long viewer = rs.getLong(4);
                    int counted = rs.getInt(5);
                    int played = rs.getInt(6);
                    int ads = rs.getInt(7);
                    int start = rs.getInt(8);
                    int end = rs.getInt(9);
                    Instant at = Instant.EPOCH.plus(rs.getLong(10), ChronoUnit.MICROS);
                    long creator = rs.getLong(11);
                    int duration = rs.getInt(12);
                    String row = "playback " + playback + (segment ? " segment" : " play") + ": ";
                    if (!LocalDate.ofInstant(at, zone).equals(DATE)) {
                        mismatches.add(row + "recorded at " + at + ", not on " + DATE);
                    }
                    if (!segment) {
                        ViewCounting.Outcome outcome = ViewCounting.classify(viewer, creator,
                                lastPlay.put(List.of(viewer, video), at), at);
                        plays.merge(outcome, 1L, Long::sum);
                        playAt.put(playback, at);
                        List<Integer> expected = List.of(outcome.isView() ? 1 : 0, 0, 0, start);
                        List<Integer> stored = List.of(counted, played, ads, end);
                        if (!expected.equals(stored)) {
                            mismatches.add(row + outcome + " gives (view, seconds, ads, end) " + expected
                                    + ", stored " + stored);
                        }
                        continue;
                    }
                    Instant playedAt = playAt.get(playback);
                    if (playedAt == null) {
                        mismatches.add(row + "no play before it");
                        continue;
                    }
                    ViewCounting.Credit watchable = ViewCounting.watchable(start, end, duration,
                            Duration.between(playedAt, at));
                    ViewCounting.Credit credit = ViewCounting.credit(viewer, creator, watchable);
                    capped += watchable.playedSeconds() < end - start ? 1 : 0;
                    withAds += credit.adViews() > 0 ? 1 : 0;
                    List<Integer> expected = List.of(0, credit.playedSeconds(), credit.adViews());
                    List<Integer> stored = List.of(counted, played, ads);
                    if (!expected.equals(stored)) {
                        mismatches.add(row + "ViewCounting gives (view, seconds, ads) " + expected + " for " + start
                                + ".." + end + " paused " + Duration.between(playedAt, at) + " after its play, stored "
                                + stored);
                    }
                }
            }
        }
        return new Check(rows, mismatches, plays, capped, withAds);
    }
}
