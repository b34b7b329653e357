package io.streamstats.user.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.streamstats.user.service.AuthService;

/** {@code expiresIn}: seconds until the access token expires. */
public record TokenResponse(@Schema(example = "eyJraWQiOiJ...") String accessToken,
                            @Schema(example = "Qm9vdHN0cmFwLXJlZnJlc2gtdG9rZW4") String refreshToken,
                            @Schema(example = "900") long expiresIn, @Schema(example = "Bearer") String tokenType) {

    static TokenResponse of(AuthService.TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.expiresInSeconds(), "Bearer");
    }
}
