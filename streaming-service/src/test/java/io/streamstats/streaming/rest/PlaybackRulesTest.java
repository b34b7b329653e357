package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static io.streamstats.streaming.support.Api.pause;
import static io.streamstats.streaming.support.Api.play;
import static io.streamstats.streaming.support.Api.playbackId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Metrics;
import io.streamstats.streaming.support.MutableClock;
import io.streamstats.streaming.support.SteppedPlaybackClock;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN §2 over real HTTP and a real database, with exact numbers. */
@QuarkusTest
class PlaybackRulesTest {

    /** The play / pause instant (the database's clock unless a test sets it). */
    @Inject
    SteppedPlaybackClock clock;

    /** The instance's own clock, which play and pause must not depend on. */
    @Inject
    MutableClock applicationClock;

    @Inject
    AgroalDataSource db;

    Users.User creator;
    Users.User viewer;

    @BeforeEach
    void users() {
        creator = Users.create("CREATOR");
        viewer = Users.create("VIEWER");
    }

    @AfterEach
    void realTime() {
        clock.reset();
        applicationClock.reset();
    }

    @Test
    void adsSitAtEveryFullFiveMinutesStrictlyInside() {
        Api.register(creator, "15 min", 900).statusCode(201).body("adPositions", contains(300, 600))
                .body("creatorId", equalTo((int) creator.id())).body("durationSeconds", equalTo(900));
        Api.register(creator, "5:00", 300).statusCode(201).body("adPositions", empty());
        Api.register(creator, "5:01", 301).statusCode(201).body("adPositions", contains(300));
        Api.register(creator, "1 s", 1).statusCode(201).body("adPositions", empty());
        Api.register(creator, "10:00", 600).statusCode(201).body("adPositions", contains(300));
    }

    @Test
    void pauseRecordsPlayedSecondsAndAdsPassedAndResumes() {
        long video = Api.video(creator, 900);
        clock.set(Instant.parse("2026-05-09T03:00:00Z"));
        var first = play(viewer, video).statusCode(200)
                .body("resumeFromSeconds", equalTo(0)).body("countedAsView", equalTo(true));
        long p1 = playbackId(first);
        clock.advance(Duration.ofSeconds(600)); // watched for real: every pause below comes after its seconds
        pause(viewer, video, p1, 600).statusCode(200)
                .body("positionSeconds", equalTo(600)).body("playedSeconds", equalTo(600)).body("adViews", equalTo(2));

        clock.advance(Duration.ofMinutes(1));
        long p2 = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(600)));
        clock.advance(Duration.ofSeconds(299));
        // ads at 300 and 600 are not passed again: only positions p with 600 < p <= 899 count, and there are none
        pause(viewer, video, p2, 899).statusCode(200).body("playedSeconds", equalTo(299)).body("adViews", equalTo(0));

        clock.advance(Duration.ofMinutes(1));
        long p3 = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(899)));
        clock.advance(Duration.ofSeconds(1));
        pause(viewer, video, p3, 900).statusCode(200).body("playedSeconds", equalTo(1)).body("adViews", equalTo(0));

        // paused at the very end: the next play starts over
        clock.advance(Duration.ofMinutes(1));
        long p4 = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(0)));
        clock.advance(Duration.ofSeconds(300));
        pause(viewer, video, p4, 300).statusCode(200).body("adViews", equalTo(1));

        assertEquals(List.of(4L, 1200L, 3L), totals(video));
    }

    @Test
    void thirtySecondWindowJustBeforeAndJustAfter() {
        long video = Api.video(creator, 600);
        Instant t0 = Instant.parse("2026-05-10T03:00:00Z");
        clock.set(t0);
        long a = playbackId(play(viewer, video).body("countedAsView", equalTo(true)));
        clock.set(t0.plusMillis(29_999));
        long b = playbackId(play(viewer, video).body("countedAsView", equalTo(false)));
        // the window runs from the previous play, counted or not: exactly 30 s after it counts again
        clock.set(t0.plusMillis(29_999 + 30_000));
        long c = playbackId(play(viewer, video).body("countedAsView", equalTo(true)));
        clock.set(t0.plusMillis(29_999 + 30_000 + 29_999));
        long d = playbackId(play(viewer, video).body("countedAsView", equalTo(false)));

        // the uncounted playbacks still credit their play time and ad views (watched for 400 s and more)
        clock.advance(Duration.ofSeconds(400));
        pause(viewer, video, b, 400).statusCode(200).body("playedSeconds", equalTo(400)).body("adViews", equalTo(1));
        pause(viewer, video, d, 10).statusCode(200);

        assertEquals(List.of(2L, 410L, 1L), totals(video));
        assertEquals(1, countedFlag(a));
        assertEquals(0, countedFlag(b));
        assertEquals(1, countedFlag(c));
        assertEquals(0, countedFlag(d));
    }

    /**
     * The window to the microsecond, as plays are dated: a replay 29.9995 s after a play is inside it (when the last
     * play was kept in whole milliseconds, rounded down, this one measured 30.000 s and counted).
     */
    @Test
    void theWindowIsMeasuredToTheMicrosecond() {
        long video = Api.video(creator, 600);
        Instant t0 = Instant.parse("2026-05-10T05:00:00.000500Z");
        clock.set(t0);
        play(viewer, video).body("countedAsView", equalTo(true));
        clock.set(Instant.parse("2026-05-10T05:00:30Z")); // 29.9995 s later
        play(viewer, video).body("countedAsView", equalTo(false));
        clock.set(Instant.parse("2026-05-10T05:00:59.999999Z")); // 29.999999 s after the second play
        play(viewer, video).body("countedAsView", equalTo(false));
        clock.set(Instant.parse("2026-05-10T05:01:29.999999Z")); // exactly 30 s after the third
        play(viewer, video).body("countedAsView", equalTo(true));
    }

    /**
     * During the rolling update to V14, pods of the release before write only last_play_epoch_ms: the later of the
     * two columns is the last play, whichever release wrote it.
     */
    @Test
    void aLastPlayWrittenByThePreviousReleaseIsRead() throws Exception {
        long video = Api.video(creator, 600);
        Instant t0 = Instant.parse("2026-05-10T06:00:00.000700Z");
        clock.set(t0);
        play(viewer, video).body("countedAsView", equalTo(true));
        assertEquals(List.of(List.of(t0.getEpochSecond() * 1_000_000 + 700, t0.toEpochMilli())),
                query("SELECT last_play_us, last_play_epoch_ms FROM viewer_video_state WHERE video_id = ?", video, 2));
        // a pod of the previous release answers a play 40 s later: it moves only the milliseconds
        Instant old = t0.plusSeconds(40);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE viewer_video_state SET last_play_epoch_ms = ? WHERE video_id = ?")) {
            ps.setLong(1, old.toEpochMilli());
            ps.setLong(2, video);
            assertEquals(1, ps.executeUpdate());
        }
        clock.set(old.plusSeconds(29)); // inside the window of the play the old pod recorded
        play(viewer, video).body("countedAsView", equalTo(false));
        // a row only the previous release ever wrote (no microseconds): its milliseconds are the last play
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE viewer_video_state SET last_play_us = NULL, last_play_epoch_ms = ? WHERE video_id = ?")) {
            ps.setLong(1, old.plusSeconds(100).toEpochMilli());
            ps.setLong(2, video);
            assertEquals(1, ps.executeUpdate());
        }
        clock.set(old.plusSeconds(129));
        play(viewer, video).body("countedAsView", equalTo(false));
        clock.set(old.plusSeconds(159)); // 30 s after the play this release recorded at +129 s
        play(viewer, video).body("countedAsView", equalTo(true));
    }

    @Test
    void anotherViewerIsNotInsideMyWindow() {
        long video = Api.video(creator, 600);
        Users.User other = Users.create("VIEWER");
        play(viewer, video).body("countedAsView", equalTo(true));
        play(other, video).body("countedAsView", equalTo(true));
        assertEquals(2L, totals(video).get(0));
    }

    @Test
    void creatorsOwnPlaybacksAddNothing() {
        long video = Api.video(creator, 900);
        clock.set(Instant.parse("2026-05-09T05:00:00Z"));
        long p = playbackId(play(creator, video).body("countedAsView", equalTo(false)));
        clock.advance(Duration.ofSeconds(900));
        // the answer describes the segment; statistics are not credited with it
        pause(creator, video, p, 900).statusCode(200).body("playedSeconds", equalTo(900)).body("adViews", equalTo(2));
        assertEquals(List.of(0L, 0L, 0L), totals(video));
        assertEquals(2, historyRows(video));
    }

    /**
     * A play held up by a table's metadata lock (DDL, LOCK TABLES) fails on the server within the session's
     * lock_wait_timeout (2 s here, 10 s in production), well before the client's 30 s socket timeout: nothing of it
     * is stored, so the client's retry counts one view, not two.
     */
    @Test
    void aPlayHeldUpByATableLockFailsWithNothingStoredAndItsRetryCountsOnce() throws Exception {
        long video = Api.video(creator, 600);
        long waitedMillis;
        try (Connection c = db.getConnection(); Statement lock = c.createStatement()) {
            lock.execute("LOCK TABLES live_video_day WRITE");
            try {
                long started = System.nanoTime();
                play(viewer, video).statusCode(503).contentType("application/problem+json")
                        .body("detail", containsString("Try again"));
                waitedMillis = (System.nanoTime() - started) / 1_000_000;
            } finally {
                lock.execute("UNLOCK TABLES");
            }
        }
        Thread.sleep(500); // a play still running on the server would commit now that the lock is gone
        assertEquals(0, historyRows(video), "the failed play stored nothing");
        assertTrue(waitedMillis < 15_000, "failed after " + waitedMillis + " ms");
        play(viewer, video).statusCode(200).body("countedAsView", equalTo(true));
        assertEquals(List.of(1L, 0L, 0L), totals(video));
    }

    /** A pause or a registration whose body is not JSON: 415 as a problem, as the document says, and nothing stored. */
    @Test
    void aBodyThatIsNotJsonIsRefusedWith415AndChangesNothing() {
        long video = Api.video(creator, 600);
        long p = playbackId(play(viewer, video));
        given().auth().oauth2(viewer.accessToken()).contentType("text/plain")
                .body("{\"playbackId\": " + p + ", \"positionSeconds\": 10}").post("/api/videos/" + video + "/pause")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        given().auth().oauth2(creator.accessToken()).contentType("application/x-www-form-urlencoded")
                .body("title=t&durationSeconds=60").post("/api/videos")
                .then().statusCode(415).contentType("application/problem+json");
        assertEquals(1, historyRows(video), "only the play");
        pause(viewer, video, p, 0).statusCode(200); // the playback is still open
    }

    @Test
    void aPlaybackNeverPausedStillCountsAsAView() {
        long video = Api.video(creator, 120);
        play(viewer, video).body("countedAsView", equalTo(true));
        assertEquals(List.of(1L, 0L, 0L), totals(video));
    }

    @Test
    void recordsAreDatedInThePlatformZoneAtTheMomentTheyAreRecorded() {
        long video = Api.video(creator, 600);
        clock.set(Instant.parse("2026-03-01T14:59:59Z")); // 23:59:59 in Seoul
        long p = playbackId(play(viewer, video));
        clock.set(Instant.parse("2026-03-01T15:00:00Z")); // 00:00:00 the next day in Seoul
        pause(viewer, video, p, 100).statusCode(200);
        assertEquals(List.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02")), dates(p));
    }

    @Test
    void pauseErrorsChangeNothing() {
        long video = Api.video(creator, 600);
        Users.User other = Users.create("VIEWER");
        clock.set(Instant.parse("2026-05-11T03:00:00Z"));
        long p = playbackId(play(viewer, video));
        clock.advance(Duration.ofSeconds(300));
        pause(viewer, video, p, 300).statusCode(200);
        clock.advance(Duration.ofMinutes(5));
        long q = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(300)));

        pause(viewer, video, q, 299).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("between"));
        pause(viewer, video, q, 601).statusCode(400);
        pause(other, video, q, 400).statusCode(404).contentType("application/problem+json");
        pause(viewer, video, 987_654_321L, 400).statusCode(404);
        long otherVideo = Api.video(creator, 600);
        pause(viewer, otherVideo, q, 400).statusCode(404);
        pause(viewer, video, p, 400).statusCode(409).contentType("application/problem+json");
        pause(viewer, 987_654_321L, q, 400).statusCode(404);
        play(viewer, 987_654_321L).statusCode(404).contentType("application/problem+json");
        assertEquals(3, historyRows(video), "only the successful play, pause and play were recorded");

        // the rejected pauses left the playback open: it can still be closed once
        clock.advance(Duration.ofSeconds(300));
        pause(viewer, video, q, 600).statusCode(200).body("playedSeconds", equalTo(300)).body("adViews", equalTo(0));
        pause(viewer, video, q, 600).statusCode(409);
        assertEquals(List.of(2L, 600L, 1L), totals(video));
    }

    @Test
    void aPauseCreditsAtMostTheTimeSinceThePlayAndOnlyTheAdsInsideIt() {
        long video = Api.video(creator, 900);
        Instant t0 = Instant.parse("2026-05-13T03:00:00Z");
        clock.set(t0);
        long p1 = playbackId(play(viewer, video).body("countedAsView", equalTo(true)));
        // claims the end after 297.999 s: 299 s credited (297 + 2 tolerance), the ad at 300 is outside them
        double capped = cappedPauses();
        clock.set(t0.plusMillis(297_999));
        pause(viewer, video, p1, 900).statusCode(200)
                .body("positionSeconds", equalTo(900)).body("playedSeconds", equalTo(299)).body("adViews", equalTo(0));
        // the capped pause is counted (the alert PausesClaimingUnwatchedTime reads it); the honest ones below are not
        assertEquals(capped + 1, cappedPauses());

        clock.advance(Duration.ofMinutes(1));
        long p2 = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(0)).body("countedAsView", equalTo(true)));
        // 298 s after the play: 300 s credited, which reach the ad at 300
        clock.advance(Duration.ofSeconds(298));
        pause(viewer, video, p2, 900).statusCode(200).body("playedSeconds", equalTo(300)).body("adViews", equalTo(1));

        clock.advance(Duration.ofMinutes(1));
        long p3 = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(0)));
        // an honest watch: 600 s after the play, paused at 600
        clock.advance(Duration.ofSeconds(600));
        pause(viewer, video, p3, 600).statusCode(200).body("playedSeconds", equalTo(600)).body("adViews", equalTo(2));

        assertEquals(List.of(3L, 1199L, 3L), totals(video));
        assertEquals(capped + 2, cappedPauses(), "the second pause claimed 900 after 298 s: capped too");
    }

    /** streaming_pause_capped_total as /q/metrics shows it. */
    private static double cappedPauses() {
        return Metrics.value("streaming_pause_capped_total");
    }

    /** Instants keep their fraction of a second when stored (a driver may drop it from date-time parameters). */
    @Test
    void theCapCountsFromThePlayToTheMicrosecond() {
        long video = Api.video(creator, 900);
        Instant played = Instant.parse("2026-05-13T05:00:00.900Z");
        clock.set(played);
        long p = playbackId(play(viewer, video));
        // 0.5 s later: 2 s credited; a start stored as 05:00:00.000 would make it 1.4 s and credit 3
        clock.set(played.plusMillis(500));
        pause(viewer, video, p, 900).statusCode(200).body("playedSeconds", equalTo(2));
    }

    /**
     * The attack: one viewer, a 24-hour video, 20 play / pause rounds as fast as possible, each pause claiming the
     * end. It earned 5,740 ad views and 1,728,000 play seconds when any position up to the duration was credited.
     * Real clocks here (the database's): each pause may credit only the time since its play plus the tolerance.
     */
    @Test
    void twentyInstantRoundsOnADayLongVideoEarnSecondsNotADay() {
        long video = Api.video(creator, 86_400);
        long answeredSeconds = 0;
        long started = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            long roundStarted = System.nanoTime();
            long p = playbackId(play(viewer, video).statusCode(200));
            int played = pause(viewer, video, p, 86_400).statusCode(200).body("adViews", equalTo(0))
                    .extract().path("playedSeconds");
            long roundSeconds = (System.nanoTime() - roundStarted + 999_999_999L) / 1_000_000_000L;
            assertTrue(played <= roundSeconds + 2, "round " + round + " credited " + played + " s");
            answeredSeconds += played;
        }
        long wallSeconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        List<Long> totals = totals(video);
        assertEquals(1L, totals.get(0), "one view: the other plays were inside the 30-second window");
        assertEquals(answeredSeconds, totals.get(1), "what was answered is what was credited");
        // the tolerance is the viewer's, once, not each round's
        assertTrue(totals.get(1) <= wallSeconds + 2, "credited " + totals.get(1) + " s in " + wallSeconds + " s");
        assertEquals(0L, totals.get(2), "no ad view: no ad position (300 s) was reachable");
    }

    /**
     * The attack: resume just before an ad, then open playbacks at once and pause each just past the ad at once.
     * Each playback had its own time and tolerance: every one was credited 2 s and the ad, some 100 ad views a
     * second for one viewer. They share the viewer's time now: the ad once, from the tolerance.
     */
    @Test
    void playbacksHeldOpenAtOnceAroundAnAdShareTheViewersTime() {
        long video = Api.video(creator, 601);
        Instant t0 = Instant.parse("2026-05-14T03:00:00Z");
        clock.set(t0);
        long seek = playbackId(play(viewer, video).body("countedAsView", equalTo(true)));
        pause(viewer, video, seek, 299).statusCode(200).body("playedSeconds", equalTo(2)).body("adViews", equalTo(0));
        clock.set(t0.plusSeconds(1));
        List<Long> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(299))));
        }
        clock.set(t0.plusMillis(1_500));
        int ads = 0;
        int seconds = 0;
        for (long p : open) {
            var paused = pause(viewer, video, p, 301).statusCode(200).body("positionSeconds", equalTo(301));
            ads += paused.extract().<Integer>path("adViews");
            seconds += paused.extract().<Integer>path("playedSeconds");
        }
        assertEquals(1, ads, "the ad at 300, once");
        assertEquals(1, seconds, "1.5 s passed since the first play, 2 s tolerance, 2 s used by its pause: 1 s left");
        assertEquals(List.of(1L, 3L, 1L), totals(video));
    }

    /**
     * The loop that remains once the time is shared: resume at 4:59, pause at 5:01 two real seconds later (the ad
     * passed), play again from 0 and pause at 4:59 at once, again and again. Each crossing was an ad, 1,800 an hour
     * for one viewer; now the viewer's ad reserve (kept in the database between requests) pays for a new viewer's
     * one, and after it each ad needs 5 minutes of credited play.
     */
    @Test
    void aLoopAroundAnAdEarnsTheReserveThenOnlyWhatWatchingPaysFor() {
        long video = Api.video(creator, 301);
        Instant t = Instant.parse("2026-05-16T03:00:00Z");
        clock.set(t);
        pause(viewer, video, playbackId(play(viewer, video)), 299).statusCode(200).body("playedSeconds", equalTo(2));
        List<Integer> ads = new ArrayList<>();
        for (int cycle = 0; cycle < 40; cycle++) {
            long near = playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(299)));
            t = t.plusSeconds(2);
            clock.set(t);
            ads.add(pause(viewer, video, near, 301).statusCode(200).body("playedSeconds", equalTo(2))
                    .extract().path("adViews"));
            pause(viewer, video, playbackId(play(viewer, video).body("resumeFromSeconds", equalTo(0))), 299)
                    .statusCode(200).body("playedSeconds", equalTo(0));
        }
        assertEquals(1, ads.get(0), "the new viewer's reserve: one ad");
        assertEquals(0, ads.subList(1, ads.size()).stream().mapToInt(Integer::intValue).sum(), "then none: " + ads);
        assertEquals(List.of(1L, 82L, 1L), totals(video));
    }

    /** A viewer watches one thing at a time: playbacks of different videos held open together share the time. */
    @Test
    void playbacksOfSeveralVideosHeldOpenAtOnceShareTheViewersTime() {
        List<Long> videos = List.of(Api.video(creator, 900), Api.video(creator, 900), Api.video(creator, 900));
        Instant t0 = Instant.parse("2026-05-15T03:00:00Z");
        clock.set(t0);
        List<Long> open = new ArrayList<>();
        for (long video : videos) {
            open.add(playbackId(play(viewer, video).body("countedAsView", equalTo(true))));
        }
        clock.set(t0.plusSeconds(60));
        List<Integer> credited = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            credited.add(pause(viewer, videos.get(i), open.get(i), 60).statusCode(200).extract().path("playedSeconds"));
        }
        assertEquals(List.of(60, 2, 0), credited, "the minute, the tolerance, nothing");
        // another viewer's time is their own
        Users.User other = Users.create("VIEWER");
        clock.set(t0.plusSeconds(61));
        long theirs = playbackId(play(other, videos.get(0)));
        clock.set(t0.plusSeconds(121));
        pause(other, videos.get(0), theirs, 60).statusCode(200).body("playedSeconds", equalTo(60));
    }

    /**
     * Instances whose own clocks are wrong (one an hour ahead, then one a day behind) must not move the 30-second
     * window, the watch date or the credit cap: those come from the database's clock.
     */
    @Test
    void skewedApplicationClocksMoveNeitherTheWindowNorTheDateNorTheCredit() {
        long video = Api.video(creator, 900);
        long p = playbackId(play(viewer, video).body("countedAsView", equalTo(true)));
        applicationClock.set(Instant.now().plus(Duration.ofHours(1)));
        playbackId(play(viewer, video).body("countedAsView", equalTo(false)));
        applicationClock.set(Instant.now().minus(Duration.ofDays(1)));
        int played = pause(viewer, video, p, 900).statusCode(200).body("adViews", equalTo(0))
                .extract().path("playedSeconds");
        assertTrue(played <= 5, "credited " + played + " s, not the hour the fast clock would allow");
        LocalDate today = databaseDate();
        assertEquals(List.of(today, today), dates(p), "dated by the database's clock in the platform zone");
    }

    private LocalDate databaseDate() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT UTC_TIMESTAMP(6)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, java.time.LocalDateTime.class).atZone(java.time.ZoneOffset.UTC)
                    .withZoneSameInstant(java.time.ZoneId.of("Asia/Seoul")).toLocalDate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** views, play seconds and ad views credited in the watch history of a video. */
    private List<Long> totals(long video) {
        return query("SELECT COALESCE(SUM(counted_view),0), COALESCE(SUM(played_seconds),0), COALESCE(SUM(ad_views),0)"
                + " FROM watch_history WHERE video_id = ?", video, 3).get(0);
    }

    private int historyRows(long video) {
        return query("SELECT COUNT(*) FROM watch_history WHERE video_id = ?", video, 1).get(0).get(0).intValue();
    }

    private int countedFlag(long playback) {
        return query("SELECT counted_view FROM watch_history WHERE playback_id = ? AND record_type = 0", playback, 1)
                .get(0).get(0).intValue();
    }

    private List<LocalDate> dates(long playback) {
        List<LocalDate> dates = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT watched_date FROM watch_history WHERE playback_id = ? ORDER BY record_type")) {
            ps.setLong(1, playback);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dates.add(rs.getObject(1, LocalDate.class));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return dates;
    }

    private List<List<Long>> query(String sql, long id, int columns) {
        List<List<Long>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Long> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getLong(i));
                    }
                    rows.add(row);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
