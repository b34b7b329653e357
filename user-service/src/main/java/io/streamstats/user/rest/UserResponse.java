package io.streamstats.user.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.streamstats.user.domain.User;

public record UserResponse(@Schema(example = "7") long id, @Schema(example = "ada@example.com") String email,
                           @Schema(example = "Ada") String nickname,
                           @Schema(example = "CREATOR", enumeration = {"VIEWER", "CREATOR"}) String role) {

    static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.nickname, user.role);
    }
}
