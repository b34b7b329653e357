package io.streamstats.streaming.rest;

import io.streamstats.common.rest.ApiException;
import io.streamstats.common.security.Roles;
import io.streamstats.streaming.domain.DateRange;
import io.streamstats.streaming.service.PlatformToday;
import io.streamstats.streaming.service.SettlementStatements;
import io.streamstats.streaming.service.SettlementStatements.Statement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling creator's settlement statement as a CSV file to download (layout: {@link StatementCsv}). */
@Path("/api/settlements/statement")
@RolesAllowed(Roles.CREATOR)
@SecurityRequirement(name = "bearer")
@Tag(name = "settlement")
public class SettlementStatementResource {

    /** The response header that carries the statement's status beside the file's own status column. */
    static final String STATUS_HEADER = "X-Statement-Status";

    static final String EXAMPLE = "\uFEFF" + StatementCsv.HEADER + "\r\n"
            + "final,101,\"Seoul at night, part 1\",550000,1000,605000,10000,615000\r\n"
            + "final,102,\"'=not a formula\",10,3,10,30,40\r\n"
            + "final,TOTAL,,550010,1003,605010,10030,615040\r\n";

    @Inject
    SettlementStatements statements;

    @Inject
    Caller caller;

    @Inject
    PlatformToday platformToday;

    @GET
    @Produces(StatementCsv.MEDIA_TYPE)
    @Operation(operationId = "settlementStatement",
            summary = "The calling creator's settlement statement for a month or a date range, as a CSV file",
            description = "Give either month (a calendar month: the same figures as GET /api/settlements with "
                    + "period=MONTHLY, to the won) or from and to (any range of at most " + DateRange.MAX_DAYS
                    + " days, both included: the sums of its settled days). One line per own video with settled "
                    + "activity, then a TOTAL line. The status column (and the " + STATUS_HEADER + " header) is "
                    + "'provisional' while the range is not over in the platform time zone or any of its days is not "
                    + "settled, else 'final'. UTF-8 with a byte order mark, CRLF line ends, titles quoted, a title "
                    + "starting with = + - @ prefixed with an apostrophe. No activity: the header and a TOTAL line "
                    + "of zeros. Errors are application/problem+json whatever the Accept header.")
    @APIResponse(responseCode = "503", description = ReportParams.READS_UNAVAILABLE)
    @APIResponse(responseCode = "200", description = "The statement as an attachment",
            headers = {
                @Header(name = HttpHeaders.CONTENT_DISPOSITION,
                        description = "attachment; filename=\"statement-<creatorId>-<YYYY-MM or from_to>.csv\"",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = STATUS_HEADER, description = "the status of every line of the file",
                        schema = @Schema(type = SchemaType.STRING,
                                enumeration = {StatementCsv.PROVISIONAL, StatementCsv.FINAL}))},
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "month", summary = "a settled month", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Neither or both of month and from/to, a malformed or future "
            + "date or month, from after to, or a range longer than " + DateRange.MAX_DAYS + " days")
    @APIResponse(responseCode = "403", description = "Caller is not a CREATOR")
    @APIResponse(responseCode = "406", description = "The Accept header lists none of text/csv, text/* and */* (the "
            + "statement is a CSV file only)")
    public Response statement(
            @Parameter(description = "a calendar month, YYYY-MM, not after the current one; instead of from and to",
                    schema = @Schema(type = SchemaType.STRING, pattern = ReportParams.MONTH_PATTERN,
                            examples = "2026-11")) @QueryParam("month") String month,
            @Parameter(description = "first day of the range, YYYY-MM-DD; with to, instead of month",
                    example = "2026-11-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "last day of the range (included), YYYY-MM-DD, not after today",
                    example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        LocalDate today = platformToday.date();
        long creatorId = caller.userId();
        Statement statement;
        String label;
        if (month != null) {
            if (from != null || to != null) {
                throw ApiException.badRequest("month, from, to: give either month or from and to, not both");
            }
            YearMonth m = ReportParams.month(month, today);
            statement = statements.month(creatorId, m);
            label = m.toString();
        } else if (from == null && to == null) {
            throw ApiException.badRequest("month, from, to: required, either month as YYYY-MM or from and to as "
                    + "YYYY-MM-DD");
        } else {
            DateRange range = ReportParams.range(from, to, today);
            statement = statements.range(creatorId, range);
            label = range.from() + "_" + range.to();
        }
        return Response.ok(StatementCsv.render(statement), StatementCsv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"statement-" + creatorId + "-" + label + ".csv\"")
                .header(STATUS_HEADER, statement.provisional() ? StatementCsv.PROVISIONAL : StatementCsv.FINAL)
                .build();
    }
}
