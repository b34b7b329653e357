package io.streamstats.streaming.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.streamstats.common.rest.ApiException;
import io.streamstats.domain.ViewCounting;
import io.streamstats.streaming.config.StreamingConfig;
import io.streamstats.streaming.domain.PlaybackRules;
import io.streamstats.streaming.domain.PlaybackRules.Decision;
import io.streamstats.streaming.domain.PlaybackRules.PauseRequest;
import io.streamstats.streaming.domain.PlaybackRules.PlayRequest;
import io.streamstats.streaming.domain.PlaybackRules.Refused;
import io.streamstats.streaming.domain.PlaybackRules.Request;
import io.streamstats.streaming.domain.PlaybackRules.VideoFacts;
import io.streamstats.streaming.domain.Video;
import io.streamstats.streaming.repository.PlaybackIds;
import io.streamstats.streaming.repository.PlaybackRepository;
import io.streamstats.streaming.repository.PlaybackRepository.Locked;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private PlaybackRules rules;

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
                .description("Pauses that claimed more than could have been watched since their play, or more ads"
                        + " than the viewer's play pays for (credit capped)")
                .register(registry);
        batchSizes = DistributionSummary.builder("streaming.playback.batch.size")
                .description("Play and pause requests written per transaction").register(registry);
    }

    @PostConstruct
    void startWriters() {
        rules = new PlaybackRules(config.zone());
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
                    // answered at once and never locks a row (PlaybackRules refuses such a request the same way)
                    command.answer().completeExceptionally(unknown);
                } else {
                    accepted.add(command);
                }
            }
            if (accepted.isEmpty()) {
                return;
            }
            // ids are taken before the transaction, so a retried transaction opens the same playbacks
            List<Request> requests = new ArrayList<>(accepted.size());
            for (Command command : accepted) {
                requests.add(switch (command) {
                    case Play play -> new PlayRequest(play.videoId(), play.viewerId(), playbackIds.next());
                    case Pause pause -> new PauseRequest(pause.videoId(), pause.viewerId(), pause.playbackId(),
                            pause.positionSeconds());
                });
            }
            Map<Long, VideoFacts> facts = new HashMap<>();
            videoById.forEach((id, video) -> facts.put(id, new VideoFacts(video.creatorId, video.durationSeconds)));
            playbacks.inTransaction(tx -> apply(tx, accepted, requests, facts)).forEach(Runnable::run);
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
     * Locks, lets the rules decide the requests in order on the locked state, writes and commits; returns the
     * answers, to be given once it has committed. Run again from the start when the database retries the
     * transaction, so it only reads what it was given and what it locked.
     */
    private List<Runnable> apply(PlaybackRepository.Tx tx, List<Command> commands, List<Request> requests,
                                 Map<Long, VideoFacts> videos) throws SQLException {
        PlaybackRules.Locks locks = PlaybackRules.locksFor(requests);
        Locked locked = tx.lock(locks.viewers(), locks.states(), locks.playbacks());
        Instant now = clock.batchInstant(locked.databaseNow());
        PlaybackRules.Outcome outcome = rules.apply(requests, videos, locked.states(), locked.playbacks(),
                locked.credits(), now);
        tx.writeAndCommit(outcome.writes());
        List<Runnable> answers = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            answers.add(answer(commands.get(i), outcome.decisions().get(i)));
        }
        return answers;
    }

    /** Gives a command the rules' decision for it (and counts it in the meters). */
    private Runnable answer(Command command, Decision decision) {
        if (decision instanceof Refused refused) {
            ApiException failure = refusal(refused);
            return () -> command.answer().completeExceptionally(failure);
        }
        return switch (command) {
            case Play play -> {
                PlaybackRules.Played played = (PlaybackRules.Played) decision;
                PlayResult result = new PlayResult(played.playbackId(), played.resumeFromSeconds(),
                        played.outcome().isView());
                yield () -> {
                    playsByOutcome.get(played.outcome()).increment();
                    play.answer().complete(result);
                };
            }
            case Pause pause -> {
                PlaybackRules.Paused paused = (PlaybackRules.Paused) decision;
                PauseResult result = new PauseResult(paused.positionSeconds(), paused.watchable().playedSeconds(),
                        paused.watchable().adViews());
                yield () -> {
                    if (paused.capped()) {
                        cappedPauses.increment();
                    }
                    pause.started().stop(pauseTimer);
                    pause.answer().complete(result);
                };
            }
        };
    }

    private static ApiException refusal(Refused refused) {
        return switch (refused.reason()) {
            case UNKNOWN_VIDEO, UNKNOWN_PLAYBACK -> ApiException.notFound(refused.message());
            case ALREADY_CLOSED -> ApiException.conflict(refused.message());
            case POSITION_OUT_OF_RANGE -> ApiException.badRequest(refused.message());
        };
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, "Try again: " + why);
    }
}
