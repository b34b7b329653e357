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

    record Earned(long videoId, long views, long totalAmount) {
    }

    @Test
    void aCreatorsRankingFollowsTheSameRuleUpToTheLimit() {
        List<Earned> rows = new ArrayList<>();
        for (long id = 60; id >= 1; id--) {
            rows.add(new Earned(id, id % 7, id % 3 == 0 ? 0 : 1_000 - id % 4)); // many ties, some 0
        }
        Collections.shuffle(rows, new Random(2));
        List<Earned> top = Ranking.ranked(rows, Earned::totalAmount, Earned::videoId, Ranking.MAX_LIMIT);
        assertEquals(40, top.size()); // the 20 multiples of 3 earned nothing: they rank nowhere
        for (int i = 1; i < top.size(); i++) {
            Earned a = top.get(i - 1);
            Earned b = top.get(i);
            assertTrue(a.totalAmount() > b.totalAmount()
                    || a.totalAmount() == b.totalAmount() && a.videoId() < b.videoId(), a + " before " + b);
        }
        assertEquals(List.of(4L, 8L), top.subList(0, 2).stream().map(Earned::videoId).toList()); // 1000, ties by id
        assertEquals(3, Ranking.ranked(rows, Earned::views, Earned::videoId, 3).size());
        assertEquals(50, Ranking.MAX_LIMIT);
    }

    @Test
    void creatorMetricsAreTheTopMetricsPlusRevenue() {
        assertEquals("VIEWS, PLAY_TIME or REVENUE", Ranking.CreatorMetric.names());
        assertEquals(Ranking.Metric.VIEWS.column(), Ranking.CreatorMetric.VIEWS.column());
        assertEquals(Ranking.Metric.PLAY_TIME.column(), Ranking.CreatorMetric.PLAY_TIME.column());
        assertEquals("total_amount > 0", Ranking.sqlRanks(Ranking.CreatorMetric.REVENUE));
        assertEquals("total_amount DESC, video_id", Ranking.sqlOrder(Ranking.CreatorMetric.REVENUE));
        assertEquals(Ranking.CreatorMetric.REVENUE, Ranking.CreatorMetric.parse("REVENUE"));
        assertNull(Ranking.CreatorMetric.parse("revenue"));
        // the platform-wide Top tables and /api/stats/top keep their two metrics
        assertNull(Ranking.Metric.parse("REVENUE"));
        assertEquals("VIEWS or PLAY_TIME", Ranking.Metric.names());
    }
}
