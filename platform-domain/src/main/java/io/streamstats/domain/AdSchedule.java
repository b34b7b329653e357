package io.streamstats.domain;

import java.util.stream.IntStream;

/** Ads sit at every full 5 minutes strictly inside a video: 300, 600, … &lt; duration. */
public final class AdSchedule {

    public static final int INTERVAL_SECONDS = 300;

    private AdSchedule() {
    }

    public static int[] positions(int durationSeconds) {
        return IntStream.iterate(INTERVAL_SECONDS, p -> p < durationSeconds, p -> p + INTERVAL_SECONDS).toArray();
    }

    /** Ads passed by a segment: positions p with start &lt; p ≤ end. */
    public static int adsBetween(int startSeconds, int endSeconds, int durationSeconds) {
        int lastAd = (durationSeconds - 1) / INTERVAL_SECONDS; // index of the last ad strictly inside
        int upTo = Math.min(endSeconds / INTERVAL_SECONDS, lastAd);
        int before = Math.min(startSeconds / INTERVAL_SECONDS, lastAd);
        return Math.max(0, upTo - before);
    }
}
