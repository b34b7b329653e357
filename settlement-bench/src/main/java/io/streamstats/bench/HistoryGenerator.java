package io.streamstats.bench;

import com.mysql.cj.jdbc.JdbcStatement;
import io.agroal.api.AgroalDataSource;
import io.streamstats.batch.config.BatchConfig;
import io.streamstats.domain.ViewCounting;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads N synthetic watch-history rows for a date and the M videos they refer to, deterministic by seed.
 * Popularity is Zipf-like (the r-th most popular video gets a share proportional to 1/r). Each playback is a play
 * record and, unless it is the last row of its video, a paused segment, both stamped with instants inside the day
 * in the platform zone. About 2 % of playbacks are by the video's own creator, about 10 % replay the previous
 * playback's viewer a few seconds later, and about 3 % of pauses claim more than the time since their play. What
 * the rows credit is not decided here: views, played seconds and ad views are what {@link ViewCounting} gives for
 * those instants, exactly as streaming-service records them (a replay inside 30 seconds is no view; a claim is
 * capped; the creator's own credits nothing). Rows are streamed in primary-key order through LOAD DATA LOCAL INFILE.
 */
@ApplicationScoped
public class HistoryGenerator {

    static final long CREATOR_ID_BASE = 2_000_000_000L;
    static final long VIEWER_ID_BASE = 3_000_000_000L;
    static final String HISTORY_COLUMNS = "(watched_date, video_id, playback_id, record_type, viewer_id, counted_view,"
            + " played_seconds, ad_views, start_seconds, end_seconds, created_at)";

    /**
     * Plays start in the day's first 21 hours, so every pause (at most an hour of video later) falls on the same
     * date, even on a 23-hour day of a zone with daylight saving time.
     */
    static final long PLAY_SPAN_MILLIS = Duration.ofHours(21).toMillis();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BatchConfig config;

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
            long dayStart = request.date().atStartOfDay(config.zone()).toInstant().toEpochMilli();
            load(c, "LOAD DATA LOCAL INFILE 'history.tsv' INTO TABLE watch_history " + HISTORY_COLUMNS, out -> {
                long playback = 0;
                long nextReport = Math.max(1, request.rows() / 10);
                StringBuilder line = new StringBuilder(112);
                String date = request.date().toString();
                // each viewer's last play of the video being generated (videos are generated one after another)
                int[] lastVideo = new int[request.viewers()];
                long[] lastPlayAt = new long[request.viewers()];
                for (int i = 0; i < counts.length; i++) {
                    long left = counts[i];
                    if (left == 0) {
                        continue;
                    }
                    long videoId = firstVideo + i;
                    long creatorId = creatorOf(i, creators);
                    int duration = durations[i];
                    SplittableRandom rnd = new SplittableRandom(request.seed() * 1_000_003L + i);
                    long playbacks = (left + 1) / 2;
                    double slot = (double) PLAY_SPAN_MILLIS / playbacks;
                    long creatorLastPlayAt = Long.MIN_VALUE;
                    int previousViewer = -1; // the previous playback's viewer index, -1: the creator or none
                    long previousPlayAt = dayStart;
                    for (long k = 0; left > 0; k++) {
                        playback++;
                        // play instants rise through the video's slots; a replay comes within 30 s of the
                        // previous play yet before the next slot, so each viewer's plays stay in time order
                        long slotStart = dayStart + (long) (k * slot);
                        long nextSlotStart = dayStart + (long) ((k + 1) * slot);
                        boolean own = rnd.nextInt(100) < 2;
                        boolean replay = !own && previousViewer >= 0 && rnd.nextInt(100) < 10;
                        int viewerIndex = own ? -1 : replay ? previousViewer : rnd.nextInt(request.viewers());
                        long playAt = replay
                                ? previousPlayAt + rnd.nextLong(Math.clamp(nextSlotStart - previousPlayAt, 1, 30_000))
                                : slotStart + rnd.nextLong(Math.max(1, nextSlotStart - slotStart));
                        long viewer = own ? creatorId : VIEWER_ID_BASE + viewerIndex;
                        long lastPlay = own ? creatorLastPlayAt
                                : lastVideo[viewerIndex] == i + 1 ? lastPlayAt[viewerIndex] : Long.MIN_VALUE;
                        ViewCounting.Outcome outcome = ViewCounting.classify(viewer, creatorId,
                                lastPlay == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastPlay),
                                Instant.ofEpochMilli(playAt));
                        if (own) {
                            creatorLastPlayAt = playAt;
                        } else {
                            lastVideo[viewerIndex] = i + 1;
                            lastPlayAt[viewerIndex] = playAt;
                        }
                        previousViewer = viewerIndex;
                        previousPlayAt = playAt;
                        int start = rnd.nextInt(duration);
                        append(line, date, videoId, playback, 0, viewer, outcome.isView() ? 1 : 0, 0, 0, start, start,
                                playAt);
                        out.write(line.toString());
                        left--;
                        written.incrementAndGet();
                        if (left > 0) {
                            int end = start + rnd.nextInt(duration - start + 1);
                            // mostly paused after watching the segment; some claim a position beyond that
                            long watchedMillis = rnd.nextInt(100) < 3
                                    ? rnd.nextLong((end - start) * 1000L + 1)
                                    : (end - start) * 1000L + rnd.nextInt(1000);
                            ViewCounting.Credit credit = ViewCounting.credit(viewer, creatorId,
                                    ViewCounting.watchable(start, end, duration, Duration.ofMillis(watchedMillis)));
                            append(line, date, videoId, playback, 1, viewer, 0, credit.playedSeconds(),
                                    credit.adViews(), start, end, playAt + watchedMillis);
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
                               int counted, int played, int ads, int start, int end, long createdAtMillis) {
        line.setLength(0);
        line.append(date).append('\t').append(video).append('\t').append(playback).append('\t').append(type)
                .append('\t').append(viewer).append('\t').append(counted).append('\t').append(played).append('\t')
                .append(ads).append('\t').append(start).append('\t').append(end).append('\t');
        appendUtc(line, createdAtMillis);
        line.append('\n');
    }

    /** The instant as UTC wall time with milliseconds, as the write path stores {@code created_at}. */
    static void appendUtc(StringBuilder line, long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000),
                (int) Math.floorMod(epochMillis, 1000) * 1_000_000, ZoneOffset.UTC);
        line.append(t.toLocalDate()).append(' ');
        two(line, t.getHour()).append(':');
        two(line, t.getMinute()).append(':');
        two(line, t.getSecond()).append('.');
        int millis = t.getNano() / 1_000_000;
        line.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
    }

    private static StringBuilder two(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
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
