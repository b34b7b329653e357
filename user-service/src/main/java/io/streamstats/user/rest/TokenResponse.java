package io.streamstats.user.rest;

import io.streamstats.user.service.AuthService;

/** {@code expiresIn}: seconds until the access token expires. */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    static TokenResponse of(AuthService.TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.expiresInSeconds(), "Bearer");
    }
}
