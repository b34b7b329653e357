package io.streamstats.user.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.streamstats.user.service.AuthService;
import java.time.Instant;
import java.util.List;

/**
 * Ended sessions since the requested instant. {@code serverTime}: ask again from a little before it (the
 * overlap covers transactions that commit late); {@code complete}: false when the page limit cut the list.
 */
public record RevokedSessionsResponse(@Schema(example = "2026-11-30T12:00:00Z") Instant serverTime,
                                      @Schema(example = "true") boolean complete,
                                      List<AuthService.Revocation> sessions) {
}
