package io.streamstats.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens to a request before or beside JAX-RS, on the Vert.x router of every service:
 * <ul>
 * <li>a body over {@code quarkus.http.limits.max-body-size} is refused with 413 problem+json (Vert.x would answer
 * an empty 413): by its Content-Length before it is read, or while it is read when it comes chunked;</li>
 * <li>any other 4xx the router itself fails a request with gets a problem+json body too;</li>
 * <li>content negotiation as clients expect it: a range of quality 0 is not acceptable ({@link
 * #withoutRefusedRanges}), and an {@code Accept} that lists {@code application/problem+json} also
 * accepts {@code application/json} at the same weight ({@link #acceptingJsonWithProblems}). Operations produce
 * JSON and every error is problem+json whatever was asked; a generated client that asks for the first JSON type
 * the document lists (problem+json, from the error responses) then gets its answer instead of 406. 406 stays for
 * what no operation here produces (Accept: image/png on a JSON operation);</li>
 * <li>a request no resource method matched (404, 405, 415 … on any path) is recorded in the HTTP server metrics
 * under one {@code uri} tag, {@value #UNMATCHED} (404s keep Micrometer's {@code NOT_FOUND}), instead of its raw
 * path: otherwise every made-up path would be a new time series.</li>
 * </ul>
 * Requests the HTTP codec cannot parse (control characters in a header, a request line over 4 KiB, headers over
 * the size limit) never reach the router: Vert.x answers them with a bare 400 / 414 / 431 and closes the
 * connection, and offers no hook for it through Quarkus. Nor does a request whose target is no valid URI (a
 * malformed %-escape in the path or the query, {@code /api/videos/%zz}): Quarkus refuses it with a bare 400
 * before any route, unless URI validation is turned off for the whole server, which is not worth a body.
 */
@Singleton
public class HttpEdge {

    /** The {@code uri} tag of requests no resource template matched. */
    public static final String UNMATCHED = "UNMATCHED";

    /** Where Quarkus REST records the matched template; the HTTP server metrics read it from there. */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /** How long a refused body is read and discarded, at most, before the connection is closed anyway. */
    static final long LINGER_MILLIS = 2_000;

    /** How many bytes of a refused body are read and discarded, at most, before the connection is closed. */
    static final long LINGER_BYTES = 4L * 1024 * 1024;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::tagUnmatchedInMetrics);
        router.route().order(Integer.MIN_VALUE).handler(HttpEdge::acceptJsonWithProblems);
        if (maxBodySize.isPresent()) {
            long limit = maxBodySize.get().asLongValue();
            BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
            // just before Quarkus' own check (which answers 413 without a body)
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                    .handler(ctx -> limitBody(ctx, limit, chunkedBodies));
        }
        router.route().order(Integer.MIN_VALUE).failureHandler(this::clientErrorAsProblem);
    }

    private void tagUnmatchedInMetrics(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> {
            var context = ((HttpServerRequestInternal) ctx.request()).context();
            if (context.getLocal(URL_PATH_TEMPLATE) != null) {
                return;
            }
            String path = ctx.normalizedPath();
            boolean operationsPath = path.equals("/q") || path.startsWith("/q/");
            // /q/metrics, /q/health/…: fixed paths of Vert.x routes, kept as they are when they answered
            if (!operationsPath || ctx.response().getStatusCode() >= 400) {
                context.putLocal(URL_PATH_TEMPLATE, UNMATCHED);
            }
        });
        ctx.next();
    }

    private static void acceptJsonWithProblems(RoutingContext ctx) {
        var headers = ctx.request().headers();
        List<String> accept = headers.getAll(HttpHeaders.ACCEPT);
        if (!accept.isEmpty()) {
            String given = String.join(",", accept);
            String accepted = Objects.requireNonNullElse(withoutRefusedRanges(given), given);
            String negotiated = Objects.requireNonNullElse(acceptingJsonWithProblems(accepted), accepted);
            if (!negotiated.equals(given)) {
                headers.set(HttpHeaders.ACCEPT, negotiated);
            }
        }
        ctx.next();
    }

    /** What an Accept header is set to when every range it lists has q=0: no operation produces it (406). */
    static final String NOTHING_ACCEPTED = "application/x-nothing-acceptable";

    private static final Pattern ZERO_QUALITY =
            Pattern.compile(";\\s*q\\s*=\\s*0(\\.0{0,3})?\\s*(;|$)", Pattern.CASE_INSENSITIVE);

    /**
     * The Accept header without its ranges of quality 0, which RFC 9110 makes "not acceptable" (JAX-RS matched them
     * like any other: {@code application/json;q=0, text/csv} got JSON), or null when it has none. When every range
     * has q=0, {@link #NOTHING_ACCEPTED}, so the request gets 406 rather than whatever an empty header would.
     */
    static String withoutRefusedRanges(String accept) {
        List<String> ranges = ranges(accept);
        List<String> kept = ranges.stream().filter(range -> !ZERO_QUALITY.matcher(range).find()).toList();
        if (kept.size() == ranges.size()) {
            return null;
        }
        return kept.isEmpty() ? NOTHING_ACCEPTED : String.join(", ", kept);
    }

    /** The media ranges of an Accept header, trimmed, without empty ones. */
    private static List<String> ranges(String accept) {
        return Arrays.stream(accept.split(",")).map(String::trim).filter(range -> !range.isEmpty()).toList();
    }

    private static final Pattern PROBLEM_JSON_RANGE =
            Pattern.compile("\\s*application/problem\\+json\\s*(;.*)?", Pattern.CASE_INSENSITIVE);

    /**
     * The Accept header with {@code application/json} added beside each {@code application/problem+json} range (same
     * parameters, so the same q), or null when it lists no problem+json and stays as it is.
     */
    static String acceptingJsonWithProblems(String accept) {
        List<String> ranges = new ArrayList<>();
        boolean widened = false;
        for (String range : ranges(accept)) {
            ranges.add(range);
            Matcher problem = PROBLEM_JSON_RANGE.matcher(range);
            if (problem.matches()) {
                ranges.add("application/json" + (problem.group(1) == null ? "" : problem.group(1).trim()));
                widened = true;
            }
        }
        return widened ? String.join(", ", ranges) : null;
    }

    private void limitBody(RoutingContext ctx, long limit, BodyHandler chunkedBodies) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                refuse(ctx, 400, "Content-Length must be a whole number of bytes", true);
            } else if (declared > limit) {
                refuse(ctx, 413, tooLarge(limit), true);
            } else {
                ctx.next();
            }
        } else if (ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // no length announced: read it here, counting; past the limit the handler fails the request with 413
            chunkedBodies.handle(ctx);
        } else {
            ctx.next();
        }
    }

    private void clientErrorAsProblem(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || status >= 500 || ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String detail = switch (status) {
            case 413 -> maxBodySize.map(size -> tooLarge(size.asLongValue())).orElse("The request body is too large");
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            default -> "The request could not be understood";
        };
        refuse(ctx, status, detail, status == 413);
    }

    private void refuse(RoutingContext ctx, int status, String detail, boolean closeConnection) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        // HTTP/1.1 only: HTTP/2 forbids the Connection header, and its connection carries other requests' streams
        if (closeConnection && ctx.request().version() != HttpVersion.HTTP_2) {
            // the unread body is still on its way: this connection cannot carry another request
            response.putHeader(HttpHeaders.CONNECTION, "close");
            closeAfterDiscardingTheBody(ctx);
        }
        response.end(body);
    }

    /**
     * Closes the connection once the answer is sent and the client has finished sending its body, or after
     * {@value #LINGER_MILLIS} ms or {@value #LINGER_BYTES} discarded bytes, whichever comes first. Closing while
     * body bytes are still arriving makes the kernel answer them with a reset, and a reset makes the client's
     * kernel drop the 413 it has received but not yet read: the client would see a broken connection instead of
     * the answer (a "lingering close", as HTTP/1.1 servers do it).
     */
    private static void closeAfterDiscardingTheBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            ctx.response().endHandler(ignored -> connection.close());
            return;
        }
        // the answer is ended right after this, in the same turn of the event loop: the body's end, the timer and
        // the byte cap all come later, so each closes after the answer
        long timer = ctx.vertx().setTimer(LINGER_MILLIS, ignored -> connection.close());
        Runnable close = () -> {
            ctx.vertx().cancelTimer(timer);
            connection.close();
        };
        AtomicLong discarded = new AtomicLong();
        // replaces the handlers a BodyHandler set for a chunked body it has refused
        request.handler(chunk -> {
            if (discarded.addAndGet(chunk.length()) > LINGER_BYTES) {
                close.run();
            }
        });
        request.endHandler(ignored -> close.run());
        request.resume();
    }

    private static String tooLarge(long limit) {
        return "The request body is larger than the limit of " + limit + " bytes";
    }
}
