package io.streamstats.streaming.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.common.rest.ApiException;
import io.streamstats.streaming.config.StreamingConfig;
import io.streamstats.streaming.service.PlaybackService.Command;
import io.streamstats.streaming.service.PlaybackService.Pause;
import io.streamstats.streaming.service.PlaybackService.PauseResult;
import io.streamstats.streaming.service.PlaybackService.Play;
import io.streamstats.streaming.service.PlaybackService.PlayResult;
import io.streamstats.streaming.support.SteppedPlaybackClock;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many requests in one batch (one transaction) must give exactly what they give one at a time, in arrival order.
 * The batches are handed to the writer directly, so each test knows what shares a transaction; the database is
 * the real one.
 */
@QuarkusTest
class PlaybackBatchTest {

    private static final AtomicLong USERS = new AtomicLong(9_000_000_000L + System.nanoTime() % 1_000_000_000L);

    @Inject
    PlaybackService service;

    @Inject
    VideoService videos;

    @Inject
    SteppedPlaybackClock clock;

    @Inject
    AgroalDataSource db;

    @Inject
    StreamingConfig config;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void burstOfOneViewerInOneBatchCountsOnceAndTheCreatorNever() throws Exception {
        long creator = USERS.incrementAndGet();
        long viewer = USERS.incrementAndGet();
        long video = videos.register(creator, "burst", 900, null).id;
        List<Play> plays = List.of(play(video, viewer), play(video, viewer), play(video, creator), play(video, viewer));

        service.write(List.<Command>copyOf(plays));

        assertTrue(result(plays.get(0)).countedAsView());
        assertFalse(result(plays.get(1)).countedAsView(), "same viewer, same instant: inside the 30-second window");
        assertFalse(result(plays.get(2)).countedAsView(), "the creator's own play");
        assertFalse(result(plays.get(3)).countedAsView());
        assertEquals(4, plays.stream().map(p -> result(p).playbackId()).distinct().count(), "one id per playback");
        assertEquals(List.of(1L, 0L, 0L, 4L), totals(video));
    }

    @Test
    void pausesInOneBatchSeeEachOtherAndAPlayAfterThemResumes() throws Exception {
        long creator = USERS.incrementAndGet();
        long viewer = USERS.incrementAndGet();
        long other = USERS.incrementAndGet();
        long video = videos.register(creator, "pauses", 900, null).id;
        clock.set(Instant.parse("2026-05-12T03:00:00Z"));
        Play first = play(video, viewer);
        service.write(List.of(first));
        long playback = result(first).playbackId();

        clock.advance(Duration.ofSeconds(10));
        Pause close = pause(video, viewer, playback, 650);
        Pause again = pause(video, viewer, playback, 700);
        Pause notMine = pause(video, other, playback, 700);
        Pause unknown = pause(video, viewer, 987_654_321_000L, 10);
        Pause beyondEnd = pause(video, viewer, playback, 901);
        Play resume = play(video, viewer);
        service.write(List.of(beyondEnd, close, again, notMine, unknown, resume));

        assertEquals(400, refusal(beyondEnd), "checked before the close in the same batch");
        // claims 650 s after 10 s: keeps the position, credits 10 s plus the tolerance and no ad
        assertEquals(new PauseResult(650, 12, 0), result(close));
        assertEquals(409, refusal(again), "closed by the pause before it in the same batch");
        assertEquals(404, refusal(notMine));
        assertEquals(404, refusal(unknown));
        assertEquals(650, result(resume).resumeFromSeconds(), "resumes where the pause before it in the batch left");
        assertFalse(result(resume).countedAsView(), "10 s after the first play");
        // views, play seconds, ad views, records: the play, its segment, the second play
        assertEquals(List.of(1L, 12L, 0L, 3L), totals(video));
    }

    @Test
    void anUnknownVideoRefusesOnlyItsOwnRequest() throws Exception {
        long creator = USERS.incrementAndGet();
        long viewer = USERS.incrementAndGet();
        long video = videos.register(creator, "known", 300, null).id;
        Play lost = play(987_654_321_000L, viewer);
        Play fine = play(video, viewer);

        service.write(List.of(lost, fine));

        assertEquals(404, refusal(lost));
        assertTrue(result(fine).countedAsView());
        assertEquals(List.of(1L, 0L, 0L, 1L), totals(video));
    }

    @Test
    void requestsThroughTheQueueAreAnsweredAfterTheirBatchCommits() throws Exception {
        long creator = USERS.incrementAndGet();
        long video = videos.register(creator, "queued", 600, null).id;
        List<CompletableFuture<PlayResult>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(service.play(video, USERS.incrementAndGet()).toCompletableFuture());
        }
        for (CompletableFuture<PlayResult> answer : answers) {
            assertTrue(answer.get(30, TimeUnit.SECONDS).countedAsView());
        }
        assertEquals(List.of(200L, 0L, 0L, 200L), totals(video));
    }

    @Test
    void aRequestThatWaitedTooLongIsRefusedAndNotWritten() throws Exception {
        long creator = USERS.incrementAndGet();
        long video = videos.register(creator, "stale", 300, null).id;
        Play stale = new Play(video, USERS.incrementAndGet(), new CompletableFuture<>(),
                System.nanoTime() - config.playback().maxQueueWait().plusSeconds(1).toNanos());
        Play fresh = play(video, USERS.incrementAndGet());

        service.write(List.of(stale, fresh));

        assertEquals(503, refusal(stale));
        assertTrue(result(fresh).countedAsView());
        assertEquals(List.of(1L, 0L, 0L, 1L), totals(video));
    }

    @Test
    void aRowHeldByAStuckTransactionGivesA503InBoundedTimeAndStoresNothing() throws Exception {
        long creator = USERS.incrementAndGet();
        long viewer = USERS.incrementAndGet();
        long video = videos.register(creator, "held", 300, null).id;
        clock.set(Instant.parse("2026-05-12T04:00:00Z"));
        Play first = play(video, viewer);
        service.write(List.of(first));
        long playback = result(first).playbackId();

        try (Connection stuck = db.getConnection(); Statement s = stuck.createStatement()) {
            // another instance that locked the viewer's row and stopped answering
            s.execute("START TRANSACTION");
            s.executeQuery("SELECT * FROM viewer_video_state WHERE viewer_id = " + viewer + " AND video_id = " + video
                    + " FOR UPDATE").close();
            Pause blocked = pause(video, viewer, playback, 100);
            long started = System.nanoTime();
            service.write(List.of(blocked));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, refusal(blocked));
            assertTrue(waitedMillis < 15_000, "gave up after the lock-wait timeout, not later: " + waitedMillis + " ms");
            s.execute("ROLLBACK");
        }
        assertEquals(List.of(1L, 0L, 0L, 1L), totals(video), "the refused pause stored nothing");
        clock.advance(Duration.ofSeconds(100));
        Pause retried = pause(video, viewer, playback, 100);
        service.write(List.of(retried));
        assertEquals(new PauseResult(100, 100, 0), result(retried));
    }

    private static Play play(long video, long viewer) {
        return new Play(video, viewer, new CompletableFuture<>(), System.nanoTime());
    }

    private static Pause pause(long video, long viewer, long playback, int position) {
        return new Pause(video, viewer, playback, position, new CompletableFuture<>(), Timer.start(),
                System.nanoTime());
    }

    private static PlayResult result(Play play) {
        return answer(play.answer());
    }

    private static PauseResult result(Pause pause) {
        return answer(pause.answer());
    }

    private static <T> T answer(CompletableFuture<T> answer) {
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("expected a result, got " + e, e);
        }
    }

    private static int refusal(Command command) throws Exception {
        try {
            command.answer().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException refused) {
                return refused.status();
            }
            throw e;
        }
        throw new AssertionError("expected a refusal");
    }

    /** views, play seconds, ad views and records in the watch history of a video. */
    private List<Long> totals(long video) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(counted_view),0), COALESCE(SUM(played_seconds),0), COALESCE(SUM(ad_views),0),"
                        + " COUNT(*) FROM watch_history WHERE video_id = ?")) {
            ps.setLong(1, video);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
