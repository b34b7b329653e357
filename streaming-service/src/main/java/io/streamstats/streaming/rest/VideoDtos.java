package io.streamstats.streaming.rest;

import io.streamstats.domain.AdSchedule;
import io.streamstats.common.validation.PlainText;
import io.streamstats.streaming.domain.Video;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public final class VideoDtos {

    private VideoDtos() {
    }

    public record RegisterVideoRequest(
            @NotBlank @Size(max = 200) @PlainText String title,
            @NotNull @Min(1) @Max(Video.MAX_DURATION_SECONDS) Integer durationSeconds,
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @PlainText String url) {
    }

    public record VideoResponse(long id, long creatorId, String title, int durationSeconds, String url,
                                int[] adPositions) {
        static VideoResponse of(Video video) {
            return new VideoResponse(video.id, video.creatorId, video.title, video.durationSeconds, video.url,
                    AdSchedule.positions(video.durationSeconds));
        }
    }

    public record VideoList(List<VideoResponse> items, Long nextAfterId) {
    }

    public record PlayResponse(long playbackId, int resumeFromSeconds, boolean countedAsView) {
    }

    public record PauseRequest(@NotNull Long playbackId,
                               @NotNull @Min(0) @Max(Video.MAX_DURATION_SECONDS) Integer positionSeconds) {
    }

    public record PauseResponse(int positionSeconds, int playedSeconds, int adViews) {
    }
}
