package io.streamstats.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {

    record Row(long videoId, long views, long playSeconds) {
    }

    static List<Long> ids(List<Row> rows) {
        return rows.stream().map(Row::videoId).toList();
    }

    static List<Row> byViews(List<Row> rows) {
        return Ranking.top(rows, Row::views, Row::videoId);
    }

    static List<Row> byPlayTime(List<Row> rows) {
        return Ranking.top(rows, Row::playSeconds, Row::videoId);
    }

    @Test
    void fiveMostByTheMetricTiesToTheLowerIdZeroRanksNowhere() {
        List<Row> rows = new ArrayList<>(List.of(
                new Row(1, 50, 500), new Row(2, 70, 100), new Row(3, 70, 900), new Row(4, 10, 50),
                new Row(5, 90, 10), new Row(6, 5, 700), new Row(7, 100, 0), new Row(8, 0, 900), new Row(9, 70, 1)));
        Collections.shuffle(rows, new Random(1)); // the input order must not matter
        // views: 100 (7), 90 (5), 70 (2, 3, 9: lower id first), then 50 is sixth
        assertEquals(List.of(7L, 5L, 2L, 3L, 9L), ids(byViews(rows)));
        // play time: 900 (3, 8: lower id first), 700, 500, 100; video 7 has none and ranks nowhere
        assertEquals(List.of(3L, 8L, 6L, 1L, 2L), ids(byPlayTime(rows)));
        assertEquals(List.of(), ids(byViews(List.of(new Row(1, 0, 3), new Row(2, 0, 0)))));
        assertEquals(List.of(2L, 1L), ids(byViews(List.of(new Row(1, 1, 0), new Row(2, 2, 0)))));
    }

    @Test
    void allTiedMeansLowestIds() {
        List<Row> rows = new ArrayList<>();
        for (long id = 20; id >= 1; id--) {
            rows.add(new Row(id, 3, 3));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(byViews(rows)));
        assertEquals(Ranking.SIZE, byPlayTime(rows).size());
    }

    @Test
    void theSqlRenderingsSayTheSameRule() {
        assertEquals(5, Ranking.SIZE);
        assertEquals("s.views > 0", Ranking.sqlRanks(Ranking.Metric.VIEWS, "s"));
        assertEquals("s.views DESC, s.video_id", Ranking.sqlOrder(Ranking.Metric.VIEWS, "s"));
        assertEquals("play_seconds > 0", Ranking.sqlRanks(Ranking.Metric.PLAY_TIME, ""));
        assertEquals("play_seconds DESC, video_id", Ranking.sqlOrder(Ranking.Metric.PLAY_TIME, null));
    }

    @Test
    void metricsHaveDistinctOneLetterCodesAndApiNames() {
        var codes = new HashSet<String>();
        for (Ranking.Metric metric : Ranking.Metric.values()) {
            assertEquals(1, metric.code().length());
            assertTrue(codes.add(metric.code()));
            assertEquals(metric, Ranking.Metric.parse(metric.name()));
        }
        assertEquals("V", Ranking.Metric.VIEWS.code()); // stored in period_top.metric
        assertEquals("P", Ranking.Metric.PLAY_TIME.code());
        assertEquals("VIEWS or PLAY_TIME", Ranking.Metric.names());
        assertNull(Ranking.Metric.parse("LIKES"));
        assertNull(Ranking.Metric.parse("views"));
    }
}
