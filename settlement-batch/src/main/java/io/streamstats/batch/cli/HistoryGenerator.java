package io.streamstats.batch.cli;

import com.mysql.cj.jdbc.JdbcStatement;
import io.agroal.api.AgroalDataSource;
import io.streamstats.common.domain.AdSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads N synthetic watch-history rows for a date and the M videos they refer to, deterministic by seed.
 * Popularity is Zipf-like (the r-th most popular video gets a share proportional to 1/r). Rows follow the rules
 * as streaming-service records them: a play record (counted or not) and a paused segment per playback, about 2 %
 * of playbacks by the video's own creator (credit nothing), about 10 % inside the 30-second window (no view, but
 * play time and ad views). Rows are streamed in primary-key order through LOAD DATA LOCAL INFILE.
 */
@ApplicationScoped
public class HistoryGenerator {

    static final long CREATOR_ID_BASE = 2_000_000_000L;
    static final long VIEWER_ID_BASE = 3_000_000_000L;
    static final String HISTORY_COLUMNS = "(watched_date, video_id, playback_id, record_type, viewer_id, counted_view,"
            + " played_seconds, ad_views, start_seconds, end_seconds, created_at)";

    @Inject
    AgroalDataSource dataSource;

    public record Request(LocalDate date, long rows, int videos, int viewers, long seed) {
    }

    public record Result(long firstVideoId, long rows, double seconds) {
    }

    public Result generate(Request request) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            long firstVideo;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM videos")) {
                rs.next();
                firstVideo = rs.getLong(1);
            }
            int creators = Math.max(1, request.videos() / 10);
            int[] durations = new int[request.videos()];
            SplittableRandom random = new SplittableRandom(request.seed());
            for (int i = 0; i < durations.length; i++) {
                durations[i] = 30 + random.nextInt(3600);
            }
            System.out.printf("Generating %,d videos (ids from %d) ...%n", request.videos(), firstVideo);
            load(c, "LOAD DATA LOCAL INFILE 'videos.tsv' INTO TABLE videos (id, creator_id, title, duration_seconds, created_at)",
                    out -> {
                        for (int i = 0; i < durations.length; i++) {
                            out.write((firstVideo + i) + "\t" + creatorOf(i, creators) + "\tgenerated video " + (firstVideo + i)
                                    + "\t" + durations[i] + "\t" + request.date() + " 00:00:00\n");
                        }
                    });
            long[] counts = rowsPerVideo(request, random);
            AtomicLong written = new AtomicLong();
            System.out.printf("Generating %,d watch-history rows for %s ...%n", request.rows(), request.date());
            long loadStart = System.nanoTime();
            load(c, "LOAD DATA LOCAL INFILE 'history.tsv' INTO TABLE watch_history " + HISTORY_COLUMNS, out -> {
                long playback = 0;
                long nextReport = Math.max(1, request.rows() / 10);
                StringBuilder line = new StringBuilder(96);
                String date = request.date().toString();
                String createdAt = date + " 12:00:00";
                for (int i = 0; i < counts.length; i++) {
                    long left = counts[i];
                    if (left == 0) {
                        continue;
                    }
                    long videoId = firstVideo + i;
                    long creatorId = creatorOf(i, creators);
                    int duration = durations[i];
                    SplittableRandom rnd = new SplittableRandom(request.seed() * 1_000_003L + i);
                    while (left > 0) {
                        playback++;
                        boolean own = rnd.nextInt(100) < 2;
                        long viewer = own ? creatorId : VIEWER_ID_BASE + rnd.nextInt(request.viewers());
                        boolean counted = !own && rnd.nextInt(100) >= 10;
                        int start = rnd.nextInt(duration);
                        append(line, date, videoId, playback, 0, viewer, counted ? 1 : 0, 0, 0, start, start, createdAt);
                        out.write(line.toString());
                        left--;
                        written.incrementAndGet();
                        if (left > 0) {
                            int end = start + rnd.nextInt(duration - start + 1);
                            int played = own ? 0 : end - start;
                            int ads = own ? 0 : AdSchedule.adsBetween(start, end, duration);
                            append(line, date, videoId, playback, 1, viewer, 0, played, ads, start, end, createdAt);
                            out.write(line.toString());
                            left--;
                            written.incrementAndGet();
                        }
                        long n = written.get();
                        if (n >= nextReport) {
                            double s = (System.nanoTime() - loadStart) / 1e9;
                            System.out.printf("  %,d rows (%.0f%%), %.1f s, %,.0f rows/s%n", n, 100.0 * n / request.rows(),
                                    s, n / s);
                            nextReport += Math.max(1, request.rows() / 10);
                        }
                    }
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Loaded %,d rows in %.1f s (%,.0f rows/s)%n", request.rows(), seconds, request.rows() / seconds);
            return new Result(firstVideo, request.rows(), seconds);
        } catch (SQLException e) {
            throw new IllegalStateException("Generating failed: " + e.getMessage(), e);
        }
    }

    private static long creatorOf(int videoIndex, int creators) {
        return CREATOR_ID_BASE + videoIndex % creators;
    }

    /** Zipf-like shares, spread over video ids by a seeded stride, rounded so they sum to exactly N. */
    static long[] rowsPerVideo(Request request, SplittableRandom random) {
        int m = request.videos();
        double harmonic = 0;
        for (int r = 1; r <= m; r++) {
            harmonic += 1.0 / r;
        }
        long stride = 1 + random.nextInt(Math.max(1, m - 1));
        while (gcd(stride, m) != 1) {
            stride++;
        }
        long[] counts = new long[m];
        long assigned = 0;
        double carry = 0;
        for (int r = 1; r <= m; r++) {
            double exact = request.rows() / harmonic / r + carry;
            long n = (long) Math.floor(exact);
            carry = exact - n;
            counts[(int) (((r - 1) * stride) % m)] = n;
            assigned += n;
        }
        counts[0] += request.rows() - assigned;
        return counts;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void append(StringBuilder line, String date, long video, long playback, int type, long viewer,
                               int counted, int played, int ads, int start, int end, String createdAt) {
        line.setLength(0);
        line.append(date).append('\t').append(video).append('\t').append(playback).append('\t').append(type)
                .append('\t').append(viewer).append('\t').append(counted).append('\t').append(played).append('\t')
                .append(ads).append('\t').append(start).append('\t').append(end).append('\t').append(createdAt)
                .append('\n');
    }

    interface Producer {
        void write(Writer out) throws IOException;
    }

    /** Streams what the producer writes into LOAD DATA LOCAL INFILE, without a file on disk. */
    private static void load(Connection c, String sql, Producer producer) throws SQLException {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream pipe;
        try {
            pipe = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread writer = new Thread(() -> {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(pipe, StandardCharsets.UTF_8), 1 << 20)) {
                producer.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "generator");
        writer.start();
        try (Statement s = c.createStatement()) {
            s.unwrap(JdbcStatement.class).setLocalInfileInputStream(in);
            s.execute(sql);
        } finally {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
