package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Anonymous, viewer, the owning creator and another creator against every endpoint. */
@QuarkusTest
class AuthorizationMatrixTest {

    @Test
    void everyEndpointChecksWhoMayCallIt() {
        Users.User viewer = Users.create("VIEWER");
        Users.User owner = Users.create("CREATOR");
        Users.User otherCreator = Users.create("CREATOR");
        long video = Api.video(owner, 600);
        long ownersPlayback = Api.playbackId(Api.play(owner, video));

        Map<String, Users.User> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("viewer", viewer);
        callers.put("owner", owner);
        callers.put("otherCreator", otherCreator);

        // expected status per caller, in the order above
        record Case(String name, Function<RequestSpecification, Integer> call, int... expected) {
        }
        List<Case> cases = List.of(
                new Case("register video", r -> r.contentType(ContentType.JSON)
                        .body("{\"title\":\"t\",\"durationSeconds\":10}").post("/api/videos").statusCode(),
                        401, 403, 201, 201),
                new Case("get video", r -> r.get("/api/videos/" + video).statusCode(), 401, 200, 200, 200),
                new Case("list videos", r -> r.queryParam("creatorId", owner.id()).get("/api/videos").statusCode(),
                        401, 200, 200, 200),
                new Case("play", r -> r.post("/api/videos/" + video + "/play").statusCode(), 401, 200, 200, 200),
                new Case("pause the owner's playback", r -> r.contentType(ContentType.JSON)
                        .body("{\"playbackId\":" + ownersPlayback + ",\"positionSeconds\":1}")
                        .post("/api/videos/" + video + "/pause").statusCode(), 401, 404, 200, 404),
                new Case("top ALL", r -> r.queryParam("period", "DAILY").queryParam("date", "2026-01-01")
                        .queryParam("scope", "ALL").get("/api/stats/top").statusCode(), 401, 200, 200, 200),
                new Case("top MINE", r -> r.queryParam("period", "DAILY").queryParam("date", "2026-01-01")
                        .queryParam("scope", "MINE").get("/api/stats/top").statusCode(), 401, 403, 200, 200),
                new Case("settlement", r -> r.queryParam("period", "DAILY").queryParam("date", "2026-01-01")
                        .get("/api/settlements").statusCode(), 401, 403, 200, 200));

        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            int i = 0;
            for (var caller : callers.entrySet()) {
                RequestSpecification request = given();
                if (caller.getValue() != null) {
                    request = request.auth().oauth2(caller.getValue().accessToken());
                }
                int status = c.call().apply(request);
                if (status != c.expected()[i]) {
                    mismatches.add(c.name() + " as " + caller.getKey() + ": " + status + " (expected " + c.expected()[i] + ")");
                }
                i++;
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void refusalsAreProblemJson() {
        given().get("/api/settlements").then().statusCode(401).contentType("application/problem+json");
        Users.User viewer = Users.create("VIEWER");
        given().auth().oauth2(viewer.accessToken()).queryParam("period", "DAILY").queryParam("date", "2026-01-01")
                .get("/api/settlements").then().statusCode(403).contentType("application/problem+json");
    }
}
