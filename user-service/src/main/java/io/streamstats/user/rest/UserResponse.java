package io.streamstats.user.rest;

import io.streamstats.user.domain.User;

public record UserResponse(long id, String email, String nickname, String role) {

    static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.nickname, user.role);
    }
}
