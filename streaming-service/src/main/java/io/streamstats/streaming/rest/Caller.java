package io.streamstats.streaming.rest;

import io.streamstats.common.rest.ApiException;
import io.streamstats.common.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the user id and role from the verified access token. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    public long userId() {
        try {
            return Long.parseLong(token.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.unauthorized("The token's subject is not a user id");
        }
    }

    public boolean isCreator() {
        return token.getGroups().contains(Roles.CREATOR);
    }
}
