package io.streamstats.streaming.rest;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.streamstats.common.rest.TooManyRequestsException;
import io.streamstats.streaming.service.ViewerRateLimiter;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Play and pause count against the caller's per-viewer allowance ({@link ViewerRateLimiter}) before they join the
 * write queue; beyond it 429 with {@code Retry-After}. Unauthenticated requests pass through to be refused with 401.
 */
public class ViewerLimitFilter {

    private static final Set<String> LIMITED = Set.of("play", "pause");

    @Inject
    ViewerRateLimiter limiter;

    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter
    public Uni<Response> limitPlayback(SimpleResourceInfo resource) {
        if (!limiter.enabled() || resource.getResourceClass() != VideoResource.class
                || !LIMITED.contains(resource.getMethodName())) {
            return null;
        }
        return identity.getDeferredIdentity().map(this::refusal);
    }

    private Response refusal(SecurityIdentity caller) {
        if (caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        long viewerId;
        try {
            viewerId = Long.parseLong(token.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            return null; // refused later, with the reason
        }
        Duration wait = limiter.acquire(viewerId);
        if (wait.isZero()) {
            return null;
        }
        return new TooManyRequestsException("Too many play and pause requests from your account; slow down", wait)
                .toResponse();
    }
}
