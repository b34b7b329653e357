package io.streamstats.streaming.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
            @NotBlank @Size(max = 200) @PlainText @Schema(example = "Making kimchi") String title,
            @NotNull @Min(1) @Max(Video.MAX_DURATION_SECONDS) @Schema(example = "901") Integer durationSeconds,
            @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") @PlainText
            @Schema(example = "https://cdn.example.com/kimchi.mp4") String url) {
    }

    public record VideoResponse(@Schema(example = "42") long id, @Schema(example = "7") long creatorId,
                                @Schema(example = "Making kimchi") String title,
                                @Schema(example = "901") int durationSeconds,
                                @Schema(nullable = true, example = "https://cdn.example.com/kimchi.mp4",
                                        description = "null when the video was registered without one") String url,
                                @Schema(example = "[300, 600, 900]", description = "seconds at which an ad plays")
                                int[] adPositions) {
        static VideoResponse of(Video video) {
            return new VideoResponse(video.id, video.creatorId, video.title, video.durationSeconds, video.url,
                    AdSchedule.positions(video.durationSeconds));
        }
    }

    public record VideoList(List<VideoResponse> items,
                            @Schema(nullable = true, example = "42",
                                    description = "pass as afterId for the next page; null on the last page")
                            Long nextAfterId) {
    }

    public record PlayResponse(@Schema(example = "1001") long playbackId, @Schema(example = "0") int resumeFromSeconds,
                               @Schema(example = "true") boolean countedAsView) {
    }

    public record PauseRequest(@NotNull @Schema(example = "1001") Long playbackId,
                               @NotNull @Min(0) @Max(Video.MAX_DURATION_SECONDS) @Schema(example = "320")
                               Integer positionSeconds) {
    }

    public record PauseResponse(
            @Schema(example = "320", description = "The position claimed; the next play resumes here") int positionSeconds,
            @Schema(example = "320", description = "Seconds credited: the segment from the playback's start, at most"
                    + " the viewer's time that passed (see the operation)") int playedSeconds,
            @Schema(example = "1", description = "Ad views credited: ads inside the credited seconds, as far as the"
                    + " viewer's ad reserve pays for them") int adViews) {
    }
}
