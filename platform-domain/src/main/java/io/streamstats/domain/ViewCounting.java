package io.streamstats.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The view-counting rules (DESIGN §2), in one place. A playback counts as a view unless the viewer is the video's
 * creator, or the same viewer started a playback of the same video less than 30 seconds before. A creator's own
 * playbacks credit nothing; a playback inside the window still credits its play time and ad views.
 *
 * <p>What a pause credits can never exceed what could have been watched: the position it claims is kept (a player
 * may seek forward), but the played seconds are capped at the time since the play was recorded plus
 * {@link #CREDIT_TOLERANCE}, and only the ads inside the credited part count. A viewer watches one thing at a
 * time: the time a pause credits is taken from the viewer's own time, which each pause uses up to the instant it
 * credited ({@link Watched#creditedUntil()}), so that playbacks held open at once (of one video or of several), or a
 * play and pause repeated at once around an ad, share one budget, and the tolerance is granted once, not per
 * playback. Every instant comes from one clock (the primary database's), so the cap does not depend on which
 * instance took the play or the pause.
 *
 * <p>Ads need watching too. An honest viewer passes at most one ad per {@link AdSchedule#INTERVAL_SECONDS} of
 * play, but a client that seeks to just before an ad and pauses just after it, again and again, would pass one
 * every few seconds of its time. So each ad credited takes {@link #AD_PLAY_MILLIS} from the viewer's ad reserve,
 * which every credited second refills, up to {@link #AD_RESERVE_MILLIS} (three ads); a new viewer starts with one.
 * A viewer who plays through is credited every ad, one who seeks to the next ads now and then too (the reserve
 * covers up to three at once), and a loop around an ad earns at most what watching would.
 */
public final class ViewCounting {

    public static final Duration ABUSE_WINDOW = Duration.ofSeconds(30);

    /**
     * Allowance on top of the time since the play: the play is stamped when its transaction runs, a little after
     * the player started, and seconds are whole. Small enough that a forged position gains at most this much.
     */
    public static final Duration CREDIT_TOLERANCE = Duration.ofSeconds(2);

    /**
     * How far past now plus the tolerance a viewer's time may be found before it is taken for a clock stepped back
     * (in exact arithmetic it never is; the margin keeps a rounding anywhere from resetting a viewer's time).
     */
    static final Duration CLOCK_STEP_SLACK = Duration.ofSeconds(1);

    /** The play an ad needs: the distance between two ads. */
    public static final long AD_PLAY_MILLIS = AdSchedule.INTERVAL_SECONDS * 1000L;

    /** The most a viewer's ad reserve holds: three ads beyond the play behind them. */
    public static final long AD_RESERVE_MILLIS = 3 * AD_PLAY_MILLIS;

    public enum Outcome {
        COUNTED(true), OWN_VIDEO(false), WITHIN_WINDOW(false);

        private final boolean view;

        Outcome(boolean view) {
            this.view = view;
        }

        public boolean isView() {
            return view;
        }
    }

    /** What one closed segment is worth: played seconds and ad views. */
    public record Credit(int playedSeconds, int adViews) {
        static final Credit NOTHING = new Credit(0, 0);
    }

    /**
     * What a viewer's pauses have used so far: their time up to {@code creditedUntil}, and the play their ad reserve
     * holds ({@code adReserveMillis}, 0 .. {@link #AD_RESERVE_MILLIS}).
     */
    public record ViewerTime(Instant creditedUntil, long adReserveMillis) {
        /**
         * A viewer never credited: no time used, one ad in the reserve (a viewer resuming just before an ad is
         * credited it; a new account is not worth three ads at once).
         */
        public static final ViewerTime FRESH = new ViewerTime(Instant.EPOCH, AD_PLAY_MILLIS);
    }

    /**
     * What a pause could have watched, and what the viewer has used once it is credited: their time up to the start
     * of the time it was taken from plus the seconds credited, and their ad reserve less the ads plus the seconds.
     * {@code adsHeldBack}: ads passed inside the credited seconds that the reserve did not pay for.
     */
    public record Watched(Credit credit, ViewerTime viewer, boolean adsHeldBack) {
        public Instant creditedUntil() {
            return viewer.creditedUntil();
        }
    }

    private ViewCounting() {
    }

    /**
     * @param previousPlayAt when this viewer last started a playback of this video, or null
     */
    public static Outcome classify(long viewerId, long creatorId, Instant previousPlayAt, Instant now) {
        if (viewerId == creatorId) {
            return Outcome.OWN_VIDEO;
        }
        if (previousPlayAt != null && Duration.between(previousPlayAt, now).compareTo(ABUSE_WINDOW) < 0) {
            return Outcome.WITHIN_WINDOW;
        }
        return Outcome.COUNTED;
    }

    /**
     * The segment from {@code startSeconds} to the claimed {@code endSeconds}, as far as it could have been watched
     * in {@code sincePlay}: at most the whole seconds of {@code sincePlay + CREDIT_TOLERANCE}, and the ads p with
     * start &lt; p ≤ start + those seconds.
     */
    public static Credit watchable(int startSeconds, int endSeconds, int durationSeconds, Duration sincePlay) {
        Instant playedAt = Instant.EPOCH;
        return watchable(startSeconds, endSeconds, durationSeconds, playedAt, ViewerTime.FRESH,
                playedAt.plus(sincePlay)).credit();
    }

    /**
     * The segment from {@code startSeconds} to the claimed {@code endSeconds} of a playback played at
     * {@code playedAt} and paused {@code now}, as far as the viewer could have watched it: the time since the play
     * plus {@link #CREDIT_TOLERANCE}, less the part of it the viewer's earlier pauses used (up to
     * {@link ViewerTime#creditedUntil()}, to any playback), in whole seconds; and of the ads p with start &lt; p ≤
     * start + those seconds, as many as the viewer's ad reserve and those seconds pay for. The viewer's time is
     * then used up to that later instant plus the seconds credited: over any run of pauses, a viewer is credited at
     * most the time that passed plus one tolerance, and at most the ads its reserve held plus one per 5 minutes of it.
     */
    public static Watched watchable(int startSeconds, int endSeconds, int durationSeconds, Instant playedAt,
                                    ViewerTime viewer, Instant now) {
        // every pause leaves the viewer's time at most one tolerance past its instant; further ahead only if the
        // database's clock was stepped back since: then this pause counts from its play, as a first one would
        Instant creditedUntil = viewer.creditedUntil();
        if (creditedUntil.isAfter(now.plus(CREDIT_TOLERANCE).plus(CLOCK_STEP_SLACK))) {
            creditedUntil = playedAt.isBefore(now) ? playedAt : now;
        }
        // the time since the play (none if the clock went back) and the tolerance, less what of it was used already;
        // exact to the instant's precision, then whole seconds down: rounding each part first would credit a second
        // that did not pass (0.999 s left read as 1 s)
        Duration sincePlay = playedAt.isBefore(now) ? Duration.between(playedAt, now) : Duration.ZERO;
        Duration used = creditedUntil.isAfter(playedAt) ? Duration.between(playedAt, creditedUntil) : Duration.ZERO;
        Duration available = sincePlay.plus(CREDIT_TOLERANCE).minus(used);
        Instant from = creditedUntil.isAfter(playedAt) ? creditedUntil : playedAt;
        int played = available.isNegative() ? 0 : (int) Math.min(endSeconds - startSeconds, available.getSeconds());
        // the seconds credited refill the reserve first, then each ad passed takes one ad's play from it
        long reserve = Math.max(0, Math.min(AD_RESERVE_MILLIS, viewer.adReserveMillis())) + played * 1000L;
        int passed = AdSchedule.adsBetween(startSeconds, startSeconds + played, durationSeconds);
        int ads = (int) Math.min(passed, reserve / AD_PLAY_MILLIS);
        reserve = Math.min(AD_RESERVE_MILLIS, reserve - ads * AD_PLAY_MILLIS);
        return new Watched(new Credit(played, ads), new ViewerTime(from.plusSeconds(played), reserve), ads < passed);
    }

    /** What the statistics are credited with for a watchable segment: nothing for the creator's own playback. */
    public static Credit credit(long viewerId, long creatorId, Credit watchable) {
        return viewerId == creatorId ? Credit.NOTHING : watchable;
    }
}
