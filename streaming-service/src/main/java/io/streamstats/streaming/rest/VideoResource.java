package io.streamstats.streaming.rest;

import io.quarkus.security.Authenticated;
import io.streamstats.common.security.Roles;
import io.streamstats.domain.AdSchedule;
import io.streamstats.streaming.domain.Video;
import io.streamstats.streaming.rest.VideoDtos.PauseRequest;
import io.streamstats.streaming.rest.VideoDtos.PauseResponse;
import io.streamstats.streaming.rest.VideoDtos.PlayResponse;
import io.streamstats.streaming.rest.VideoDtos.RegisterVideoRequest;
import io.streamstats.streaming.rest.VideoDtos.VideoList;
import io.streamstats.streaming.rest.VideoDtos.VideoResponse;
import io.streamstats.streaming.service.PlaybackService;
import io.streamstats.streaming.service.VideoService;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/videos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "videos", description = "Register and find videos; play and pause them")
public class VideoResource {

    static final int MAX_PAGE = 1000;

    @Inject
    VideoService videos;

    @Inject
    PlaybackService playbacks;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.CREATOR)
    @Operation(operationId = "registerVideo", summary = "Register a video (CREATOR); ads are placed at every full " + AdSchedule.INTERVAL_SECONDS
            + " seconds strictly inside it")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = VideoResponse.class)),
            headers = @Header(name = HttpHeaders.LOCATION, description = "The video's URL, /api/videos/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid or malformed body")
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    public Response register(@NotNull(message = "a JSON body is required") @Valid RegisterVideoRequest body) {
        Video video = videos.register(caller.userId(), body.title(), body.durationSeconds(), body.url());
        // relative (RFC 9110 §10.2.2): right behind any proxy or Ingress, whatever host the client used
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/videos/" + video.id)
                .entity(VideoResponse.of(video)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getVideo", summary = "One video")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The video",
            content = @Content(schema = @Schema(implementation = VideoResponse.class)))
    @APIResponse(responseCode = "404", description = "No such video")
    public VideoResponse get(@Parameter(description = "the video's id: a whole number as written in its URL, without sign or leading zeros", example = "42", schema = @Schema(type = SchemaType.STRING, pattern = "^[1-9][0-9]{0,18}$")) @PathParam("id") String id) {
        return VideoResponse.of(videos.get(ReportParams.pathId(id)));
    }

    @GET
    @Operation(operationId = "listVideos", summary = "A creator's videos by ascending id, a page at a time (pass nextAfterId as afterId)")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The videos",
            content = @Content(schema = @Schema(implementation = VideoList.class)))
    @APIResponse(responseCode = "400", description = "creatorId missing or a parameter out of range")
    public VideoList list(@Parameter(description = "whose videos", required = true, example = "7",
                                  schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
                          @QueryParam("creatorId") String creatorIdParam,
                          @Parameter(description = "the page after this video id (the previous page's nextAfterId)",
                                  example = "0", schema = @Schema(type = SchemaType.INTEGER, format = "int64",
                                          minimum = "0", defaultValue = "0"))
                          @QueryParam("afterId") String afterIdParam,
                          @Parameter(description = "the page size", example = "100", schema = @Schema(
                                  type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "" + MAX_PAGE,
                                  defaultValue = "100"))
                          @QueryParam("limit") String limitParam) {
        long creatorId = ReportParams.number("creatorId", creatorIdParam, null, 1, Long.MAX_VALUE);
        long afterId = ReportParams.number("afterId", afterIdParam, 0L, 0, Long.MAX_VALUE);
        int limit = (int) ReportParams.number("limit", limitParam, 100L, 1, MAX_PAGE);
        // one more than the page: a next page is named only when it has a video (a full last page ends the list)
        List<VideoResponse> read = videos.listByCreator(creatorId, afterId, limit + 1).stream()
                .map(VideoResponse::of).toList();
        List<VideoResponse> items = read.size() > limit ? read.subList(0, limit) : read;
        Long next = read.size() > limit ? items.get(limit - 1).id() : null;
        return new VideoList(items, next);
    }

    @POST
    @Path("/{id}/play")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "play", summary = "Open a playback; returns where to resume and whether it counted as a view")
    @APIResponse(responseCode = "503", description = ReportParams.WRITES_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "Playback opened",
            content = @Content(schema = @Schema(implementation = PlayResponse.class)))
    @APIResponse(responseCode = "404", description = "No such video")
    @APIResponse(responseCode = "429", description = "Too many play and pause requests from this account (per viewer: "
            + "a burst, then a steady rate; see the streaming-service README); Retry-After says when to try again")
    @NonBlocking
    public Uni<PlayResponse> play(@Parameter(description = "the video's id: a whole number as written in its URL, without sign or leading zeros", example = "42", schema = @Schema(type = SchemaType.STRING, pattern = "^[1-9][0-9]{0,18}$")) @PathParam("id") String id) {
        return answered(playbacks.play(ReportParams.pathId(id), caller.userId())
                .thenApply(r -> new PlayResponse(r.playbackId(), r.resumeFromSeconds(), r.countedAsView())));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(operationId = "pause", summary = "Close your playback at a position; records the watched segment",
            description = "The position is kept as claimed (the next play resumes there; seeking forward is fine), but"
                    + " only what could have been watched is credited: a viewer watches one thing at a time, so all"
                    + " of a viewer's pauses together are credited at most the time that passed since their plays"
                    + " plus 2 seconds, and each ad passed inside the credited seconds is paid from the viewer's ad"
                    + " reserve (one ad for a new viewer, up to three, refilled by one ad per 5 minutes of credited"
                    + " play). The answer gives what was credited.")
    @APIResponse(responseCode = "503", description = ReportParams.WRITES_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "Segment recorded",
            content = @Content(schema = @Schema(implementation = PauseResponse.class)))
    @APIResponse(responseCode = "400", description = "Position outside start..duration, or invalid body")
    @APIResponse(responseCode = "404", description = "No such video, or no such playback of yours")
    @APIResponse(responseCode = "409", description = "The playback is already closed")
    @APIResponse(responseCode = "429", description = "Too many play and pause requests from this account (per viewer: "
            + "a burst, then a steady rate; see the streaming-service README); Retry-After says when to try again")
    @NonBlocking
    public Uni<PauseResponse> pause(@Parameter(description = "the video's id: a whole number as written in its URL, without sign or leading zeros", example = "42", schema = @Schema(type = SchemaType.STRING, pattern = "^[1-9][0-9]{0,18}$")) @PathParam("id") String id,
                                    @NotNull(message = "a JSON body is required") @Valid PauseRequest body) {
        return answered(playbacks.pause(ReportParams.pathId(id), caller.userId(), body.playbackId(), body.positionSeconds())
                .thenApply(r -> new PauseResponse(r.positionSeconds(), r.playedSeconds(), r.adViews())));
    }

    /**
     * The hot path is non-blocking: the body is read and parsed on the I/O thread, the request waits in the write
     * queue without holding a thread, and the answer is written from the request's own event loop once the batch
     * holding it has committed (the writer thread goes straight back to writing).
     */
    private static <T> Uni<T> answered(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(stage).emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
