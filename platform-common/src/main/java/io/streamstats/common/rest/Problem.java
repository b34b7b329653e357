package io.streamstats.common.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail; every error response of the platform has this body. */
// named so that the document lists it even though no operation names the class (ProblemResponsesFilter)
@Schema(name = "Problem", requiredProperties = {"type", "title", "status", "detail"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(requiredProperties = {"field", "message"})
    public record Violation(String field, String message) {
    }

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", title(status), status, detail != null ? detail : title(status), null);
    }

    public static Problem invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : "The request has " + violations.size() + " invalid fields";
        return new Problem("about:blank", title(400), 400, detail, violations);
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
