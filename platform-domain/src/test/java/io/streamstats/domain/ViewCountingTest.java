package io.streamstats.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamstats.domain.ViewCounting.Credit;
import io.streamstats.domain.ViewCounting.Outcome;
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
    void theCreatorsOwnSegmentCreditsNothing() {
        Credit watched = ViewCounting.watchable(0, 600, 900, Duration.ofSeconds(600));
        assertEquals(new Credit(0, 0), ViewCounting.credit(1, 1, watched));
        assertEquals(watched, ViewCounting.credit(2, 1, watched));
    }
}
