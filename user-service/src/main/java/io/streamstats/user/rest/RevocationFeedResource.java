package io.streamstats.user.rest;

import io.streamstats.common.rest.ApiException;
import io.streamstats.user.config.AuthConfig;
import io.streamstats.user.repository.DatabaseClock;
import io.streamstats.user.service.AuthService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Service-to-service: the sessions ended recently, so other services can refuse their tokens. Not routed by the
 * Ingress; callers present the shared internal key.
 */
@Path("/internal/revoked-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Service to service, inside the cluster only")
public class RevocationFeedResource {

    static final int PAGE_LIMIT = 10_000;
    private static final Instant DATETIME_END = Instant.parse("+10000-01-01T00:00:00Z");

    @Inject
    AuthService auth;

    @Inject
    AuthConfig config;

    @Inject
    DatabaseClock databaseClock;

    @GET
    @Operation(operationId = "revokedSessions", summary = "Sessions ended at or after 'since' (ISO-8601 instant); for other services only",
            description = "Without 'since': every session ended within the access-token lifetime plus the clock-skew"
                    + " allowance, i.e. every session a still-valid token may belong to (a new reader's first"
                    + " poll). Pages: when 'complete' is false, ask again with since = the last revokedAt and"
                    + " afterSessionId = the last sessionId.")
    @APIResponse(responseCode = "200", description = "Ended sessions, oldest first",
            content = @Content(schema = @Schema(implementation = RevokedSessionsResponse.class)))
    @APIResponse(responseCode = "400", description = "'since' not an ISO-8601 instant from 1970 to 9999")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Internal-Key")
    @SecurityRequirement(name = "internalKey")
    public RevokedSessionsResponse revokedSince(@Parameter(hidden = true) @HeaderParam("X-Internal-Key") String key,
                                                @Parameter(description = "ended at or after this instant",
                                                        example = "2026-11-30T12:00:00Z")
                                                @QueryParam("since") String since,
                                                @Parameter(description = "with since: after this session of that instant",
                                                        example = "3f1c2b9e-5d4a-4c8e-9a7b-1e2d3c4b5a69")
                                                @QueryParam("afterSessionId") String afterSessionId,
                                                @Parameter(description = "the page size, 1.." + PAGE_LIMIT,
                                                        example = "500")
                                                @QueryParam("limit") String limit) {
        if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                config.internalApiKey().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("This endpoint is for platform services: send the X-Internal-Key header");
        }
        // the database's clock, which stamped the revocations: the reader's next cursor is on the same clock
        Instant serverTime = databaseClock.now();
        Instant from;
        if (since == null || since.isEmpty()) {
            // derived from the token lifetime: older sessions have no token left that could still be accepted
            from = serverTime.minus(config.accessTokenTtl()).minus(config.clockSkew());
        } else {
            try {
                // what DATETIME(6) holds: the driver would round nanoseconds, up into year 10000 at the very end
                from = Instant.parse(since).truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                from = null;
            }
            // what the DATETIME(6) column can be compared with; beyond it the driver cannot even bind the value
            if (from == null || from.isBefore(Instant.EPOCH) || !from.isBefore(DATETIME_END)) {
                throw ApiException.badRequest("since: must be an ISO-8601 instant from 1970-01-01T00:00:00Z to"
                        + " 9999-12-31T23:59:59Z, such as 2026-01-31T12:00:00Z");
            }
        }
        int pageSize = PAGE_LIMIT;
        if (limit != null) {
            try {
                pageSize = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > PAGE_LIMIT) {
                throw ApiException.badRequest("limit: must be a whole number from 1 to " + PAGE_LIMIT);
            }
        }
        List<AuthService.Revocation> sessions = auth.revokedSince(from, afterSessionId == null ? "" : afterSessionId,
                pageSize);
        return new RevokedSessionsResponse(serverTime, sessions.size() < pageSize, sessions);
    }
}
