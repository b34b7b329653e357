package io.streamstats.streaming.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.common.db.DatabaseTime;
import io.streamstats.domain.ViewCounting;
import io.streamstats.domain.ViewCounting.Credit;
import io.streamstats.domain.ViewCounting.ViewerTime;
import io.streamstats.streaming.domain.PlaybackRules.Decision;
import io.streamstats.streaming.domain.PlaybackRules.Outcome;
import io.streamstats.streaming.domain.PlaybackRules.PauseRequest;
import io.streamstats.streaming.domain.PlaybackRules.Paused;
import io.streamstats.streaming.domain.PlaybackRules.PlayRequest;
import io.streamstats.streaming.domain.PlaybackRules.Played;
import io.streamstats.streaming.domain.PlaybackRules.Refusal;
import io.streamstats.streaming.domain.PlaybackRules.Refused;
import io.streamstats.streaming.domain.PlaybackRules.Request;
import io.streamstats.streaming.domain.PlaybackRules.VideoFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The playback rules without a database: each batch is applied on what earlier batches committed (kept in memory
 * the way the repository keeps it in rows), so sequences across batches and inside one batch can be checked with
 * exact numbers. The same behaviour over HTTP and MySQL is pinned by {@code PlaybackRulesTest} and
 * {@code PlaybackBatchTest}.
 */
class PlaybackRulesUnitTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final long CREATOR = 1;
    private static final long VIEWER = 2;
    private static final long OTHER = 3;
    private static final long VIDEO = 10;
    private static final long SHORT_VIDEO = 11;
    private static final long ONE_AD_VIDEO = 12;
    private static final long UNKNOWN_VIDEO = 99;
    private static final Instant T0 = Instant.parse("2026-05-12T03:00:00Z");

    private final Store store = new Store(Map.of(VIDEO, new VideoFacts(CREATOR, 900),
            SHORT_VIDEO, new VideoFacts(CREATOR, 300), ONE_AD_VIDEO, new VideoFacts(CREATOR, 301)));

    @Test
    void aFirstPlayIsAViewFromZeroAndIsRecordedWithItsInstant() {
        PlayRequest play = store.play(VIDEO, VIEWER);
        Outcome outcome = store.batch(T0, play);

        assertEquals(new Played(play.newPlaybackId(), 0, ViewCounting.Outcome.COUNTED), outcome.decisions().get(0));
        PlaybackWrites w = outcome.writes();
        assertEquals(List.of(new PlaybackWrites.Opened(play.newPlaybackId(), VIDEO, VIEWER, 0, true)), w.opened());
        assertEquals(List.of(new PlaybackWrites.HistoryRecord(VIDEO, play.newPlaybackId(), false, VIEWER, true, 0, 0,
                0, 0)), w.history());
        assertEquals(Map.of(new ViewerVideo(VIEWER, VIDEO), new PlayState(DatabaseTime.microsOf(T0), 0)), w.states());
        assertEquals(List.of(), w.closed());
        assertEquals(T0, w.at());
    }

    @Test
    void thirtySecondWindowFromThePreviousPlayCountedOrNot() {
        assertTrue(store.playAt(T0, VIDEO, VIEWER).outcome().isView());
        assertEquals(ViewCounting.Outcome.WITHIN_WINDOW, store.playAt(T0.plusMillis(29_999), VIDEO, VIEWER).outcome());
        // 30 s after the uncounted play, not after the counted one: that play restarted the window
        assertEquals(ViewCounting.Outcome.WITHIN_WINDOW,
                store.playAt(T0.plusMillis(30_000), VIDEO, VIEWER).outcome());
        assertEquals(ViewCounting.Outcome.COUNTED, store.playAt(T0.plusMillis(60_000), VIDEO, VIEWER).outcome());
        assertEquals(List.of(2L, 0L, 0L), store.totals(VIDEO));
    }

    @Test
    void anotherViewerAndAnotherVideoAreOutsideMyWindow() {
        store.playAt(T0, VIDEO, VIEWER);
        assertTrue(store.playAt(T0.plusSeconds(1), VIDEO, OTHER).outcome().isView());
        assertTrue(store.playAt(T0.plusSeconds(1), SHORT_VIDEO, VIEWER).outcome().isView());
    }

    @Test
    void theCreatorsOwnPlaybacksAreAnsweredButCreditNothing() {
        Played played = store.playAt(T0, VIDEO, CREATOR);
        assertEquals(ViewCounting.Outcome.OWN_VIDEO, played.outcome());
        Paused paused = store.pauseAt(T0.plusSeconds(900), VIDEO, CREATOR, played.playbackId(), 900);
        // the answer describes the segment; the statistics get nothing
        assertEquals(new Credit(900, 2), paused.watchable());
        assertEquals(new Credit(0, 0), paused.credited());
        assertEquals(List.of(0L, 0L, 0L), store.totals(VIDEO));
        assertEquals(2, store.history.size(), "the play and the segment are still recorded");
    }

    @Test
    void aPauseCreditsTheSegmentAndOnlyTheAdsPassedAndTheNextPlayResumesThere() {
        Instant t = T0;
        Played p1 = store.playAt(t, VIDEO, VIEWER);
        t = t.plusSeconds(600);
        assertEquals(new Paused(600, new Credit(600, 2), new Credit(600, 2), false),
                store.pauseAt(t, VIDEO, VIEWER, p1.playbackId(), 600));

        t = t.plusSeconds(60);
        Played p2 = store.playAt(t, VIDEO, VIEWER);
        assertEquals(600, p2.resumeFromSeconds());
        t = t.plusSeconds(299);
        // ads at 300 and 600 are not passed again: only 600 < p <= 899 count, and there are none
        assertEquals(new Credit(299, 0), store.pauseAt(t, VIDEO, VIEWER, p2.playbackId(), 899).credited());

        t = t.plusSeconds(60);
        Played p3 = store.playAt(t, VIDEO, VIEWER);
        assertEquals(899, p3.resumeFromSeconds());
        t = t.plusSeconds(1);
        store.pauseAt(t, VIDEO, VIEWER, p3.playbackId(), 900);

        // paused at the very end: the next play starts over
        t = t.plusSeconds(60);
        Played p4 = store.playAt(t, VIDEO, VIEWER);
        assertEquals(0, p4.resumeFromSeconds());
        t = t.plusSeconds(300);
        assertEquals(new Credit(300, 1), store.pauseAt(t, VIDEO, VIEWER, p4.playbackId(), 300).credited());

        assertEquals(List.of(4L, 1200L, 3L), store.totals(VIDEO));
    }

    @Test
    void aPlayInsideTheWindowStillCreditsItsPlayTimeAndAds() {
        store.playAt(T0, VIDEO, VIEWER);
        Played again = store.playAt(T0.plusSeconds(5), VIDEO, VIEWER);
        assertFalse(again.outcome().isView());
        Paused paused = store.pauseAt(T0.plusSeconds(405), VIDEO, VIEWER, again.playbackId(), 400);
        assertEquals(new Credit(400, 1), paused.credited());
        assertEquals(List.of(1L, 400L, 1L), store.totals(VIDEO));
    }

    @Test
    void aPlaybackNeverPausedIsAViewWithNoPlayTime() {
        store.playAt(T0, VIDEO, VIEWER);
        assertEquals(List.of(1L, 0L, 0L), store.totals(VIDEO));
    }

    @Test
    void aClaimBeyondTheTimeSinceThePlayIsCappedAtThatTimePlusTheTolerance() {
        Played p1 = store.playAt(T0, VIDEO, VIEWER);
        // 297.999 s + 2 s tolerance = 299 whole seconds: the ad at 300 is outside them; the position is kept
        Paused capped = store.pauseAt(T0.plusMillis(297_999), VIDEO, VIEWER, p1.playbackId(), 900);
        assertEquals(new Paused(900, new Credit(299, 0), new Credit(299, 0), true), capped);
        assertEquals(900, store.states.get(new ViewerVideo(VIEWER, VIDEO)).resumeSeconds());

        Instant t = T0.plusSeconds(400);
        Played p2 = store.playAt(t, VIDEO, VIEWER);
        assertEquals(0, p2.resumeFromSeconds(), "the claimed end was kept: the next play starts over");
        // 298 s: 300 s credited, which reach the ad at 300, and not the one at 600
        assertEquals(new Credit(300, 1), store.pauseAt(t.plusSeconds(298), VIDEO, VIEWER, p2.playbackId(), 900)
                .credited());
        assertEquals(Duration.ofSeconds(2), ViewCounting.CREDIT_TOLERANCE, "the tolerance these figures assume");
    }

    @Test
    void theCapCountsFromThePlayToTheMillisecond() {
        Instant played = Instant.parse("2026-05-13T05:00:00.900Z");
        Played p = store.playAt(played, VIDEO, VIEWER);
        // 0.5 s later: 2 s; a start rounded down to 05:00:00.000 would give 3
        assertEquals(2, store.pauseAt(played.plusMillis(500), VIDEO, VIEWER, p.playbackId(), 900).credited()
                .playedSeconds());
    }

    @Test
    void anHonestPauseIsNotCapped() {
        Played p = store.playAt(T0, VIDEO, VIEWER);
        assertFalse(store.pauseAt(T0.plusSeconds(10), VIDEO, VIEWER, p.playbackId(), 12).capped(),
                "12 s claimed after 10 s is inside the tolerance");
    }

    @Test
    void twoPausesOfOneViewerInOneBatchShareTheViewersTime() {
        // two playbacks opened together and both paused in one batch a minute later, claiming a minute each: the
        // second pause sees what the first used (the batch threads the viewer's time), not the locked row
        Outcome plays = store.batch(T0, store.play(VIDEO, VIEWER), store.play(SHORT_VIDEO, VIEWER));
        long first = ((Played) plays.decisions().get(0)).playbackId();
        long second = ((Played) plays.decisions().get(1)).playbackId();
        Outcome pauses = store.batch(T0.plusSeconds(60), new PauseRequest(VIDEO, VIEWER, first, 60),
                new PauseRequest(SHORT_VIDEO, VIEWER, second, 60));
        assertEquals(new Credit(60, 0), ((Paused) pauses.decisions().get(0)).credited());
        assertEquals(new Credit(2, 0), ((Paused) pauses.decisions().get(1)).credited());
        assertEquals(T0.plusSeconds(62), pauses.writes().credits().get(VIEWER).creditedUntil());
    }

    @Test
    void aLoopAroundAnAdEarnsTheNewViewersOneAdAndThenOnlyWhatWatchingPaysFor() {
        // the loop: resume at 4:59 of a 5:01 video, pause at 5:01 two seconds later (past the ad at 5:00), play
        // again (the end was reached: from 0), pause at 4:59 at once, and again, for 200 s
        Instant t = T0;
        Played start = store.playAt(t, ONE_AD_VIDEO, VIEWER);
        store.pauseAt(t, ONE_AD_VIDEO, VIEWER, start.playbackId(), 299);
        int cappedAds = 0;
        for (int cycle = 0; cycle < 100; cycle++) {
            Played near = store.playAt(t, ONE_AD_VIDEO, VIEWER);
            assertEquals(299, near.resumeFromSeconds());
            t = t.plusSeconds(2);
            Paused across = store.pauseAt(t, ONE_AD_VIDEO, VIEWER, near.playbackId(), 301);
            cappedAds += across.capped() ? 1 : 0;
            Played over = store.playAt(t, ONE_AD_VIDEO, VIEWER);
            store.pauseAt(t, ONE_AD_VIDEO, VIEWER, over.playbackId(), 299);
        }
        List<Long> totals = store.totals(ONE_AD_VIDEO);
        assertTrue(totals.get(1) <= 202, "credited at most the 200 s that passed and the tolerance: " + totals);
        assertEquals(1L, totals.get(2), "the new viewer's reserve holds one ad, then 5 minutes of play each: " + totals);
        assertEquals(99, cappedAds, "every crossing whose ad was withheld is reported capped");
    }

    @Test
    void pausingAClosedPlaybackIsAConflictAndChangesNothing() {
        Played p = store.playAt(T0, VIDEO, VIEWER);
        store.pauseAt(T0.plusSeconds(300), VIDEO, VIEWER, p.playbackId(), 300);
        int historyBefore = store.history.size();

        Outcome again = store.batch(T0.plusSeconds(400), new PauseRequest(VIDEO, VIEWER, p.playbackId(), 400));

        assertRefused(Refusal.ALREADY_CLOSED, again.decisions().get(0));
        assertNothingWritten(again);
        assertEquals(historyBefore, store.history.size());
        assertEquals(300, store.states.get(new ViewerVideo(VIEWER, VIDEO)).resumeSeconds());
    }

    @Test
    void aPauseWithoutAPlayOrOfSomeoneElsesPlaybackIsNotFound() {
        Played p = store.playAt(T0, VIDEO, VIEWER);
        Instant t = T0.plusSeconds(100);
        Outcome outcome = store.batch(t,
                new PauseRequest(VIDEO, VIEWER, 987_654_321L, 10),          // no such playback
                new PauseRequest(VIDEO, OTHER, p.playbackId(), 10),          // another viewer's
                new PauseRequest(SHORT_VIDEO, VIEWER, p.playbackId(), 10));  // on another video
        for (Decision decision : outcome.decisions()) {
            assertRefused(Refusal.UNKNOWN_PLAYBACK, decision);
        }
        assertNothingWritten(outcome);
        // still open: its owner can close it once
        assertEquals(new Credit(100, 0), store.pauseAt(t, VIDEO, VIEWER, p.playbackId(), 100).credited());
    }

    @Test
    void aPositionOutsideStartToDurationIsABadRequestAndLeavesThePlaybackOpen() {
        Played first = store.playAt(T0, VIDEO, VIEWER);
        store.pauseAt(T0.plusSeconds(300), VIDEO, VIEWER, first.playbackId(), 300);
        Instant t = T0.plusSeconds(600);
        Played resumed = store.playAt(t, VIDEO, VIEWER);
        assertEquals(300, resumed.resumeFromSeconds());

        Outcome outcome = store.batch(t.plusSeconds(300),
                new PauseRequest(VIDEO, VIEWER, resumed.playbackId(), 299),  // before the start
                new PauseRequest(VIDEO, VIEWER, resumed.playbackId(), 901),  // after the end
                new PauseRequest(VIDEO, VIEWER, resumed.playbackId(), 600));
        Refused early = assertRefused(Refusal.POSITION_OUT_OF_RANGE, outcome.decisions().get(0));
        assertTrue(early.message().contains("between"), early.message());
        assertRefused(Refusal.POSITION_OUT_OF_RANGE, outcome.decisions().get(1));
        // 300 < p <= 600: the ad at 600
        assertEquals(new Credit(300, 1), ((Paused) outcome.decisions().get(2)).credited());
        assertEquals(List.of(2L, 600L, 2L), store.totals(VIDEO));
    }

    @Test
    void refusalsAreCheckedOwnershipFirstThenClosedThenPosition() {
        Played p = store.playAt(T0, VIDEO, VIEWER);
        store.pauseAt(T0.plusSeconds(10), VIDEO, VIEWER, p.playbackId(), 10);
        // closed and out of range: 409; someone else's, closed and out of range: 404
        assertRefused(Refusal.ALREADY_CLOSED, store.batch(T0.plusSeconds(20),
                new PauseRequest(VIDEO, VIEWER, p.playbackId(), 5_000)).decisions().get(0));
        assertRefused(Refusal.UNKNOWN_PLAYBACK, store.batch(T0.plusSeconds(20),
                new PauseRequest(VIDEO, OTHER, p.playbackId(), 5_000)).decisions().get(0));
    }

    @Test
    void aRequestForAnUnknownVideoIsRefusedAloneAndWritesNothing() {
        PlayRequest lost = store.play(UNKNOWN_VIDEO, VIEWER);
        PlayRequest fine = store.play(VIDEO, VIEWER);
        Outcome outcome = store.batch(T0, lost, new PauseRequest(UNKNOWN_VIDEO, VIEWER, 5, 1), fine);

        Refused refused = assertRefused(Refusal.UNKNOWN_VIDEO, outcome.decisions().get(0));
        assertEquals("No video with id " + UNKNOWN_VIDEO, refused.message());
        assertRefused(Refusal.UNKNOWN_VIDEO, outcome.decisions().get(1));
        assertTrue(((Played) outcome.decisions().get(2)).outcome().isView());
        assertEquals(1, outcome.writes().opened().size());
        assertTrue(outcome.writes().history().stream().allMatch(h -> h.videoId() == VIDEO));
        assertEquals(Set.of(new ViewerVideo(VIEWER, VIDEO)), outcome.writes().states().keySet());
    }

    @Test
    void aBurstOfOneViewerInOneBatchCountsOnceAndTheCreatorNever() {
        List<PlayRequest> plays = List.of(store.play(VIDEO, VIEWER), store.play(VIDEO, VIEWER),
                store.play(VIDEO, CREATOR), store.play(VIDEO, VIEWER));
        Outcome outcome = store.batch(T0, plays.toArray(Request[]::new));

        assertEquals(List.of(ViewCounting.Outcome.COUNTED, ViewCounting.Outcome.WITHIN_WINDOW,
                        ViewCounting.Outcome.OWN_VIDEO, ViewCounting.Outcome.WITHIN_WINDOW),
                outcome.decisions().stream().map(d -> ((Played) d).outcome()).toList());
        assertEquals(4, outcome.writes().opened().stream().map(PlaybackWrites.Opened::id).distinct().count());
        assertEquals(List.of(1L, 0L, 0L), store.totals(VIDEO));
        assertEquals(4, store.history.size());
    }

    /** The batch of {@code PlaybackBatchTest.pausesInOneBatchSeeEachOtherAndAPlayAfterThemResumes}, decided alone. */
    @Test
    void requestsOfOneBatchSeeEachOtherInArrivalOrder() {
        Played first = store.playAt(T0, VIDEO, VIEWER);
        long playback = first.playbackId();
        PlayRequest resume = store.play(VIDEO, VIEWER);
        Outcome outcome = store.batch(T0.plusSeconds(10),
                new PauseRequest(VIDEO, VIEWER, playback, 901),          // beyond the end: checked before the close
                new PauseRequest(VIDEO, VIEWER, playback, 650),          // closes it
                new PauseRequest(VIDEO, VIEWER, playback, 700),          // closed by the one before it
                new PauseRequest(VIDEO, OTHER, playback, 700),
                new PauseRequest(VIDEO, VIEWER, 987_654_321_000L, 10),
                resume);
        List<Decision> d = outcome.decisions();

        assertRefused(Refusal.POSITION_OUT_OF_RANGE, d.get(0));
        assertEquals(new Paused(650, new Credit(12, 0), new Credit(12, 0), true), d.get(1));
        assertRefused(Refusal.ALREADY_CLOSED, d.get(2));
        assertRefused(Refusal.UNKNOWN_PLAYBACK, d.get(3));
        assertRefused(Refusal.UNKNOWN_PLAYBACK, d.get(4));
        assertEquals(new Played(resume.newPlaybackId(), 650, ViewCounting.Outcome.WITHIN_WINDOW), d.get(5));
        assertEquals(List.of(1L, 12L, 0L), store.totals(VIDEO));
        assertEquals(3, store.history.size(), "the first play, its segment, the second play");
        // one row per changed pair, holding the last of its changes
        Instant at = T0.plusSeconds(10);
        assertEquals(Map.of(new ViewerVideo(VIEWER, VIDEO), new PlayState(DatabaseTime.microsOf(at), 650)),
                outcome.writes().states());
        assertEquals(List.of(new PlaybackWrites.Closed(playback, 650)), outcome.writes().closed());
    }

    @Test
    void aPauseCannotCloseAPlaybackOpenedInTheSameBatch() {
        // the id is answered only after the commit; a guessed one names no playback that was locked
        PlayRequest play = store.play(VIDEO, VIEWER);
        Outcome outcome = store.batch(T0, play, new PauseRequest(VIDEO, VIEWER, play.newPlaybackId(), 0));
        assertRefused(Refusal.UNKNOWN_PLAYBACK, outcome.decisions().get(1));
        assertEquals(List.of(), outcome.writes().closed());
    }

    @Test
    void recordsAreDatedInThePlatformZoneAtTheirBatchsInstant() {
        Instant beforeMidnight = Instant.parse("2026-03-01T14:59:59Z"); // 23:59:59 in Seoul
        Played p = store.playAt(beforeMidnight, VIDEO, VIEWER);
        assertEquals(LocalDate.parse("2026-03-01"), store.lastDate);
        store.pauseAt(beforeMidnight.plusSeconds(1), VIDEO, VIEWER, p.playbackId(), 1);
        assertEquals(LocalDate.parse("2026-03-02"), store.lastDate);
        assertEquals(LocalDate.parse("2026-03-01"),
                new PlaybackRules(ZoneId.of("UTC")).apply(List.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                        Instant.parse("2026-03-01T15:00:00Z")).writes().date());
    }

    @Test
    void onlyChangedStatesAreWritten() {
        Played p = store.playAt(T0, VIDEO, VIEWER);
        store.pauseAt(T0.plusSeconds(5), VIDEO, VIEWER, p.playbackId(), 5);
        // a refused pause locks the pair but leaves its state as it was
        Outcome refused = store.batch(T0.plusSeconds(6), new PauseRequest(VIDEO, VIEWER, p.playbackId(), 6),
                store.play(VIDEO, OTHER));
        assertEquals(Set.of(new ViewerVideo(OTHER, VIDEO)), refused.writes().states().keySet());
    }

    @Test
    void locksAreEveryPairAndEveryPausedPlaybackInLockOrder() {
        PlaybackRules.Locks locks = PlaybackRules.locksFor(List.of(new PlayRequest(VIDEO, 7, 1),
                new PauseRequest(SHORT_VIDEO, 2, 40, 0), new PauseRequest(VIDEO, 2, 30, 0),
                new PlayRequest(VIDEO, 7, 2), new PauseRequest(VIDEO, 2, 30, 1)));
        assertEquals(List.of(new ViewerVideo(2, VIDEO), new ViewerVideo(2, SHORT_VIDEO), new ViewerVideo(7, VIDEO)),
                List.copyOf(locks.states()));
        assertEquals(new TreeSet<>(List.of(30L, 40L)), locks.playbacks());
        assertEquals(new TreeSet<>(List.of(2L)), locks.viewers(), "the viewers whose time the pauses use");
    }

    @Test
    void aPairWhoseStateWasNotLockedIsAnError() {
        PlaybackRules rules = new PlaybackRules(SEOUL);
        List<Request> play = List.of(new PlayRequest(VIDEO, VIEWER, 1));
        Map<Long, VideoFacts> videos = Map.of(VIDEO, new VideoFacts(CREATOR, 900));
        assertThrows(IllegalArgumentException.class, () -> rules.apply(play, videos, Map.of(), Map.of(), Map.of(), T0));
    }

    private static Refused assertRefused(Refusal reason, Decision decision) {
        Refused refused = assertInstanceOf(Refused.class, decision);
        assertEquals(reason, refused.reason(), refused.message());
        return refused;
    }

    private static void assertNothingWritten(Outcome outcome) {
        PlaybackWrites w = outcome.writes();
        assertEquals(List.of(), w.opened());
        assertEquals(List.of(), w.closed());
        assertEquals(Map.of(), w.states());
        assertEquals(List.of(), w.history());
    }

    /** Rows as the repository keeps them: each batch locks from here and its writes are committed here. */
    private static final class Store {
        private final PlaybackRules rules = new PlaybackRules(SEOUL);
        private final Map<Long, VideoFacts> videos;
        final Map<ViewerVideo, PlayState> states = new HashMap<>();
        final Map<Long, Playback> playbacks = new HashMap<>();
        final Map<Long, ViewerTime> credits = new HashMap<>();
        final List<PlaybackWrites.HistoryRecord> history = new ArrayList<>();
        LocalDate lastDate;
        private long nextId = 1_000;

        Store(Map<Long, VideoFacts> videos) {
            this.videos = videos;
        }

        PlayRequest play(long video, long viewer) {
            return new PlayRequest(video, viewer, nextId++);
        }

        Played playAt(Instant at, long video, long viewer) {
            return (Played) batch(at, play(video, viewer)).decisions().get(0);
        }

        Paused pauseAt(Instant at, long video, long viewer, long playback, int position) {
            Decision decision = batch(at, new PauseRequest(video, viewer, playback, position)).decisions().get(0);
            return assertInstanceOf(Paused.class, decision);
        }

        Outcome batch(Instant at, Request... requests) {
            List<Request> batch = List.of(requests);
            PlaybackRules.Locks locks = PlaybackRules.locksFor(batch);
            Map<ViewerVideo, PlayState> lockedStates = new HashMap<>();
            for (ViewerVideo key : locks.states()) {
                lockedStates.put(key, states.getOrDefault(key, PlayState.NEVER_PLAYED));
            }
            Map<Long, Playback> lockedPlaybacks = new HashMap<>();
            for (long id : locks.playbacks()) {
                if (playbacks.containsKey(id)) {
                    lockedPlaybacks.put(id, playbacks.get(id));
                }
            }
            Map<Long, ViewerTime> lockedCredits = new HashMap<>();
            for (long viewer : locks.viewers()) {
                lockedCredits.put(viewer, credits.getOrDefault(viewer, ViewerTime.FRESH));
            }
            Outcome outcome = rules.apply(batch, videos, lockedStates, lockedPlaybacks, lockedCredits, at);
            assertEquals(batch.size(), outcome.decisions().size(), "one decision per request");
            PlaybackWrites w = outcome.writes();
            for (PlaybackWrites.Opened o : w.opened()) {
                playbacks.put(o.id(), new Playback(o.id(), o.videoId(), o.viewerId(), o.startSeconds(), w.at(), false));
            }
            for (PlaybackWrites.Closed c : w.closed()) {
                playbacks.put(c.id(), playbacks.get(c.id()).closedNow());
            }
            states.putAll(w.states());
            credits.putAll(w.credits());
            history.addAll(w.history());
            lastDate = w.date();
            return outcome;
        }

        /** Views, played seconds and ad views credited to a video. */
        List<Long> totals(long video) {
            long views = 0;
            long played = 0;
            long ads = 0;
            for (PlaybackWrites.HistoryRecord h : history) {
                if (h.videoId() == video) {
                    views += h.countedView() ? 1 : 0;
                    played += h.playedSeconds();
                    ads += h.adViews();
                }
            }
            return List.of(views, played, ads);
        }
    }
}
