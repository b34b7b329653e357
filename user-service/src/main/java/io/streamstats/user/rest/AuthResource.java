package io.streamstats.user.rest;

import io.quarkus.security.Authenticated;
import io.streamstats.common.security.TokenClaims;
import io.streamstats.user.service.AuthService;
import io.streamstats.user.service.LoginThrottle;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth", description = "Log in, refresh the tokens, log out")
public class AuthResource {

    @Inject
    AuthService auth;

    @Inject
    JsonWebToken token;

    @Inject
    LoginThrottle throttle;

    @POST
    @Path("/login")
    @NoStore
    @Operation(operationId = "login", summary = "Log in: opens a session and returns an access and a refresh token")
    @APIResponse(responseCode = "200", description = "Tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid or malformed body")
    @APIResponse(responseCode = "401", description = "Wrong email or password (one message for both)")
    @APIResponse(responseCode = "429", description = "Too many failed logins from this address or for this account "
            + "from this address; Retry-After says when to try again")
    public TokenResponse login(@NotNull(message = "a JSON body is required") @Valid LoginRequest body,
                               @Context HttpServerRequest request) {
        // the limits are decided before any bcrypt work: a refusal is cheap
        return TokenResponse.of(throttle.attempt(body.email(), LoginThrottle.clientAddress(request),
                () -> auth.login(body.email(), body.password())));
    }

    @POST
    @Path("/refresh")
    @NoStore
    @Operation(operationId = "refresh", summary = "Exchange a refresh token for a new pair; the presented one stops working",
            description = "A refresh token works once. Presented again within 10 s of its use (a racing request, a"
                    + " retry) it is refused and the session goes on with the pair the first use returned; presented"
                    + " later it ends its whole session.")
    @APIResponse(responseCode = "200", description = "New tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid or malformed body")
    @APIResponse(responseCode = "401", description = "Unknown, expired or already used refresh token, or ended session")
    public TokenResponse refresh(@NotNull(message = "a JSON body is required") @Valid RefreshRequest body) {
        return TokenResponse.of(auth.refresh(body.refreshToken()));
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD) // no body expected
    @Produces(MediaType.WILDCARD) // nor sent: no Accept can be refused (a 204 has no representation to choose)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "logout", summary = "End the session of this access token",
            description = "Afterwards the access token and the session's refresh token are refused by every service.")
    @APIResponse(responseCode = "204", description = "Logged out")
    public void logout() {
        auth.logout(token.getClaim(TokenClaims.SESSION_ID));
    }
}
