package io.streamstats.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@code application/problem+json} response with a message a person can act on. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Problem.of(e.status(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .collect(Collectors.toList());
        return Problem.invalid(violations).toResponse();
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return jsonProblem(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return jsonProblem(e);
    }

    /** Replaces Quarkus' own mapper for it, which answers 500 without a body. */
    @ServerExceptionMapper
    public Response undeserializable(InvalidDefinitionException e) {
        LOG.error("A request body type cannot be read", e);
        return Problem.of(500, "The server failed unexpectedly; the request was not completed").toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Problem.of(401, "Authentication required: send a valid access token as 'Authorization: Bearer <token>'")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return invalidToken(tokenRejected(e));
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e) {
        return invalidToken(tokenRejected(e));
    }

    /**
     * A token was sent and refused: RFC 6750 §3.1's {@code invalid_token} in the challenge, which tells a client to
     * get a new token (refresh, or sign in) rather than to send one (a request without any gets the bare challenge).
     */
    private static Response invalidToken(String detail) {
        Response problem = Problem.of(401, detail).toResponse();
        problem.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        return problem;
    }

    /** A role check of {@link RolesAllowed} refused the caller: the detail names the roles that may. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resource != null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return Problem.of(403, allowed == null || allowed.value().length == 0 ? "Your role may not do this"
                : "Only " + String.join(" or ", allowed.value()) + " accounts may do this; yours is not one")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return Problem.of(status, "The server could not handle this request").toResponse();
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json); // the JSON reader wraps some parse errors (a duplicate key) this way
        }
        String detail = switch (status) {
            case 400 -> e.getMessage() == null || e.getMessage().startsWith("HTTP 400") ? "Bad request" : e.getMessage();
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            // the same words for every operation: most answer application/json, statements text/csv too
            case 406 -> "This operation cannot answer with any media type the Accept header lists; the API document"
                    + " names the types each operation answers with (application/json, or text/csv for statements)";
            case 413 -> "The request body is too large";
            case 415 -> "Send the request body as application/json";
            default -> e.getMessage();
        };
        return Problem.of(status, detail).toResponse();
    }

    /** A path some resource method has, with another method: 405 naming the methods it has (RFC 9110 §15.5.6). */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        Response problem = web(e);
        String allow = allowedMethods.at(uri.getPath());
        if (allow != null) {
            problem.getHeaders().putSingle(HttpHeaders.ALLOW, allow);
        }
        return problem;
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure", e);
        return Problem.of(500, "The server failed unexpectedly; the request was not completed").toResponse();
    }

    private static Response jsonProblem(JsonProcessingException e) {
        String detail;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            detail = "Field '" + field + "' has the wrong type or format";
        } else if (e instanceof JsonMappingException) {
            // well-formed JSON of another shape ([], "text", 5 where an object is expected) or a second value after
            // the body: Jackson's own words name internal classes, so they are not passed on
            detail = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                    ? "The request body must be one JSON value; something follows it"
                    : "The request body must be a JSON object with the fields this operation documents";
        } else {
            detail = "The request body is not valid JSON: " + e.getOriginalMessage();
        }
        if (notUtf8(e)) {
            // Jackson reports a byte that is not UTF-8 at the field it was reading: not a wrong type or format
            detail = "The request body is not valid UTF-8: JSON is sent in UTF-8 (RFC 8259), whatever charset the"
                    + " Content-Type names";
        }
        return Problem.of(400, detail).toResponse();
    }

    private static boolean notUtf8(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (cause instanceof CharConversionException
                    || (message != null && message.startsWith("Invalid UTF-8"))) {
                return true;
            }
        }
        return false;
    }

    static final String EXPIRED = "The access token has expired: get a new pair with the refresh token (POST"
            + " /api/auth/refresh), or sign in again";

    private static String tokenRejected(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException jwt && jwt.hasExpired()) {
                return EXPIRED;
            }
        }
        String reason = e.getMessage();
        return reason == null || reason.isBlank()
                ? "The access token is invalid, expired or revoked"
                : "The access token was rejected: " + reason;
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String field = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                field = node.getName();
            } else if (node.getKind() == ElementKind.PARAMETER) {
                field = node.getName(); // resources name their request body parameter "body"
            }
        }
        return field;
    }
}
