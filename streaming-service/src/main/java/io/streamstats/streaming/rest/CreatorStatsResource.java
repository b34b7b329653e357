package io.streamstats.streaming.rest;

import io.streamstats.common.rest.ApiException;
import io.streamstats.common.security.Roles;
import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.domain.Video;
import io.streamstats.streaming.repository.ReadRepository;
import io.streamstats.streaming.rest.AnalyticsDtos.ChannelDayResponse;
import io.streamstats.streaming.rest.AnalyticsDtos.DayItem;
import io.streamstats.streaming.rest.AnalyticsDtos.RankingItem;
import io.streamstats.streaming.rest.AnalyticsDtos.RankingResponse;
import io.streamstats.streaming.rest.AnalyticsDtos.VideoDayResponse;
import io.streamstats.streaming.service.PlatformToday;
import io.streamstats.streaming.service.StatisticsService;
import io.streamstats.streaming.service.VideoService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * A creator's analytics of their own videos: the ranking over any range or period (by views, play time or revenue,
 * up to {@link Ranking#MAX_LIMIT}), and the figures of the current day so far, estimated from the live counters
 * until the batch settles the day. Read from the replica.
 */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CREATOR)
@SecurityRequirement(name = "bearer")
@Tag(name = "statistics")
public class CreatorStatsResource {

    /** Videos a ranking shows when {@code limit} is absent. */
    static final int DEFAULT_LIMIT = 10;

    static final String RANKING_EXAMPLE = """
            {"from":"2026-11-01","to":"2026-11-30","by":"REVENUE","items":[
            {"rank":1,"videoId":101,"title":"Seoul at night","views":550000,"playSeconds":9120000,"adViews":1000,
            "videoAmount":605000,"adAmount":10000,"totalAmount":615000},
            {"rank":2,"videoId":102,"title":"Busan by day","views":10,"playSeconds":3000,"adViews":3,
            "videoAmount":10,"adAmount":30,"totalAmount":40}]}""";

    static final String CHANNEL_DAY_EXAMPLE = """
            {"date":"2026-12-01","estimated":true,"views":12,"playSeconds":3605,"adViews":7,"items":[
            {"videoId":101,"title":"Seoul at night","views":10,"playSeconds":3000,"adViews":6},
            {"videoId":102,"title":"Busan by day","views":2,"playSeconds":605,"adViews":1}]}""";

    static final String VIDEO_DAY_EXAMPLE = """
            {"date":"2026-12-01","estimated":false,"videoId":101,"title":"Seoul at night","views":10,
            "playSeconds":3000,"adViews":6}""";

    @Inject
    StatisticsService statistics;

    @Inject
    VideoService videos;

    @Inject
    Caller caller;

    @Inject
    PlatformToday platformToday;

    @GET
    @Path("/ranking")
    @Operation(operationId = "creatorRanking",
            summary = "The calling creator's videos ranked by views, play time or revenue over a range or a period",
            description = "Give either from and to (any range of at most " + DateRange.MAX_DAYS + " days, both "
                    + "included, not after today) or period and date (the calendar period containing date). Sums of "
                    + "the settled days only (the current day counts once settled). Order: the metric descending, "
                    + "then the lower video id first (a stable order for ties); a video with 0 of the metric ranks "
                    + "nowhere. REVENUE is totalAmount = videoAmount + adAmount, in won. Own videos only; the "
                    + "platform-wide Top " + Ranking.SIZE + " is GET /api/stats/top.")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "At most limit items, rank 1 first",
            content = @Content(schema = @Schema(implementation = RankingResponse.class),
                    examples = @ExampleObject(name = "revenue", summary = "a month by revenue",
                            value = RANKING_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Neither or both of from/to and period/date, a malformed or "
            + "future date, from after to, a range longer than " + DateRange.MAX_DAYS + " days, an unknown by or "
            + "period, or limit outside 1.." + Ranking.MAX_LIMIT)
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    public RankingResponse ranking(
            @Parameter(description = "what to rank by; VIEWS when absent", example = "REVENUE",
                    schema = @Schema(implementation = Ranking.CreatorMetric.class)) @QueryParam("by") String by,
            @Parameter(description = "how many videos, 1.." + Ranking.MAX_LIMIT + "; " + DEFAULT_LIMIT + " when absent", example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + Ranking.MAX_LIMIT,
                            defaultValue = "" + DEFAULT_LIMIT)) @QueryParam("limit") String limit,
            @Parameter(description = "first day of the range, YYYY-MM-DD; with to, instead of period and date",
                    example = "2026-11-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "last day of the range (included), YYYY-MM-DD, not after today",
                    example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "the calendar period containing date; with date, instead of from and to",
                    example = "MONTHLY", schema = @Schema(implementation = StatPeriod.class)) @QueryParam("period") String period,
            @Parameter(description = "a date in the period, YYYY-MM-DD, not after today (platform time zone)",
                    example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        Ranking.CreatorMetric metric = creatorMetric(by);
        int n = (int) ReportParams.number("limit", limit, (long) DEFAULT_LIMIT, 1, Ranking.MAX_LIMIT);
        LocalDate first;
        LocalDate last;
        boolean byRange = from != null || to != null;
        boolean byPeriod = period != null || date != null;
        if (byRange && byPeriod) {
            throw ApiException.badRequest("from, to, period, date: give either from and to or period and date, not both");
        } else if (byRange) {
            DateRange range = ReportParams.range(from, to, platformToday.date());
            first = range.from();
            last = range.to();
        } else if (byPeriod) {
            StatPeriod p = ReportParams.period(period);
            LocalDate d = notAfterToday(ReportParams.date(date));
            first = p.start(d);
            last = p.end(d);
        } else {
            throw ApiException.badRequest("from, to, period, date: required, either from and to as YYYY-MM-DD or "
                    + "period and date");
        }
        StatisticsService.Ranked ranked = statistics.ranking(caller.userId(), first, last, metric, n);
        List<RankingItem> items = new ArrayList<>();
        for (ReadRepository.RankedRow r : ranked.rows()) {
            items.add(new RankingItem(items.size() + 1, r.videoId(), r.title(), r.views(), r.playSeconds(),
                    r.adViews(), r.videoAmount(), r.adAmount(), r.videoAmount() + r.adAmount()));
        }
        return new RankingResponse(first, last, metric.name(), items);
    }

    @GET
    @Path("/today")
    @Operation(operationId = "channelToday",
            summary = "The calling creator's figures of the current day so far: channel totals and per video",
            description = "For a day the settlement batch has not settled yet (today, or an earlier day before its "
                    + "run), estimated is true and the figures are the live counters kept with every play and pause "
                    + "(what the batch will read, unless more arrives for the day after it settles). Once the day is "
                    + "settled, estimated is false and the figures are the settled ones. Items: own videos with "
                    + "something counted that day, by video id.")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "Totals and items",
            content = @Content(schema = @Schema(implementation = ChannelDayResponse.class),
                    examples = @ExampleObject(name = "today", summary = "today so far", value = CHANNEL_DAY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A malformed date or a day after today")
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    public ChannelDayResponse channelToday(
            @Parameter(description = "the day, YYYY-MM-DD, not after today; today in the platform time zone when absent",
                    example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        StatisticsService.Day day = statistics.channelDay(caller.userId(), day(date));
        long views = 0;
        long playSeconds = 0;
        long adViews = 0;
        List<DayItem> items = new ArrayList<>();
        for (ReadRepository.DayRow r : day.rows()) {
            views += r.views();
            playSeconds += r.playSeconds();
            adViews += r.adViews();
            items.add(new DayItem(r.videoId(), r.title(), r.views(), r.playSeconds(), r.adViews()));
        }
        return new ChannelDayResponse(day.date(), day.estimated(), views, playSeconds, adViews, items);
    }

    @GET
    @Path("/videos/{id}/today")
    @Operation(operationId = "videoToday", summary = "One of the calling creator's videos: its figures of the current "
            + "day so far", description = "As channelToday, for one video: zeros when nothing was counted.")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The video's figures of the day",
            content = @Content(schema = @Schema(implementation = VideoDayResponse.class),
                    examples = @ExampleObject(name = "settled", summary = "a settled day", value = VIDEO_DAY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A malformed date or a day after today")
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    @APIResponse(responseCode = "404", description = "No such video, or not the caller's")
    public VideoDayResponse videoToday(
            @Parameter(description = "the video's id", example = "42", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("id") String id,
            @Parameter(description = "the day, YYYY-MM-DD, not after today; today in the platform time zone when absent",
                    example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        long videoId = ReportParams.pathId(id);
        Video video = videos.ownedBy(caller.userId(), videoId);
        StatisticsService.Day day = statistics.videoDay(videoId, day(date));
        ReadRepository.DayRow row = day.rows().isEmpty() ? null : day.rows().getFirst();
        return new VideoDayResponse(day.date(), day.estimated(), videoId, video.title,
                row == null ? 0 : row.views(), row == null ? 0 : row.playSeconds(), row == null ? 0 : row.adViews());
    }

    /** The day asked for: today when absent, else a day that has begun. */
    private LocalDate day(String date) {
        return date == null ? platformToday.date() : notAfterToday(ReportParams.date(date));
    }

    /** {@code d}, refused when it has not begun in the platform zone. */
    private LocalDate notAfterToday(LocalDate d) {
        LocalDate today = platformToday.date();
        if (d.isAfter(today)) {
            throw ApiException.badRequest("date: must not be after today (" + today + " in the platform time zone), not "
                    + d);
        }
        return d;
    }

    private static Ranking.CreatorMetric creatorMetric(String by) {
        if (by == null) {
            return Ranking.CreatorMetric.VIEWS;
        }
        Ranking.CreatorMetric metric = Ranking.CreatorMetric.parse(by);
        if (metric == null) {
            throw ApiException.badRequest("by: must be " + Ranking.CreatorMetric.names() + ", not '" + by + "'");
        }
        return metric;
    }
}
