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
 * {@link #top} is the same rule in Java, which tests hold the SQL to. A creator's ranking of their own videos
 * ({@link CreatorMetric}: also by revenue, over any range, up to {@link #MAX_LIMIT} videos) follows the same rule.
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
            return byName(values(), name);
        }

        /** The names for people: "VIEWS or PLAY_TIME". */
        public static String names() {
            return namesOf(values());
        }
    }

    /** The most videos a creator's own ranking ({@link CreatorMetric}) shows; the API's {@code limit} is 1..this. */
    public static final int MAX_LIMIT = 50;

    /**
     * What a creator's ranking of their own videos orders by, over any range or period: the Top metrics plus
     * REVENUE, the video's whole settlement (video amount + ad amount, in won). Not a {@link Metric}: the platform-wide
     * Top tables and their API are kept to views and play time. The rule is the same: 0 ranks nowhere, ties go to
     * the lower video id. {@link #column} names the value in the ranking query's select list (views and play time as
     * in the tables; REVENUE is the query's {@code total_amount}, the sum of both amounts).
     */
    public enum CreatorMetric {
        VIEWS(Metric.VIEWS.column()),
        PLAY_TIME(Metric.PLAY_TIME.column()),
        REVENUE("total_amount");

        private final String column;

        CreatorMetric(String column) {
            this.column = column;
        }

        /** The name of the value in the ranking query's select list. */
        public String column() {
            return column;
        }

        /** Parses a name case-sensitively; null when unknown. */
        public static CreatorMetric parse(String name) {
            return byName(values(), name);
        }

        /** The names for people: "VIEWS, PLAY_TIME or REVENUE". */
        public static String names() {
            return namesOf(values());
        }
    }

    private Ranking() {
    }

    /** The constant with exactly this name (case-sensitive), or null. */
    private static <E extends Enum<E>> E byName(E[] constants, String name) {
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /** The names for people: "A, B or C". */
    private static String namesOf(Enum<?>[] constants) {
        List<String> names = Arrays.stream(constants).map(Enum::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** SQL condition (for HAVING) of the videos that rank by a creator's metric, e.g. {@code total_amount > 0}. */
    public static String sqlRanks(CreatorMetric metric) {
        return metric.column() + " > 0";
    }

    /** SQL ORDER BY list of a creator's ranking, e.g. {@code total_amount DESC, video_id}. */
    public static String sqlOrder(CreatorMetric metric) {
        return metric.column() + " DESC, video_id";
    }

    /** A creator's ranking in Java: what {@link #sqlRanks(CreatorMetric)} and {@link #sqlOrder(CreatorMetric)} select. */
    public static <T> List<T> ranked(Collection<T> rows, ToLongFunction<T> metric, ToLongFunction<T> videoId, int limit) {
        return rows.stream().filter(r -> metric.applyAsLong(r) > 0).sorted(order(metric, videoId)).limit(limit).toList();
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
        return ranked(rows, metric, videoId, SIZE);
    }

    private static String prefix(String alias) {
        return alias == null || alias.isEmpty() ? "" : alias + ".";
    }
}
