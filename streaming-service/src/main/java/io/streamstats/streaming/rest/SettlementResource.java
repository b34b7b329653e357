package io.streamstats.streaming.rest;

import io.streamstats.common.security.Roles;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.rest.ReportDtos.SettlementItem;
import io.streamstats.streaming.rest.ReportDtos.SettlementResponse;
import io.streamstats.streaming.service.SettlementStatements;
import io.streamstats.streaming.service.StatisticsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/settlements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CREATOR)
@SecurityRequirement(name = "bearer")
@Tag(name = "settlement", description = "A creator's revenue of settled periods")
public class SettlementResource {

    @Inject
    StatisticsService statistics;

    @Inject
    SettlementStatements statements;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "settlement", summary = "The calling creator's revenue for a period, per video, in whole won",
            description = "Amounts are sums of the settled days; each day's amounts are truncated per video.")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "Totals and items (own videos with settled activity)",
            content = @Content(schema = @Schema(implementation = SettlementResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid parameter")
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    public SettlementResponse settlement(
            @Parameter(description = "the calendar period containing date", required = true, example = "MONTHLY",
                    schema = @Schema(implementation = StatPeriod.class)) @QueryParam("period") String period,
            @Parameter(description = "any date in the period, YYYY-MM-DD", required = true, example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        StatPeriod p = ReportParams.period(period);
        LocalDate d = ReportParams.date(date);
        // before the figures, as the statement reads it (SettlementStatements.provisional)
        boolean provisional = statements.provisional(new DateRange(p.start(d), p.end(d)));
        StatisticsService.Settlement s = statistics.settlement(caller.userId(), p, d);
        var items = s.rows().stream().map(r -> new SettlementItem(r.videoId(), r.title(), r.views(), r.adViews(),
                r.videoAmount(), r.adAmount(), r.videoAmount() + r.adAmount())).toList();
        String status = provisional ? StatementCsv.PROVISIONAL : StatementCsv.FINAL;
        return new SettlementResponse(p.name(), s.from(), s.to(), status, s.videoAmount(), s.adAmount(),
                s.videoAmount() + s.adAmount(), items);
    }
}
