package io.streamstats.streaming.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;

/** Calls to streaming-service over a real socket. */
public final class Api {

    private Api() {
    }

    public static ValidatableResponse register(Users.User user, String title, int durationSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("durationSeconds", durationSeconds);
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(body)
                .post("/api/videos").then();
    }

    public static long video(Users.User creator, int durationSeconds) {
        return ((Number) register(creator, "video " + durationSeconds + "s", durationSeconds).statusCode(201)
                .extract().path("id")).longValue();
    }

    public static ValidatableResponse play(Users.User user, long videoId) {
        return given().auth().oauth2(user.accessToken()).post("/api/videos/" + videoId + "/play").then();
    }

    public static ValidatableResponse pause(Users.User user, long videoId, long playbackId, int position) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("playbackId", playbackId, "positionSeconds", position))
                .post("/api/videos/" + videoId + "/pause").then();
    }

    public static long playbackId(ValidatableResponse playResponse) {
        return ((Number) playResponse.statusCode(200).extract().path("playbackId")).longValue();
    }
}
