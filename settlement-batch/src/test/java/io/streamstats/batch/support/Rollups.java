package io.streamstats.batch.support;

import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * What every settled database must satisfy, checked in Java from the domain types rather than from the job's SQL:
 * each period's rollups are the sums of its days, and each platform-wide table follows the ranking rule.
 */
public final class Rollups {

    private final History history;

    public Rollups(History history) {
        this.history = history;
    }

    /**
     * Where the rollups are not the sums of the settled days: for every {@link StatPeriod} (DAILY included), each
     * video's row must hold the sums of its days' statistics and settlement, and no other row may exist. Empty when
     * every period adds up.
     */
    public List<String> periodProblems() {
        Map<String, long[]> expected = new TreeMap<>();
        for (List<String> d : history.rows("SELECT s.stat_date, s.video_id, s.creator_id, s.views, s.play_seconds, s.ad_views,"
                + " t.video_amount, t.ad_amount FROM video_daily_stats s JOIN video_daily_settlement t"
                + " ON t.stat_date = s.stat_date AND t.video_id = s.video_id")) {
            LocalDate date = LocalDate.parse(d.get(0));
            for (StatPeriod period : StatPeriod.values()) {
                long[] sums = expected.computeIfAbsent(period.code() + " " + period.start(date) + " video " + d.get(1)
                        + " creator " + d.get(2), k -> new long[5]);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += Long.parseLong(d.get(3 + i));
                }
            }
        }
        Map<String, long[]> actual = new TreeMap<>();
        for (List<String> r : history.rows("SELECT period, period_start, video_id, creator_id, views, play_seconds, ad_views,"
                + " video_amount, ad_amount FROM video_period_stats")) {
            long[] values = new long[5];
            for (int i = 0; i < values.length; i++) {
                values[i] = Long.parseLong(r.get(4 + i));
            }
            actual.put(r.get(0) + " " + r.get(1) + " video " + r.get(2) + " creator " + r.get(3), values);
        }
        List<String> problems = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            long[] want = expected.get(key);
            long[] got = actual.get(key);
            if (want == null || got == null || !Arrays.equals(want, got)) {
                problems.add(key + ": rollup " + (got == null ? "missing" : Arrays.toString(got)) + ", sum of days "
                        + (want == null ? "none" : Arrays.toString(want)));
            }
        }
        return problems;
    }

    private record Ranked(long videoId, long views, long playSeconds) {
    }

    /**
     * Where the platform-wide tables differ from {@link Ranking}'s rule applied in Java to the rollups: for every
     * period with rollup rows and every metric, period_top must list exactly {@link Ranking#top}, ranked 1, 2, ….
     */
    public List<String> topProblems() {
        Map<String, List<Ranked>> periods = new TreeMap<>();
        for (List<String> r : history.rows("SELECT period, period_start, video_id, views, play_seconds FROM video_period_stats")) {
            periods.computeIfAbsent(r.get(0) + " " + r.get(1), k -> new ArrayList<>()).add(new Ranked(
                    Long.parseLong(r.get(2)), Long.parseLong(r.get(3)), Long.parseLong(r.get(4))));
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (List<String> r : history.rows("SELECT period, period_start, metric, rank_no, video_id, views, play_seconds"
                + " FROM period_top ORDER BY period, period_start, metric, rank_no")) {
            actual.computeIfAbsent(r.get(0) + " " + r.get(1) + " " + r.get(2), k -> new ArrayList<>())
                    .add("#" + r.get(3) + " video " + r.get(4) + " " + r.get(5) + "/" + r.get(6));
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (var period : periods.entrySet()) {
            for (Ranking.Metric metric : Ranking.Metric.values()) {
                ToLongFunction<Ranked> value = switch (metric) {
                    case VIEWS -> Ranked::views;
                    case PLAY_TIME -> Ranked::playSeconds;
                };
                List<String> top = new ArrayList<>();
                for (Ranked r : Ranking.top(period.getValue(), value, Ranked::videoId)) {
                    top.add("#" + (top.size() + 1) + " video " + r.videoId() + " " + r.views() + "/" + r.playSeconds());
                }
                if (!top.isEmpty()) {
                    expected.put(period.getKey() + " " + metric.code(), top);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                problems.add(key + ": period_top " + actual.get(key) + ", by the rule " + expected.get(key));
            }
        }
        return problems;
    }
}
