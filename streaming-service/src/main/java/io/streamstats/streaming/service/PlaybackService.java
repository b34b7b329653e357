package io.streamstats.streaming.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.streamstats.common.rest.ApiException;
import io.streamstats.streaming.config.StreamingConfig;
import io.streamstats.streaming.domain.Video;
import io.streamstats.streaming.domain.ViewCounting;
import io.streamstats.streaming.repository.PlaybackIds;
import io.streamstats.streaming.repository.PlaybackRepository;
import io.streamstats.streaming.repository.PlaybackRepository.ClosedPlayback;
import io.streamstats.streaming.repository.PlaybackRepository.HistoryRecord;
import io.streamstats.streaming.repository.PlaybackRepository.Locked;
import io.streamstats.streaming.repository.PlaybackRepository.NewPlayback;
import io.streamstats.streaming.repository.PlaybackRepository.OpenPlayback;
import io.streamstats.streaming.repository.PlaybackRepository.PlayState;
import io.streamstats.streaming.repository.PlaybackRepository.StateKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Play and pause: opens and closes playbacks and appends the watch history (DESIGN §2). Requests are queued and
 * written in batches (group commit): a batch locks the rows it touches, applies its requests one after another
 * in arrival order exactly as if each were alone, and commits once; only then does any of them get its answer.
 */
@io.quarkus.runtime.Startup // its meters and writer threads exist from the start
@ApplicationScoped
public class PlaybackService {

    private static final Logger LOG = Logger.getLogger(PlaybackService.class);

    public record PlayResult(long playbackId, int resumeFromSeconds, boolean countedAsView) {
    }

    public record PauseResult(int positionSeconds, int playedSeconds, int adViews) {
    }

    /** A queued request: which (viewer, video) row it locks, and how it is answered. */
    sealed interface Command permits Play, Pause {
        long videoId();

        long viewerId();

        CompletableFuture<?> answer();

        /** System.nanoTime() when the request joined the queue. */
        long queuedAt();

        default StateKey key() {
            return new StateKey(viewerId(), videoId());
        }
    }

    record Play(long videoId, long viewerId, CompletableFuture<PlayResult> answer, long queuedAt)
            implements Command {
    }

    record Pause(long videoId, long viewerId, long playbackId, int positionSeconds,
                 CompletableFuture<PauseResult> answer, Timer.Sample started, long queuedAt) implements Command {
    }

    private final Map<ViewCounting.Outcome, Counter> playsByOutcome = new EnumMap<>(ViewCounting.Outcome.class);
    private final Timer pauseTimer;
    private final Counter cappedPauses;
    private final DistributionSummary batchSizes;
    private WriteBatcher<Command> batcher;

    @Inject
    PlaybackRepository playbacks;

    @Inject
    PlaybackIds playbackIds;

    @Inject
    VideoService videos;

    @Inject
    StreamingConfig config;

    @Inject
    PlaybackClock clock;

    @Inject
    PlaybackService(MeterRegistry registry) {
        for (ViewCounting.Outcome outcome : ViewCounting.Outcome.values()) {
            playsByOutcome.put(outcome, Counter.builder("streaming.plays")
                    .description("Accepted plays; outcome COUNTED is a view, the others say why it is not")
                    .tag("outcome", outcome.name()).register(registry));
        }
        pauseTimer = Timer.builder("streaming.pause.duration").description("Time to close a playback")
                .publishPercentiles(0.5, 0.99).register(registry);
        cappedPauses = Counter.builder("streaming.pause.capped")
                .description("Pauses that claimed more than could have been watched since their play (credit capped)")
                .register(registry);
        batchSizes = DistributionSummary.builder("streaming.playback.batch.size")
                .description("Play and pause requests written per transaction").register(registry);
    }

    @PostConstruct
    void startWriters() {
        StreamingConfig.Playback settings = config.playback();
        batcher = new WriteBatcher<>("playback-writer", settings.writers(), settings.maxBatch(),
                settings.queueCapacity(), this::write, (batch, failure) -> failAll(batch));
    }

    void stopWriters(@Observes ShutdownEvent event) {
        for (Command left : batcher.stop(10_000)) {
            left.answer().completeExceptionally(unavailable("the service is shutting down"));
        }
    }

    public CompletionStage<PlayResult> play(long videoId, long viewerId) {
        return enqueue(new Play(videoId, viewerId, new CompletableFuture<>(), System.nanoTime()));
    }

    public CompletionStage<PauseResult> pause(long videoId, long viewerId, long playbackId, int positionSeconds) {
        return enqueue(new Pause(videoId, viewerId, playbackId, positionSeconds, new CompletableFuture<>(),
                Timer.start(), System.nanoTime()));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> enqueue(Command command) {
        if (!batcher.offer(command)) {
            command.answer().completeExceptionally(unavailable("too many plays and pauses are waiting"));
        }
        return (CompletionStage<T>) command.answer();
    }

    /** One batch, on a writer thread: every command of it is answered, whatever happens. */
    void write(List<Command> batch) {
        batchSizes.record(batch.size());
        try {
            long staleBefore = System.nanoTime() - config.playback().maxQueueWait().toNanos();
            Map<Long, Video> videoById = new HashMap<>();
            Map<Long, ApiException> unknownVideos = new HashMap<>();
            List<Command> accepted = new ArrayList<>(batch.size());
            for (Command command : batch) {
                if (command.queuedAt() - staleBefore < 0) {
                    // its client has probably given up; writing it now would only make the queue longer
                    command.answer().completeExceptionally(unavailable("the service is overloaded"));
                    continue;
                }
                ApiException unknown = unknownVideos.get(command.videoId());
                if (unknown == null && !videoById.containsKey(command.videoId())) {
                    try {
                        videoById.put(command.videoId(), videos.getForWrite(command.videoId()));
                    } catch (ApiException notFound) {
                        unknown = notFound;
                        unknownVideos.put(command.videoId(), notFound);
                    }
                }
                if (unknown != null) {
                    command.answer().completeExceptionally(unknown);
                } else {
                    accepted.add(command);
                }
            }
            if (accepted.isEmpty()) {
                return;
            }
            long[] newIds = accepted.stream().filter(Play.class::isInstance).mapToLong(c -> playbackIds.next())
                    .toArray();
            playbacks.inTransaction(tx -> apply(tx, accepted, videoById, newIds)).forEach(Runnable::run);
        } catch (RuntimeException | Error e) {
            LOG.error("Writing " + batch.size() + " plays and pauses failed", e);
            failAll(batch);
        }
    }

    /** Answers 503 to every request of the batch not answered yet. */
    private static void failAll(List<Command> batch) {
        ApiException failure = unavailable("the write could not be completed (database unavailable or busy)");
        for (Command command : batch) {
            command.answer().completeExceptionally(failure);
        }
    }

    /**
     * Locks, applies the commands in order on the locked state, writes and commits; returns the answers, to be given
     * once it has committed. Run again from the start when the database retries the transaction, so it only reads
     * what it was given and what it locked.
     */
    private List<Runnable> apply(PlaybackRepository.Tx tx, List<Command> commands, Map<Long, Video> videoById,
                                long[] newIds) throws SQLException {
        SortedSet<StateKey> keys = new TreeSet<>();
        SortedSet<Long> closing = new TreeSet<>();
        for (Command command : commands) {
            keys.add(command.key());
            if (command instanceof Pause pause) {
                closing.add(pause.playbackId());
            }
        }
        Locked locked = tx.lock(keys, closing);
        Instant now = clock.batchInstant(locked.databaseNow());
        Map<StateKey, PlayState> states = new TreeMap<>(locked.states());
        Map<Long, OpenPlayback> open = new HashMap<>(locked.playbacks());
        List<NewPlayback> opened = new ArrayList<>();
        List<ClosedPlayback> closed = new ArrayList<>();
        List<HistoryRecord> history = new ArrayList<>();
        List<Runnable> answers = new ArrayList<>(commands.size());
        int nextId = 0;
        for (Command command : commands) {
            Video video = videoById.get(command.videoId());
            StateKey key = command.key();
            PlayState state = states.get(key);
            if (command instanceof Play play) {
                Instant previous = state.lastPlayEpochMillis() == null ? null
                        : Instant.ofEpochMilli(state.lastPlayEpochMillis());
                ViewCounting.Outcome outcome = ViewCounting.classify(play.viewerId(), video.creatorId, previous, now);
                int resume = state.resumeSeconds() >= video.durationSeconds ? 0 : state.resumeSeconds();
                long id = newIds[nextId++];
                opened.add(new NewPlayback(id, play.videoId(), play.viewerId(), resume, outcome.isView()));
                history.add(new HistoryRecord(play.videoId(), id, false, play.viewerId(), outcome.isView(), 0, 0,
                        resume, resume));
                states.put(key, new PlayState(now.toEpochMilli(), state.resumeSeconds()));
                PlayResult result = new PlayResult(id, resume, outcome.isView());
                answers.add(() -> {
                    playsByOutcome.get(outcome).increment();
                    play.answer().complete(result);
                });
            } else if (command instanceof Pause pause) {
                OpenPlayback playback = open.get(pause.playbackId());
                ApiException refused = refusal(pause, playback, video);
                if (refused != null) {
                    answers.add(() -> pause.answer().completeExceptionally(refused));
                    continue;
                }
                int position = pause.positionSeconds();
                // the claimed position is kept (players seek), but only what could have been watched is credited
                ViewCounting.Credit watchable = ViewCounting.watchable(playback.startSeconds(), position,
                        video.durationSeconds, Duration.between(playback.startedAt(), now));
                ViewCounting.Credit credit = ViewCounting.credit(pause.viewerId(), video.creatorId, watchable);
                closed.add(new ClosedPlayback(playback.id(), position));
                history.add(new HistoryRecord(pause.videoId(), playback.id(), true, pause.viewerId(), false,
                        credit.playedSeconds(), credit.adViews(), playback.startSeconds(), position));
                states.put(key, new PlayState(state.lastPlayEpochMillis(), position));
                open.put(playback.id(), playback.closedNow());
                PauseResult result = new PauseResult(position, watchable.playedSeconds(), watchable.adViews());
                boolean capped = watchable.playedSeconds() < position - playback.startSeconds();
                answers.add(() -> {
                    if (capped) {
                        cappedPauses.increment();
                    }
                    pause.started().stop(pauseTimer);
                    pause.answer().complete(result);
                });
            }
        }
        Map<StateKey, PlayState> changed = new TreeMap<>();
        states.forEach((key, state) -> {
            if (!state.equals(locked.states().get(key))) {
                changed.put(key, state);
            }
        });
        tx.writeAndCommit(new PlaybackRepository.Writes(now, LocalDate.ofInstant(now, config.zone()), opened, closed,
                changed, history));
        return answers;
    }

    /** Why this pause changes nothing, or null when it may close the playback. */
    private static ApiException refusal(Pause pause, OpenPlayback playback, Video video) {
        if (playback == null || playback.viewerId() != pause.viewerId() || playback.videoId() != pause.videoId()) {
            return ApiException.notFound("No playback " + pause.playbackId() + " of yours on video " + pause.videoId());
        }
        if (playback.closed()) {
            return ApiException.conflict("Playback " + pause.playbackId() + " is already paused (closed)");
        }
        if (pause.positionSeconds() < playback.startSeconds() || pause.positionSeconds() > video.durationSeconds) {
            return ApiException.badRequest("positionSeconds: must be between the playback's start ("
                    + playback.startSeconds() + ") and the video's duration (" + video.durationSeconds + ")");
        }
        return null;
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, "Try again: " + why);
    }
}
