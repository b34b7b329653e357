package io.streamstats.user.rest;

import io.quarkus.security.Authenticated;
import io.streamstats.common.security.TokenClaims;
import io.streamstats.user.service.LoginThrottle;
import io.streamstats.user.service.SignUpThrottle;
import io.streamstats.user.service.UserService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "Sign up; the signed-in user")
public class UserResource {

    @Inject
    UserService users;

    @Inject
    SignUpThrottle throttle;

    @Inject
    JsonWebToken token;

    @POST
    @Operation(operationId = "signUp", summary = "Sign up as a VIEWER or a CREATOR")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid or malformed body")
    @APIResponse(responseCode = "409", description = "An account with this email exists")
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this address; Retry-After says when to "
            + "try again")
    public Response signUp(@NotNull(message = "a JSON body is required") @Valid SignUpRequest body,
                           @Context HttpServerRequest request) {
        var user = throttle.attempt(LoginThrottle.clientAddress(request),
                () -> users.signUp(body.email(), body.password(), body.nickname(), body.role()));
        return Response.status(Response.Status.CREATED).entity(UserResponse.of(user)).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "currentUser", summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    public UserResponse me() {
        return UserResponse.of(users.get(TokenClaims.userId(token.getSubject())));
    }
}
