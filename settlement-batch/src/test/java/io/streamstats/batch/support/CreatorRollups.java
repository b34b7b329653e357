package io.streamstats.batch.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the per-creator daily rollup must satisfy, checked in Java rather than with the job's SQL: each creator's
 * row of a date holds the sums of their videos' daily statistics and settlement of that date, and no other row
 * exists.
 */
public final class CreatorRollups {

    private final History history;

    public CreatorRollups(History history) {
        this.history = history;
    }

    /** Where creator_daily_stats differs from the sums of the video rows; empty when every row adds up. */
    public List<String> problems() {
        Map<String, long[]> expected = new TreeMap<>();
        for (List<String> d : history.rows("SELECT s.stat_date, s.creator_id, s.views, s.play_seconds, s.ad_views,"
                + " t.video_amount, t.ad_amount FROM video_daily_stats s JOIN video_daily_settlement t"
                + " ON t.stat_date = s.stat_date AND t.video_id = s.video_id")) {
            long[] sums = expected.computeIfAbsent(d.get(0) + " creator " + d.get(1), k -> new long[5]);
            for (int i = 0; i < sums.length; i++) {
                sums[i] += Long.parseLong(d.get(2 + i));
            }
        }
        Map<String, long[]> actual = new TreeMap<>();
        for (List<String> r : history.rows("SELECT stat_date, creator_id, views, play_seconds, ad_views, video_amount,"
                + " ad_amount FROM creator_daily_stats")) {
            long[] values = new long[5];
            for (int i = 0; i < values.length; i++) {
                values[i] = Long.parseLong(r.get(2 + i));
            }
            actual.put(r.get(0) + " creator " + r.get(1), values);
        }
        List<String> problems = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            long[] want = expected.get(key);
            long[] got = actual.get(key);
            if (want == null || got == null || !Arrays.equals(want, got)) {
                problems.add(key + ": creator row " + (got == null ? "missing" : Arrays.toString(got))
                        + ", sum of videos " + (want == null ? "none" : Arrays.toString(want)));
            }
        }
        return problems;
    }
}
