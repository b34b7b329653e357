package io.streamstats.streaming.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamstats.common.rest.ApiException;
import io.streamstats.streaming.config.StreamingConfig;
import io.streamstats.common.domain.AdSchedule;
import io.streamstats.streaming.domain.Video;
import io.streamstats.streaming.domain.ViewCounting;
import io.streamstats.streaming.repository.PlaybackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Play and pause: opens and closes playbacks and appends the watch history (DESIGN §2). */
@io.quarkus.runtime.Startup // its meters exist from the start, at zero
@ApplicationScoped
public class PlaybackService {

    public record PlayResult(long playbackId, int resumeFromSeconds, boolean countedAsView) {
    }

    public record PauseResult(int positionSeconds, int playedSeconds, int adViews) {
    }

    private record Played(PlayResult result, ViewCounting.Outcome outcome) {
    }

    private final Map<ViewCounting.Outcome, Counter> playsByOutcome = new EnumMap<>(ViewCounting.Outcome.class);
    private final Timer pauseTimer;

    @Inject
    PlaybackRepository playbacks;

    @Inject
    VideoService videos;

    @Inject
    StreamingConfig config;

    @Inject
    Clock clock;

    @Inject
    PlaybackService(MeterRegistry registry) {
        for (ViewCounting.Outcome outcome : ViewCounting.Outcome.values()) {
            playsByOutcome.put(outcome, Counter.builder("streaming.plays")
                    .description("Accepted plays; outcome COUNTED is a view, the others say why it is not")
                    .tag("outcome", outcome.name()).register(registry));
        }
        pauseTimer = Timer.builder("streaming.pause.duration").description("Time to close a playback")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public PlayResult play(long videoId, long viewerId) {
        Video video = videos.getForWrite(videoId);
        Played played = playbacks.inTransaction(tx -> {
            Instant now = clock.instant();
            PlaybackRepository.PlayState state = tx.startPlay(viewerId, videoId, now);
            ViewCounting.Outcome outcome = ViewCounting.classify(viewerId, video.creatorId, state.previousPlayAt(), now);
            int resume = state.resumeSeconds() >= video.durationSeconds ? 0 : state.resumeSeconds();
            long playbackId = tx.recordPlayAndCommit(videoId, viewerId, resume, outcome.isView(), date(now), now);
            return new Played(new PlayResult(playbackId, resume, outcome.isView()), outcome);
        });
        playsByOutcome.get(played.outcome()).increment();
        return played.result();
    }

    public PauseResult pause(long videoId, long viewerId, long playbackId, int positionSeconds) {
        Timer.Sample sample = Timer.start();
        Video video = videos.getForWrite(videoId);
        PauseResult result = playbacks.inTransaction(tx -> {
            PlaybackRepository.OpenPlayback playback = tx.lockPlayback(playbackId);
            if (playback == null || playback.viewerId() != viewerId || playback.videoId() != videoId) {
                throw ApiException.notFound("No playback " + playbackId + " of yours on video " + videoId);
            }
            if (playback.closed()) {
                throw ApiException.conflict("Playback " + playbackId + " is already paused (closed)");
            }
            if (positionSeconds < playback.startSeconds() || positionSeconds > video.durationSeconds) {
                throw ApiException.badRequest("positionSeconds: must be between the playback's start ("
                        + playback.startSeconds() + ") and the video's duration (" + video.durationSeconds + ")");
            }
            Instant now = clock.instant();
            ViewCounting.Credit credit = ViewCounting.credit(viewerId, video.creatorId, playback.startSeconds(),
                    positionSeconds, video.durationSeconds);
            tx.recordPauseAndCommit(playback, positionSeconds, credit.playedSeconds(), credit.adViews(), date(now), now);
            return new PauseResult(positionSeconds, positionSeconds - playback.startSeconds(),
                    AdSchedule.adsBetween(playback.startSeconds(), positionSeconds, video.durationSeconds));
        });
        sample.stop(pauseTimer);
        return result;
    }

    private LocalDate date(Instant now) {
        return LocalDate.ofInstant(now, config.zone());
    }
}
