package io.streamstats.streaming.domain;

import io.streamstats.domain.ViewCounting;
import io.streamstats.domain.ViewCounting.Credit;
import io.streamstats.domain.ViewCounting.ViewerTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a batch of play and pause requests does (DESIGN §2), as a plain function of the locked state: given the
 * (viewer, video) states and playbacks the batch holds locked, the requests in arrival order and the batch's
 * instant, it decides each request (answer or refusal) and what to write. Requests are applied one after another,
 * each seeing what the ones before it did, so a batch gives exactly what its requests give one at a time.
 *
 * <p>The rules applied, in this order for each request:
 * <ul>
 *   <li>a request for a video that does not exist is refused ({@link Refusal#UNKNOWN_VIDEO}) and writes nothing;</li>
 *   <li>play: opens a playback at the resume position (where the viewer last paused, 0 if never or if that was the
 *   end), counted as a view as {@link ViewCounting#classify} says (not the creator's own, not within 30 seconds of
 *   the viewer's previous play of the video), records the play (the view) and remembers the play's instant;</li>
 *   <li>pause: refused when the playback does not exist or is another viewer's or another video's
 *   ({@link Refusal#UNKNOWN_PLAYBACK}), is already closed ({@link Refusal#ALREADY_CLOSED}), or the position is
 *   outside start..duration ({@link Refusal#POSITION_OUT_OF_RANGE}); a refused pause changes nothing. Otherwise
 *   it closes the playback at the claimed position (the next play resumes there) and records a segment credited
 *   with what could have been watched since the play out of the viewer's own time, which the pause then uses up
 *   ({@link ViewCounting#watchable}), nothing for the creator's own ({@link ViewCounting#credit}).</li>
 * </ul>
 * Every record is dated by the batch's instant in the platform zone.
 */
public final class PlaybackRules {

    /** What the rules need to know of a video. */
    public record VideoFacts(long creatorId, int durationSeconds) {
    }

    /** A request of the batch. */
    public sealed interface Request permits PlayRequest, PauseRequest {
        long videoId();

        long viewerId();

        default ViewerVideo key() {
            return new ViewerVideo(viewerId(), videoId());
        }
    }

    /** A play; {@code newPlaybackId} is the id of the playback it opens (ids are handed out before the batch). */
    public record PlayRequest(long videoId, long viewerId, long newPlaybackId) implements Request {
    }

    public record PauseRequest(long videoId, long viewerId, long playbackId, int positionSeconds) implements Request {
    }

    /** What was decided for one request. */
    public sealed interface Decision permits Played, Paused, Refused {
    }

    /** An accepted play: the playback it opened, where it resumes, and whether (and why not) it is a view. */
    public record Played(long playbackId, int resumeFromSeconds, ViewCounting.Outcome outcome) implements Decision {
    }

    /**
     * An accepted pause: the position it claimed, what could have been watched (the answer), what the statistics
     * are credited with (nothing for the creator's own), and whether the claim was more than could have been
     * watched.
     */
    public record Paused(int positionSeconds, Credit watchable, Credit credited, boolean capped) implements Decision {
    }

    public enum Refusal {
        UNKNOWN_VIDEO, UNKNOWN_PLAYBACK, ALREADY_CLOSED, POSITION_OUT_OF_RANGE
    }

    /** A refused request: it changed nothing. */
    public record Refused(Refusal reason, String message) implements Decision {
    }

    /**
     * The rows a batch must hold locked before its rules can run, each set in lock order: the viewers whose time
     * its pauses use, the (viewer, video) states, the playbacks its pauses close.
     */
    public record Locks(SortedSet<Long> viewers, SortedSet<ViewerVideo> states, SortedSet<Long> playbacks) {
    }

    /** The decisions, one per request in the order of the requests, and what to write. */
    public record Outcome(List<Decision> decisions, PlaybackWrites writes) {
    }

    private final ZoneId zone;

    /** @param zone the platform time zone, which dates the records */
    public PlaybackRules(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
    }

    /**
     * The credit rows of the viewers who pause, the state rows of every request, the playback rows the pauses close.
     */
    public static Locks locksFor(List<? extends Request> requests) {
        SortedSet<Long> viewers = new TreeSet<>();
        SortedSet<ViewerVideo> states = new TreeSet<>();
        SortedSet<Long> playbacks = new TreeSet<>();
        for (Request request : requests) {
            states.add(request.key());
            if (request instanceof PauseRequest pause) {
                viewers.add(pause.viewerId());
                playbacks.add(pause.playbackId());
            }
        }
        return new Locks(viewers, states, playbacks);
    }

    /**
     * Applies the requests in order. A pause can only close a playback that existed when the batch locked its rows
     * (its id is answered only after the play's batch commits).
     *
     * @param videos          the videos of the requests, by id; a request whose video is absent is refused
     * @param lockedStates    the state of every (viewer, video) of {@link #locksFor} (a pair never seen before:
     *                        {@link PlayState#NEVER_PLAYED})
     * @param lockedPlaybacks the playbacks of {@link #locksFor} that exist, by id
     * @param lockedCredits   for every viewer of {@link #locksFor}, what their pauses used so far: their time up to
     *                        when it was credited already, and their ad reserve ({@link ViewerTime#FRESH}: never
     *                        credited)
     * @param now             the batch's instant
     */
    public Outcome apply(List<? extends Request> requests, Map<Long, VideoFacts> videos,
                         Map<ViewerVideo, PlayState> lockedStates, Map<Long, Playback> lockedPlaybacks,
                         Map<Long, ViewerTime> lockedCredits, Instant now) {
        Map<ViewerVideo, PlayState> states = new TreeMap<>(lockedStates);
        // threaded through the batch: a viewer's second pause in it sees what the first used
        Map<Long, ViewerTime> credits = new TreeMap<>(lockedCredits);
        Map<Long, Playback> playbacks = new HashMap<>(lockedPlaybacks);
        List<PlaybackWrites.Opened> opened = new ArrayList<>();
        List<PlaybackWrites.Closed> closed = new ArrayList<>();
        List<PlaybackWrites.HistoryRecord> history = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (Request request : requests) {
            VideoFacts video = videos.get(request.videoId());
            if (video == null) {
                decisions.add(new Refused(Refusal.UNKNOWN_VIDEO, "No video with id " + request.videoId()));
                continue;
            }
            ViewerVideo key = request.key();
            PlayState state = states.get(key);
            if (state == null) {
                throw new IllegalArgumentException("the state of " + key + " was not locked");
            }
            switch (request) {
                case PlayRequest play -> {
                    ViewCounting.Outcome outcome = ViewCounting.classify(play.viewerId(), video.creatorId(),
                            state.lastPlay(), now);
                    int resume = state.resumeSeconds() >= video.durationSeconds() ? 0 : state.resumeSeconds();
                    long id = play.newPlaybackId();
                    opened.add(new PlaybackWrites.Opened(id, play.videoId(), play.viewerId(), resume,
                            outcome.isView()));
                    history.add(new PlaybackWrites.HistoryRecord(play.videoId(), id, false, play.viewerId(),
                            outcome.isView(), 0, 0, resume, resume));
                    states.put(key, state.playedAt(now));
                    decisions.add(new Played(id, resume, outcome));
                }
                case PauseRequest pause -> {
                    Playback playback = playbacks.get(pause.playbackId());
                    Refused refused = refusal(pause, playback, video);
                    if (refused != null) {
                        decisions.add(refused);
                        continue;
                    }
                    int position = pause.positionSeconds();
                    ViewerTime viewerTime = credits.get(pause.viewerId());
                    if (viewerTime == null) {
                        throw new IllegalArgumentException("the time of viewer " + pause.viewerId() + " was not locked");
                    }
                    // the claimed position is kept (players seek), but only what could have been watched is credited
                    ViewCounting.Watched watched = ViewCounting.watchable(playback.startSeconds(), position,
                            video.durationSeconds(), playback.startedAt(), viewerTime, now);
                    credits.put(pause.viewerId(), watched.viewer());
                    Credit watchable = watched.credit();
                    Credit credit = ViewCounting.credit(pause.viewerId(), video.creatorId(), watchable);
                    closed.add(new PlaybackWrites.Closed(playback.id(), position));
                    history.add(new PlaybackWrites.HistoryRecord(pause.videoId(), playback.id(), true, pause.viewerId(),
                            false, credit.playedSeconds(), credit.adViews(), playback.startSeconds(), position));
                    states.put(key, new PlayState(state.lastPlayMicros(), position));
                    playbacks.put(playback.id(), playback.closedNow());
                    boolean capped = watchable.playedSeconds() < position - playback.startSeconds()
                            || watched.adsHeldBack();
                    decisions.add(new Paused(position, watchable, credit, capped));
                }
            }
        }
        Map<ViewerVideo, PlayState> changed = new TreeMap<>();
        states.forEach((key, state) -> {
            if (!state.equals(lockedStates.get(key))) {
                changed.put(key, state);
            }
        });
        Map<Long, ViewerTime> changedCredits = new TreeMap<>();
        credits.forEach((viewer, until) -> {
            if (!until.equals(lockedCredits.get(viewer))) {
                changedCredits.put(viewer, until);
            }
        });
        PlaybackWrites writes = new PlaybackWrites(now, LocalDate.ofInstant(now, zone), opened, closed,
                Collections.unmodifiableMap(changed), Collections.unmodifiableMap(changedCredits), history,
                liveCounts(history, videos));
        return new Outcome(List.copyOf(decisions), writes);
    }

    /**
     * The history records summed per video, in video-id order: the live counters of the day gain exactly what the
     * settlement batch will read from these records. Videos credited nothing (creator's own, within the window)
     * get no row.
     */
    static List<PlaybackWrites.LiveCount> liveCounts(List<PlaybackWrites.HistoryRecord> history,
                                                     Map<Long, VideoFacts> videos) {
        Map<Long, long[]> sums = new TreeMap<>();
        for (PlaybackWrites.HistoryRecord h : history) {
            long[] sum = sums.computeIfAbsent(h.videoId(), id -> new long[3]);
            sum[0] += h.countedView() ? 1 : 0;
            sum[1] += h.playedSeconds();
            sum[2] += h.adViews();
        }
        List<PlaybackWrites.LiveCount> live = new ArrayList<>(sums.size());
        sums.forEach((videoId, sum) -> {
            if (sum[0] != 0 || sum[1] != 0 || sum[2] != 0) {
                live.add(new PlaybackWrites.LiveCount(videoId, videos.get(videoId).creatorId(), sum[0], sum[1],
                        sum[2]));
            }
        });
        return List.copyOf(live);
    }

    /** Why this pause changes nothing, or null when it may close the playback. */
    private static Refused refusal(PauseRequest pause, Playback playback, VideoFacts video) {
        if (playback == null || playback.viewerId() != pause.viewerId() || playback.videoId() != pause.videoId()) {
            return new Refused(Refusal.UNKNOWN_PLAYBACK,
                    "No playback " + pause.playbackId() + " of yours on video " + pause.videoId());
        }
        if (playback.closed()) {
            return new Refused(Refusal.ALREADY_CLOSED,
                    "Playback " + pause.playbackId() + " is already paused (closed)");
        }
        if (pause.positionSeconds() < playback.startSeconds() || pause.positionSeconds() > video.durationSeconds()) {
            return new Refused(Refusal.POSITION_OUT_OF_RANGE, "positionSeconds: must be between the playback's start ("
                    + playback.startSeconds() + ") and the video's duration (" + video.durationSeconds() + ")");
        }
        return null;
    }
}
