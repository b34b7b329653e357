package io.streamstats.common.rest;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request refused by a rate limit: 429 with {@code Retry-After} (whole seconds, at least 1) and a problem body.
 * Thrown before the limited work starts, so a refusal costs a map lookup.
 */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(429, message);
        long millis = Math.max(0, retryAfter.toMillis());
        this.retryAfterSeconds = Math.max(1, (millis + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Response toResponse() {
        return Response.fromResponse(Problem.of(429, getMessage()).toResponse())
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .build();
    }

    /** More specific than the {@link ApiException} mapper, so it is the one chosen for this exception. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response tooMany(TooManyRequestsException e) {
            return e.toResponse();
        }
    }
}
