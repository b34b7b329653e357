package io.streamstats.batch.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a day's watch history into video-id ranges of about equal row counts, from the day's own data. Popularity
 * is skewed (a few videos have most rows), so equal id ranges would leave one partition with most of the work.
 * The row count of a range comes from the optimizer's index dive ({@code EXPLAIN}), which costs microseconds
 * instead of a scan. The ranges cover every id, so a re-run also clears rows an earlier run wrote anywhere.
 */
@ApplicationScoped
public class PartitionPlanner {

    /** Buckets per partition: finer buckets balance better; each is one index dive. */
    static final int BUCKETS_PER_PARTITION = 16;

    public record Range(long lo, long hi, long estimatedRows) {
    }

    @Inject
    AgroalDataSource dataSource;

    public List<Range> plan(LocalDate date, int partitions) {
        try (Connection c = dataSource.getConnection()) {
            Long min = Jdbc.single(c, Long.class, "SELECT MIN(video_id) FROM watch_history WHERE watched_date = ?", date);
            Long max = Jdbc.single(c, Long.class, "SELECT MAX(video_id) FROM watch_history WHERE watched_date = ?", date);
            if (min == null || partitions <= 1) {
                return List.of(new Range(0, Long.MAX_VALUE, min == null ? 0 : estimate(c, date, min, max)));
            }
            int buckets = Math.max(1, (int) Math.min(partitions * (long) BUCKETS_PER_PARTITION, max - min + 1));
            long width = (max - min + 1 + buckets - 1) / buckets;
            long[] rows = new long[buckets];
            long total = 0;
            for (int b = 0; b < buckets; b++) {
                long lo = min + b * width;
                rows[b] = estimate(c, date, lo, Math.min(max, lo + width - 1));
                total += rows[b];
            }
            List<Range> ranges = new ArrayList<>();
            long target = Math.max(1, total / partitions);
            long lo = 0;
            long acc = 0;
            for (int b = 0; b < buckets; b++) {
                acc += rows[b];
                boolean last = b == buckets - 1;
                if (last || (acc >= target && ranges.size() < partitions - 1)) {
                    long hi = last ? Long.MAX_VALUE : min + (b + 1) * width - 1;
                    ranges.add(new Range(lo, hi, acc));
                    lo = hi + 1;
                    acc = 0;
                }
            }
            return ranges;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not plan partitions for " + date + ": " + e.getMessage(), e);
        }
    }

    /** The optimizer's estimate of the day's rows in a video-id range. */
    private static long estimate(Connection c, LocalDate date, long lo, long hi) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "EXPLAIN SELECT video_id FROM watch_history"
                + " WHERE watched_date = ? AND video_id BETWEEN ? AND ?", date, lo, hi);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Math.max(0, rs.getLong("rows")) : 0;
        }
    }
}
