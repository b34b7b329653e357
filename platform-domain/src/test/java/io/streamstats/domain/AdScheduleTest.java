package io.streamstats.domain;

import static io.streamstats.domain.AdSchedule.INTERVAL_SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Written in INTERVAL_SECONDS, so a change of the interval is an edit of AdSchedule alone. */
class AdScheduleTest {

    private static final int I = INTERVAL_SECONDS;

    @Test
    void adsSitAtEveryFullIntervalStrictlyInsideTheVideo() {
        assertArrayEquals(new int[0], AdSchedule.positions(I)); // none at the very end
        assertArrayEquals(new int[] {I}, AdSchedule.positions(I + 1));
        assertArrayEquals(new int[] {I, 2 * I}, AdSchedule.positions(3 * I));
        assertArrayEquals(new int[] {I, 2 * I, 3 * I}, AdSchedule.positions(3 * I + 1));
        assertArrayEquals(new int[0], AdSchedule.positions(1));
    }

    @Test
    void aSegmentPassesTheAdsAfterItsStartUpToAndIncludingItsEnd() {
        int duration = 3 * I + 1;
        assertEquals(0, AdSchedule.adsBetween(0, I - 1, duration));
        assertEquals(1, AdSchedule.adsBetween(0, I, duration));
        assertEquals(0, AdSchedule.adsBetween(I, 2 * I - 1, duration)); // the ad at the start was passed before
        assertEquals(3, AdSchedule.adsBetween(0, duration, duration));
        assertEquals(0, AdSchedule.adsBetween(2 * I, 2 * I, duration));
        // a video of exactly 2 intervals has one ad: the end is not inside
        assertEquals(1, AdSchedule.adsBetween(0, 2 * I, 2 * I));
    }
}
