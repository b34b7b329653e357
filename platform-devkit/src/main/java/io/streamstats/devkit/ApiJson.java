package io.streamstats.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The API's JSON as the load drivers send and read it, as records. Reading is strict where it matters to a check
 * (a missing or null field is an error, not a silent 0) and lenient about fields the drivers do not read.
 */
final class ApiJson {

    /** POST /api/users */
    record NewUser(String email, String password, String nickname, String role) {
    }

    /** POST /api/auth/login */
    record Login(String email, String password) {
    }

    /** The id of what a POST created. */
    record Created(long id) {
    }

    /** The login answer's access token. */
    record Tokens(String accessToken) {
    }

    /** POST /api/videos */
    record NewVideo(String title, int durationSeconds) {
    }

    /** POST /api/videos/{id}/play: the answer. */
    record PlayAnswer(long playbackId, int resumeFromSeconds, boolean countedAsView) {
    }

    /** POST /api/videos/{id}/pause: the request and its answer. */
    record PauseRequest(long playbackId, int positionSeconds) {
    }

    record PauseAnswer(int positionSeconds, int playedSeconds, int adViews) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ApiJson() {
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a " + type.getSimpleName() + " (" + e.getOriginalMessage() + "): "
                    + json);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
