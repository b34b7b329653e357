package io.streamstats.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.domain.ViewCounting.Credit;
import io.streamstats.domain.ViewCounting.Outcome;
import io.streamstats.domain.ViewCounting.ViewerTime;
import io.streamstats.domain.ViewCounting.Watched;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        Watched first = ViewCounting.watchable(0, 60, 900, T0, ViewerTime.FRESH, T0.plusSeconds(60));
        assertEquals(new Credit(60, 0), first.credit());
        assertEquals(T0.plusSeconds(60), first.creditedUntil());
        Watched second = ViewCounting.watchable(0, 60, 900, T0, first.viewer(), T0.plusSeconds(60));
        assertEquals(new Credit(2, 0), second.credit());
        Watched third = ViewCounting.watchable(0, 60, 900, T0, second.viewer(), T0.plusSeconds(60));
        assertEquals(new Credit(0, 0), third.credit());
    }

    @Test
    void playAndPauseRepeatedAroundAnAdCreditItOncePerSecondOfRealTime() {
        // the attack: resume at 4:59, pause at 5:01 at once, again and again: the tolerance reaches the ad once
        // (by a viewer whose ad reserve is full: the time alone limits them here)
        ViewerTime until = new ViewerTime(Instant.EPOCH, ViewCounting.AD_RESERVE_MILLIS);
        int ads = 0;
        for (int i = 0; i < 100; i++) {
            Instant play = T0.plusMillis(10L * i);
            Watched w = ViewCounting.watchable(299, 301, 601, play, until, play.plusMillis(5));
            ads += w.credit().adViews();
            until = w.viewer();
        }
        assertEquals(1, ads, "100 cycles in one second");
        // once the viewer's time has caught up, the next crossing is credited again
        Instant later = T0.plusSeconds(3);
        assertEquals(new Credit(2, 1), ViewCounting.watchable(299, 301, 601, later, until, later.plusMillis(5)).credit());
    }

    @Test
    void overAnyRunOfPausesAViewerIsCreditedAtMostTheTimeThatPassedPlusOneTolerance() {
        java.util.Random random = new java.util.Random(42);
        ViewerTime until = ViewerTime.FRESH;
        Instant now = T0;
        long credited = 0;
        for (int i = 0; i < 10_000; i++) {
            Instant play = now.minusMillis(random.nextInt(120_000)); // playbacks opened at any time before
            now = now.plusMillis(random.nextInt(3_000));
            Watched w = ViewCounting.watchable(0, 86_400, 86_400, play, until, now);
            credited += w.credit().playedSeconds();
            assertTrue(!w.creditedUntil().isBefore(until.creditedUntil()), "the viewer's time only moves on");
            until = w.viewer();
            long bound = Duration.between(T0.minusSeconds(120), now).plus(ViewCounting.CREDIT_TOLERANCE).toSeconds();
            assertTrue(credited <= bound, credited + " s credited in " + bound + " s");
        }
    }

    @Test
    void aLoopAroundAnAdEarnsNoMoreAdsThanWatchingWould() {
        // the attack, in real time: resume at 4:59 of a 5:01 video, pause at 5:01 a second later (the ad at 5:00
        // passed), pause at 4:59 of the restarted video at once (nothing credited), and again, for an hour
        ViewerTime viewer = ViewerTime.FRESH;
        Instant now = T0;
        int ads = 0;
        long played = 0;
        for (int cycle = 0; cycle < 1_800; cycle++) {
            Instant play = now;
            now = now.plusSeconds(1);
            Watched cross = ViewCounting.watchable(299, 301, 301, play, viewer, now);
            Watched back = ViewCounting.watchable(0, 299, 301, now, cross.viewer(), now.plusMillis(1));
            ads += cross.credit().adViews() + back.credit().adViews();
            played += cross.credit().playedSeconds() + back.credit().playedSeconds();
            viewer = back.viewer();
            now = now.plusSeconds(1);
        }
        // an hour of a viewer's time: the new viewer's one ad plus one per 5 minutes of play, not one per cycle
        assertTrue(played <= 3_602, played + " s credited in an hour");
        assertTrue(ads <= 1 + played / 300, ads + " ads for " + played + " s of play");
        assertTrue(ads >= 1 + played / 300 - 1, "what the play pays for is credited: " + ads);
    }

    @Test
    void aViewerWhoSeeksToTheNextAdsIsCreditedWhatTheReserveHoldsThenOnePerFiveMinutesOfPlay() {
        // 295 → 305, 595 → 605, … of a 2-hour video: ten seconds around each ad, ten seconds apart, by a viewer
        // whose reserve is full (a new viewer after 10 minutes of play without ads)
        ViewerTime viewer = new ViewerTime(Instant.EPOCH, ViewCounting.AD_RESERVE_MILLIS);
        Instant now = T0;
        int[] ads = new int[5];
        for (int i = 0; i < ads.length; i++) {
            Instant play = now;
            now = now.plusSeconds(10);
            Watched w = ViewCounting.watchable(295 + 300 * i, 305 + 300 * i, 7_200, play, viewer, now);
            assertEquals(10, w.credit().playedSeconds());
            ads[i] = w.credit().adViews();
            viewer = w.viewer();
        }
        assertEquals("[1, 1, 1, 0, 0]", java.util.Arrays.toString(ads));
        // five minutes of play later the reserve holds an ad again: the next one is credited
        Instant play = now;
        now = now.plusSeconds(300);
        Watched watched = ViewCounting.watchable(1_795, 2_095, 7_200, play, viewer, now);
        assertEquals(new Credit(300, 1), watched.credit());
    }

    @Test
    void anHonestViewerPausingEveryMinuteIsCreditedEveryAd() {
        ViewerTime viewer = ViewerTime.FRESH;
        Instant now = T0;
        int ads = 0;
        for (int start = 0; start < 3_600; start += 60) {
            Instant play = now;
            now = now.plusSeconds(60);
            Watched w = ViewCounting.watchable(start, start + 60, 3_600, play, viewer, now);
            ads += w.credit().adViews();
            viewer = w.viewer();
        }
        assertEquals(11, ads, "300, 600, … 3300");
    }

    @Test
    void aNewViewersReserveHoldsOneAdAndFillsUpToThreeWithPlay() {
        assertEquals(ViewCounting.AD_PLAY_MILLIS, ViewerTime.FRESH.adReserveMillis());
        Watched hour = ViewCounting.watchable(0, 3_600, 3_601, T0, ViewerTime.FRESH, T0.plusSeconds(3_600));
        assertEquals(new Credit(3_600, 12), hour.credit());
        // 300 000 + 3 600 000 − 12 × 300 000 = 300 000: every ad paid; play between ads fills it to three, no more
        assertEquals(ViewCounting.AD_PLAY_MILLIS, hour.viewer().adReserveMillis());
        ViewerTime viewer = hour.viewer();
        Instant now = T0.plusSeconds(3_600);
        long[] reserve = new long[3];
        for (int i = 0; i < reserve.length; i++) {
            Instant play = now;
            now = now.plusSeconds(299);
            Watched between = ViewCounting.watchable(3_600 + 300 * i, 3_899 + 300 * i, 86_400, play, viewer, now);
            assertEquals(new Credit(299, 0), between.credit());
            viewer = between.viewer();
            reserve[i] = viewer.adReserveMillis();
        }
        assertEquals("[599000, 898000, 900000]", java.util.Arrays.toString(reserve));
    }

    @Test
    void aDatabaseClockSteppedBackHoldsAViewerForAtMostTheTolerance() {
        // the viewer's time was credited up to an hour ahead of the clock now (the primary's clock was stepped back):
        // a playback of 10 s is credited as a viewer's first would be, not nothing for an hour
        ViewerTime ahead = new ViewerTime(T0.plusSeconds(3_600), ViewCounting.AD_RESERVE_MILLIS);
        Watched first = ViewCounting.watchable(0, 900, 900, T0.minusSeconds(10), ahead, T0);
        assertEquals(new Credit(12, 0), first.credit());
        assertEquals(T0.plusSeconds(2), first.creditedUntil());
        // and the viewer's time is shared from there: another playback of the same instant, 5 s later, gets 5 s
        Watched next = ViewCounting.watchable(0, 900, 900, T0.minusSeconds(10), first.viewer(), T0.plusSeconds(5));
        assertEquals(new Credit(5, 0), next.credit());
    }

    @Test
    void aSecondThatHasNotPassedIsNotCreditedWhateverTheSubMillisecondParts() {
        // seen under load: two playbacks of one burst paused together, the viewer's time 1.015784 s past the play,
        // 15.064 ms since it: 0.99928 s left. Milliseconds rounded down part by part read 15 + 2000 − 1015 = 1000 ms
        // and credited a second, which put the viewer's time past now + 2 s and so reset it: 1 + 2 s in one batch
        Instant play = Instant.parse("2026-12-07T02:11:31.266216Z");
        Instant now = Instant.parse("2026-12-07T02:11:31.281280Z");
        ViewerTime viewer = new ViewerTime(Instant.parse("2026-12-07T02:11:32.282Z"), 314_000);
        Watched first = ViewCounting.watchable(0, 299, 3_600, play, viewer, now);
        Watched second = ViewCounting.watchable(0, 395, 3_600, play, first.viewer(), now);
        assertEquals(List.of(0, 0), List.of(first.credit().playedSeconds(), second.credit().playedSeconds()));
    }

    @Test
    void overAnyRunOfPausesToTheMicrosecondAViewerIsCreditedAtMostTheTimeThatPassedPlusOneTolerance() {
        java.util.Random random = new java.util.Random(7);
        for (int viewer = 0; viewer < 200; viewer++) {
            ViewerTime time = ViewerTime.FRESH;
            Instant first = T0.plusNanos(random.nextInt(1_000_000) * 1_000L);
            Instant now = first;
            List<Instant> open = new java.util.ArrayList<>(List.of(first));
            long credited = 0;
            for (int i = 0; i < 200; i++) {
                now = now.plusNanos(random.nextInt(1_500_000) * 1_000L); // up to 1.5 s, in microseconds
                if (random.nextBoolean()) {
                    open.add(now); // another playback opened at once, of the same video or another
                }
                Instant play = open.remove(random.nextInt(open.size()));
                if (open.isEmpty()) {
                    open.add(now);
                }
                Watched w = ViewCounting.watchable(0, 86_400, 86_400, play, time, now);
                credited += w.credit().playedSeconds();
                time = w.viewer();
                Duration passed = Duration.between(first, now).plus(ViewCounting.CREDIT_TOLERANCE);
                assertTrue(credited <= passed.getSeconds(), credited + " s credited in " + passed);
            }
        }
    }

    @Test
    void theCreatorsOwnSegmentCreditsNothing() {
        Credit watched = ViewCounting.watchable(0, 600, 900, Duration.ofSeconds(600));
        assertEquals(new Credit(0, 0), ViewCounting.credit(1, 1, watched));
        assertEquals(watched, ViewCounting.credit(2, 1, watched));
    }
}
