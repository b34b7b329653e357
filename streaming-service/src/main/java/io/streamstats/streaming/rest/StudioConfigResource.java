package io.streamstats.streaming.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The creator studio's run-time settings ({@code /studio/}, static files of this service): where the page finds
 * user-service for login, refresh, logout and {@code me}. Empty means the page's own origin, as behind the Ingress.
 * Public and not part of the published API.
 */
@Path("/studio/config.json")
@PermitAll
public class StudioConfigResource {

    @ConfigProperty(name = "platform.studio.user-service-url")
    Optional<String> userServiceUrl;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response config() {
        String url = userServiceUrl.map(String::strip).orElse("");
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Map.of("userServiceUrl", url)).cacheControl(noStore).build();
    }
}
