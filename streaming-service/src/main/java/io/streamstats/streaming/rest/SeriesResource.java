package io.streamstats.streaming.rest;

import io.streamstats.common.rest.ApiException;
import io.streamstats.common.security.Roles;
import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.domain.SeriesGrouping;
import io.streamstats.streaming.rest.SeriesDtos.SeriesResponse;
import io.streamstats.streaming.service.PlatformToday;
import io.streamstats.streaming.service.SeriesService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Time series of the calling creator's settled figures, for the whole channel or one of their videos, over any
 * range of up to {@link DateRange#MAX_DAYS} days grouped by day, ISO week or month (grouping: {@link
 * io.streamstats.streaming.domain.TimeSeries}). Read from the replica.
 */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CREATOR)
@SecurityRequirement(name = "bearer")
@Tag(name = "statistics")
public class SeriesResource {

    static final String DESCRIPTION = "Sums of the settled days of the range (a day counts once the settlement batch "
            + "has settled it; days without activity or not settled yet are zeros), grouped by groupBy: DAY, WEEK "
            + "(ISO weeks, Monday to Sunday) or MONTH (calendar months), in the platform time zone. Every group of "
            + "the range is listed, in order, zeros included; the first and last group cover only the range's days "
            + "(their start and end are clipped to from and to), so the series sums to totals. previous is the "
            + "range of equal length that ends the day before from; change is totals minus previous totals, and "
            + "that difference in percent of the previous total (one decimal, half up; null when the previous total "
            + "is 0). Amounts in whole won; totalAmount = videoAmount + adAmount. An empty range answers zeros.";

    static final String EXAMPLE = """
            {"from":"2026-10-27","to":"2026-11-09","groupBy":"WEEK","series":[
            {"start":"2026-10-27","end":"2026-11-01","views":120,"playSeconds":36000,"adViews":40,"videoAmount":120,\
            "adAmount":400,"totalAmount":520},
            {"start":"2026-11-02","end":"2026-11-08","views":100,"playSeconds":30000,"adViews":35,"videoAmount":100,\
            "adAmount":350,"totalAmount":450},
            {"start":"2026-11-09","end":"2026-11-09","views":0,"playSeconds":0,"adViews":0,"videoAmount":0,\
            "adAmount":0,"totalAmount":0}],
            "totals":{"views":220,"playSeconds":66000,"adViews":75,"videoAmount":220,"adAmount":750,"totalAmount":970},
            "previous":{"from":"2026-10-13","to":"2026-10-26","totals":{"views":200,"playSeconds":60000,"adViews":0,\
            "videoAmount":200,"adAmount":0,"totalAmount":200}},
            "change":{"views":{"difference":20,"percent":10.0},"playSeconds":{"difference":6000,"percent":10.0},\
            "adViews":{"difference":75,"percent":null},"videoAmount":{"difference":20,"percent":10.0},\
            "adAmount":{"difference":750,"percent":null},"totalAmount":{"difference":770,"percent":385.0}}}""";

    static final String BAD_REQUEST = "from or to missing or not a date as YYYY-MM-DD, from after to, to after today "
            + "in the platform time zone, a range longer than " + DateRange.MAX_DAYS + " days (both ends included), or "
            + "an unknown groupBy";

    @Inject
    SeriesService series;

    @Inject
    Caller caller;

    @Inject
    PlatformToday platformToday;

    @GET
    @Path("/channel")
    @Operation(operationId = "channelSeries",
            summary = "The calling creator's channel (all their videos) over a date range, grouped by day, week or "
                    + "month, with totals and the change from the previous range", description = DESCRIPTION)
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The series, its totals, the previous range's totals, the change",
            content = @Content(schema = @Schema(implementation = SeriesResponse.class),
                    examples = @ExampleObject(name = "weeks", summary = "two weeks by ISO week", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    public SeriesResponse channelSeries(
            @Parameter(description = "first day of the range, YYYY-MM-DD (platform time zone)", required = true,
                    example = "2026-10-27", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "last day of the range, included, YYYY-MM-DD, not after today; at most "
                    + DateRange.MAX_DAYS + " days from from, both included", required = true, example = "2026-11-09",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "how the days are grouped; DAY when absent", example = "WEEK",
                    schema = @Schema(implementation = SeriesGrouping.class))
            @QueryParam("groupBy") String groupBy) {
        SeriesGrouping grouping = grouping(groupBy);
        DateRange range = ReportParams.range(from, to, platformToday.date());
        return SeriesResponse.of(series.channel(caller.userId(), range, grouping));
    }

    @GET
    @Path("/videos/{id}")
    @Operation(operationId = "videoSeries",
            summary = "One of the calling creator's videos over a date range, grouped by day, week or month, with "
                    + "totals and the change from the previous range", description = DESCRIPTION)
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The series, its totals, the previous range's totals, the change",
            content = @Content(schema = @Schema(implementation = SeriesResponse.class),
                    examples = @ExampleObject(name = "weeks", summary = "two weeks by ISO week", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    @APIResponse(responseCode = "404", description = "No such video, or not the caller's")
    public SeriesResponse videoSeries(
            @Parameter(description = "the video's id", example = "42", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("id") String id,
            @Parameter(description = "first day of the range, YYYY-MM-DD (platform time zone)", required = true,
                    example = "2026-10-27", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "last day of the range, included, YYYY-MM-DD, not after today; at most "
                    + DateRange.MAX_DAYS + " days from from, both included", required = true, example = "2026-11-09",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "how the days are grouped; DAY when absent", example = "WEEK",
                    schema = @Schema(implementation = SeriesGrouping.class))
            @QueryParam("groupBy") String groupBy) {
        long videoId = ReportParams.pathId(id);
        SeriesGrouping grouping = grouping(groupBy);
        DateRange range = ReportParams.range(from, to, platformToday.date());
        return SeriesResponse.of(series.video(caller.userId(), videoId, range, grouping));
    }

    private static SeriesGrouping grouping(String value) {
        if (value == null) {
            return SeriesGrouping.DAY;
        }
        SeriesGrouping grouping = SeriesGrouping.parse(value);
        if (grouping == null) {
            throw ApiException.badRequest("groupBy: must be " + SeriesGrouping.names() + ", not '" + value + "'");
        }
        return grouping;
    }
}
