package io.streamstats.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.domain.ViewCounting.Credit;
import io.streamstats.domain.ViewCounting.Outcome;
import io.streamstats.domain.ViewCounting.Watched;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The view-counting and credit rules as plain functions, with their edges. */
class ViewCountingTest {

    private static final Instant T0 = Instant.parse("2026-05-10T03:00:00Z");

    @Test
    void aPlayCountsUnlessOwnOrInsideThirtySecondsOfTheLastPlay() {
        assertEquals(Outcome.COUNTED, ViewCounting.classify(2, 1, null, T0));
        assertEquals(Outcome.OWN_VIDEO, ViewCounting.classify(1, 1, null, T0));
        assertEquals(Outcome.WITHIN_WINDOW, ViewCounting.classify(2, 1, T0, T0.plusMillis(29_999)));
        assertEquals(Outcome.COUNTED, ViewCounting.classify(2, 1, T0, T0.plusSeconds(30)));
    }

    @Test
    void anHonestSegmentIsCreditedInFull() {
        assertEquals(new Credit(600, 2), ViewCounting.watchable(0, 600, 900, Duration.ofSeconds(600)));
        assertEquals(new Credit(1, 0), ViewCounting.watchable(899, 900, 900, Duration.ofSeconds(1)));
        // pausing a little before the server saw the time pass (rounding, network) is inside the tolerance
        assertEquals(new Credit(301, 1), ViewCounting.watchable(0, 301, 301, Duration.ofMillis(299_000)));
    }

    @Test
    void aClaimBeyondTheTimeSinceThePlayIsCappedAndOnlyItsAdsCount() {
        // the forged case: the end of a 24-hour video claimed 0.5 s after the play
        assertEquals(new Credit(2, 0), ViewCounting.watchable(0, 86_400, 86_400, Duration.ofMillis(500)));
        // 297.999 s + 2 s = 299 whole seconds: the ad at 300 is not reached; 298 s reach it
        assertEquals(new Credit(299, 0), ViewCounting.watchable(0, 900, 900, Duration.ofMillis(297_999)));
        assertEquals(new Credit(300, 1), ViewCounting.watchable(0, 900, 900, Duration.ofSeconds(298)));
        // credited from where the playback started: 590 + 12 s reach the ad at 600 only
        assertEquals(new Credit(12, 1), ViewCounting.watchable(590, 900, 900, Duration.ofSeconds(10)));
    }

    @Test
    void aClockThatWentBackCreditsOnlyTheTolerance() {
        assertEquals(new Credit(2, 0), ViewCounting.watchable(0, 600, 900, Duration.ofSeconds(-30)));
    }

    @Test
    void playbacksHeldOpenAtOnceShareTheViewersTime() {
        // two playbacks (of one video or two) played together and both paused a minute later, claiming a minute:
        // the first pause takes the minute, the second only what is left of the tolerance
        Watched first = ViewCounting.watchable(0, 60, 900, T0, Instant.EPOCH, T0.plusSeconds(60));
        assertEquals(new Credit(60, 0), first.credit());
        assertEquals(T0.plusSeconds(60), first.creditedUntil());
        Watched second = ViewCounting.watchable(0, 60, 900, T0, first.creditedUntil(), T0.plusSeconds(60));
        assertEquals(new Credit(2, 0), second.credit());
        Watched third = ViewCounting.watchable(0, 60, 900, T0, second.creditedUntil(), T0.plusSeconds(60));
        assertEquals(new Credit(0, 0), third.credit());
    }

    @Test
    void playAndPauseRepeatedAroundAnAdCreditItOncePerSecondOfRealTime() {
        // the attack: resume at 4:59, pause at 5:01 at once, again and again: the tolerance reaches the ad once
        Instant until = Instant.EPOCH;
        int ads = 0;
        for (int i = 0; i < 100; i++) {
            Instant play = T0.plusMillis(10L * i);
            Watched w = ViewCounting.watchable(299, 301, 601, play, until, play.plusMillis(5));
            ads += w.credit().adViews();
            until = w.creditedUntil();
        }
        assertEquals(1, ads, "100 cycles in one second");
        // once the viewer's time has caught up, the next crossing is credited again
        Instant later = T0.plusSeconds(3);
        assertEquals(new Credit(2, 1), ViewCounting.watchable(299, 301, 601, later, until, later.plusMillis(5)).credit());
    }

    @Test
    void overAnyRunOfPausesAViewerIsCreditedAtMostTheTimeThatPassedPlusOneTolerance() {
        java.util.Random random = new java.util.Random(42);
        Instant until = Instant.EPOCH;
        Instant now = T0;
        long credited = 0;
        for (int i = 0; i < 10_000; i++) {
            Instant play = now.minusMillis(random.nextInt(120_000)); // playbacks opened at any time before
            now = now.plusMillis(random.nextInt(3_000));
            Watched w = ViewCounting.watchable(0, 86_400, 86_400, play, until, now);
            credited += w.credit().playedSeconds();
            assertTrue(!w.creditedUntil().isBefore(until), "the viewer's time only moves on");
            until = w.creditedUntil();
            long bound = Duration.between(T0.minusSeconds(120), now).plus(ViewCounting.CREDIT_TOLERANCE).toSeconds();
            assertTrue(credited <= bound, credited + " s credited in " + bound + " s");
        }
    }

    @Test
    void theCreatorsOwnSegmentCreditsNothing() {
        Credit watched = ViewCounting.watchable(0, 600, 900, Duration.ofSeconds(600));
        assertEquals(new Credit(0, 0), ViewCounting.credit(1, 1, watched));
        assertEquals(watched, ViewCounting.credit(2, 1, watched));
    }
}
