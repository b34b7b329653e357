package io.streamstats.streaming.rest;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Response headers of the creator studio ({@code /studio/}: its page, script, style sheet and settings):
 * <ul>
 * <li>{@code Cache-Control: no-cache}: the files are not fingerprinted, so a browser revalidates them (304 when
 * unchanged) instead of keeping the previous release's page for a day, as the static handler's default
 * {@code public, immutable, max-age=86400} made it;</li>
 * <li>a Content-Security-Policy allowing only the page's own script and style and calls to this origin and to
 * user-service (the settings' {@code userServiceUrl}), and no framing ({@code frame-ancestors 'none'},
 * {@code X-Frame-Options: DENY}): the sign-in form cannot be framed by another site;</li>
 * <li>{@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}.</li>
 * </ul>
 * Set when the headers are written, so they replace what the static handler set.
 */
@Singleton
public class StudioHeaders {

    static final String PATH = "/studio";

    @ConfigProperty(name = "platform.studio.user-service-url")
    Optional<String> userServiceUrl;

    /** Fixed for the process: made once, at start. */
    private String policy;

    void register(@Observes Router router) {
        policy = contentSecurityPolicy();
        router.route().order(Integer.MIN_VALUE).handler(this::studioHeaders);
    }

    /**
     * The policy, with user-service's origin when it is elsewhere (./platform: another port). The origin only: a
     * source with a path would match that path exactly, not the API paths under it.
     */
    String contentSecurityPolicy() {
        String userService = userServiceUrl.map(String::strip).filter(u -> !u.isEmpty())
                .map(StudioHeaders::origin).map(o -> " " + o).orElse("");
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                + userService + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of a URL. */
    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private void studioHeaders(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals(PATH) || path.startsWith(PATH + "/")) {
            ctx.addHeadersEndHandler(ignored -> {
                MultiMap headers = ctx.response().headers();
                if (!headers.contains("Cache-Control") || !headers.get("Cache-Control").contains("no-store")) {
                    headers.set("Cache-Control", "no-cache");
                }
                headers.set("Content-Security-Policy", policy);
                headers.set("X-Frame-Options", "DENY");
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
            });
        }
        ctx.next();
    }
}
