package io.streamstats.streaming.rest;

import io.quarkus.security.Authenticated;
import io.streamstats.domain.Ranking;
import io.streamstats.common.rest.ApiException;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.rest.ReportDtos.TopItem;
import io.streamstats.streaming.rest.ReportDtos.TopResponse;
import io.streamstats.streaming.service.StatisticsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "statistics", description = "Top videos of settled periods")
public class StatisticsResource {

    @Inject
    StatisticsService statistics;

    @Inject
    Caller caller;

    @GET
    @Path("/top")
    @Operation(operationId = "topVideos", summary = "Top " + Ranking.SIZE + " videos of a settled period by views or play time",
            description = "scope=ALL is platform-wide (any signed-in user); scope=MINE ranks the calling creator's "
                    + "videos. Ties go to the lower video id. Only settled days are counted.")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "At most " + Ranking.SIZE + " items",
            content = @Content(schema = @Schema(implementation = TopResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid parameter")
    @APIResponse(responseCode = "403", description = "scope=MINE by a caller who is not a CREATOR")
    public TopResponse top(
            @Parameter(description = "the calendar period containing date", required = true, example = "WEEKLY",
                    schema = @Schema(implementation = StatPeriod.class)) @QueryParam("period") String period,
            @Parameter(description = "any date in the period, YYYY-MM-DD", required = true, example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @Parameter(description = "what to rank by; VIEWS when absent", example = "VIEWS",
                    schema = @Schema(implementation = Ranking.Metric.class)) @QueryParam("by") String by,
            @Parameter(description = "ALL: platform-wide (the default); MINE: the calling creator's videos",
                    example = "ALL", schema = @Schema(type = SchemaType.STRING, enumeration = {"ALL", "MINE"},
                            defaultValue = "ALL")) @QueryParam("scope") String scope) {
        StatPeriod p = ReportParams.period(period);
        LocalDate d = ReportParams.date(date);
        Ranking.Metric metric = ReportParams.metric(by, Ranking.Metric.VIEWS);
        String s = ReportParams.oneOf("scope", scope, "ALL", "ALL", "MINE");
        Long creatorId = null;
        if ("MINE".equals(s)) {
            if (!caller.isCreator()) {
                throw ApiException.forbidden("scope=MINE is for creators; use scope=ALL");
            }
            creatorId = caller.userId();
        }
        StatisticsService.Top top = statistics.top(p, d, metric, creatorId);
        List<TopItem> items = new ArrayList<>();
        for (var row : top.rows()) {
            items.add(new TopItem(items.size() + 1, row.videoId(), row.title(), row.views(), row.playSeconds()));
        }
        return new TopResponse(p.name(), top.from(), top.to(), metric.name(), s, items);
    }
}
