package io.streamstats.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The Top-N rule of every ranking the platform shows: the {@link #SIZE} videos of a period with the most views, or
 * the most play time; a video ranks only by what it has (0 of the metric ranks nowhere); ties go to the lower video
 * id. The batch's platform-wide tables and the service's per-creator queries are rendered from here, and
 * {@link #top} is the same rule in Java, which tests hold the SQL to.
 */
public final class Ranking {

    /** How many videos a ranking shows. */
    public static final int SIZE = 5;

    /** What a ranking orders by: the name is the API's {@code by} value, the code what the tables store. */
    public enum Metric {
        VIEWS('V', "views"),
        PLAY_TIME('P', "play_seconds");

        private final char code;
        private final String column;

        Metric(char code, String column) {
            this.code = code;
            this.column = column;
        }

        /** One-letter code stored in {@code period_top.metric}. */
        public String code() {
            return String.valueOf(code);
        }

        /** The column holding the metric in the statistics tables. */
        public String column() {
            return column;
        }

        /** Parses a metric name case-sensitively; null when unknown. */
        public static Metric parse(String name) {
            for (Metric metric : values()) {
                if (metric.name().equals(name)) {
                    return metric;
                }
            }
            return null;
        }

        /** The names for people: "VIEWS or PLAY_TIME". */
        public static String names() {
            List<String> names = Arrays.stream(values()).map(Enum::name).toList();
            return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        }
    }

    private Ranking() {
    }

    /** SQL condition for the rows that rank at all, e.g. {@code s.views > 0}; alias may be empty. */
    public static String sqlRanks(Metric metric, String alias) {
        return prefix(alias) + metric.column() + " > 0";
    }

    /** SQL ORDER BY list of the rule, e.g. {@code s.views DESC, s.video_id}; alias may be empty. */
    public static String sqlOrder(Metric metric, String alias) {
        return prefix(alias) + metric.column() + " DESC, " + prefix(alias) + "video_id";
    }

    /** The rule's order in Java: the metric descending, then the lower video id. */
    public static <T> Comparator<T> order(ToLongFunction<T> metric, ToLongFunction<T> videoId) {
        return Comparator.comparingLong(metric).reversed().thenComparingLong(videoId);
    }

    /** The ranking of the rows in Java: what the SQL renderings select, in the same order. */
    public static <T> List<T> top(Collection<T> rows, ToLongFunction<T> metric, ToLongFunction<T> videoId) {
        return rows.stream().filter(r -> metric.applyAsLong(r) > 0).sorted(order(metric, videoId)).limit(SIZE).toList();
    }

    private static String prefix(String alias) {
        return alias == null || alias.isEmpty() ? "" : alias + ".";
    }
}
