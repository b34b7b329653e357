package io.streamstats.user.rest;

import io.streamstats.user.service.AuthService;
import java.time.Instant;
import java.util.List;

/**
 * Ended sessions since the requested instant. {@code serverTime}: ask again from a little before it (the
 * overlap covers transactions that commit late); {@code complete}: false when the page limit cut the list.
 */
public record RevokedSessionsResponse(Instant serverTime, boolean complete, List<AuthService.Revocation> sessions) {
}
