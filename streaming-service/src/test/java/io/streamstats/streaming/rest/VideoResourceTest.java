package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class VideoResourceTest {

    /** A body in another charset (é as the Latin-1 byte 0xE9) is named as not UTF-8, not as a field's wrong type. */
    @Test
    void aBodyThatIsNotUtf8IsNamedAsSuch() {
        Users.User creator = Users.create("CREATOR");
        byte[] latin1 = "{\"title\":\"Caf\u00e9\",\"durationSeconds\":60}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().auth().oauth2(creator.accessToken()).contentType("application/json; charset=iso-8859-1").body(latin1)
                .post("/api/videos").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The request body is not valid UTF-8: JSON is sent in UTF-8 (RFC 8259),"
                        + " whatever charset the Content-Type names"));
        // the viewer's 403 names the role the operation is for
        given().auth().oauth2(Users.create("VIEWER").accessToken()).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"durationSeconds\":60}").post("/api/videos").then().statusCode(403)
                .body("detail", equalTo("Only CREATOR accounts may do this; yours is not one"));
    }

    @Test
    void registerGetAndListByCreator() {
        Users.User creator = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        var registered = given().auth().oauth2(creator.accessToken()).contentType(ContentType.JSON)
                .body("{\"title\":\"  First  \",\"durationSeconds\":901,\"url\":\"https://cdn.example.com/a.mp4\"}")
                .post("/api/videos").then().statusCode(201)
                .body("title", equalTo("First")).body("url", equalTo("https://cdn.example.com/a.mp4"))
                .body("adPositions", contains(300, 600, 900)).extract();
        long a = ((Number) registered.path("id")).longValue();
        // the new video's URL, relative (the same behind any proxy), where it is read
        assertEquals("/api/videos/" + a, registered.header("Location"));
        given().auth().oauth2(viewer.accessToken()).get(registered.header("Location")).then().statusCode(200)
                .body("title", equalTo("First"));
        long b = Api.video(creator, 60);
        given().auth().oauth2(viewer.accessToken()).get("/api/videos/" + a).then().statusCode(200)
                .body("id", equalTo((int) a)).body("creatorId", equalTo((int) creator.id()))
                .body("durationSeconds", equalTo(901));
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", creator.id()).get("/api/videos").then()
                .statusCode(200).body("items.id", contains((int) a, (int) b)).body("nextAfterId", nullValue());
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", creator.id()).queryParam("limit", 1)
                .get("/api/videos").then().statusCode(200).body("items", hasSize(1)).body("nextAfterId", equalTo((int) a));
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", creator.id()).queryParam("afterId", a)
                .get("/api/videos").then().statusCode(200).body("items.id", contains((int) b));
        // a last page that is exactly full ends the list: no next page to ask for (it named one, which was empty)
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", creator.id()).queryParam("limit", 2)
                .get("/api/videos").then().statusCode(200).body("items.id", contains((int) a, (int) b))
                .body("nextAfterId", nullValue());
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", creator.id()).queryParam("afterId", a)
                .queryParam("limit", 1).get("/api/videos").then().statusCode(200).body("items.id", contains((int) b))
                .body("nextAfterId", nullValue());
    }

    @Test
    void viewerMayNotRegister() {
        Users.User viewer = Users.create("VIEWER");
        Api.register(viewer, "nope", 100).statusCode(403).contentType("application/problem+json");
    }

    @Test
    void unknownVideoIs404() {
        Users.User viewer = Users.create("VIEWER");
        given().auth().oauth2(viewer.accessToken()).get("/api/videos/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("999999999"));
        given().auth().oauth2(viewer.accessToken()).get("/api/videos/not-a-number").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"title\":\"t\",\"durationSeconds\":0}",
        "{\"title\":\"t\",\"durationSeconds\":86401}",
        "{\"title\":\"t\",\"durationSeconds\":-5}",
        "{\"title\":\"\",\"durationSeconds\":10}",
        "{\"durationSeconds\":10}",
        "{\"title\":\"t\"}",
        "{\"title\":\"t\",\"durationSeconds\":\"10\"}",
        "{\"title\":\"t\",\"durationSeconds\":10.5}",
        "{\"title\":\"t\",\"durationSeconds\":10,\"url\":\"ftp://x\"}",
        "{\"title\":\"t\",\"durationSeconds\":99999999999}",
        "{\"title\":",
        "[]",
    })
    void invalidRegistrationsAre400(String body) {
        Users.User creator = Users.create("CREATOR");
        given().auth().oauth2(creator.accessToken()).contentType(ContentType.JSON).body(body).post("/api/videos")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void boundaryDurationsAreAccepted() {
        Users.User creator = Users.create("CREATOR");
        Api.register(creator, "max", 86_400).statusCode(201);
        Api.register(creator, "min", 1).statusCode(201);
    }

    @Test
    void listNeedsACreatorAndSaneLimits() {
        Users.User viewer = Users.create("VIEWER");
        given().auth().oauth2(viewer.accessToken()).get("/api/videos").then().statusCode(400)
                .body("detail", containsString("creatorId"));
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", 1).queryParam("limit", 0)
                .get("/api/videos").then().statusCode(400).body("detail", containsString("limit"));
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", "x").get("/api/videos").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("creatorId"));
        given().auth().oauth2(viewer.accessToken()).queryParam("creatorId", 1).queryParam("limit", 1001)
                .get("/api/videos").then().statusCode(400);
    }

    @Test
    void invalidPauseBodiesAre400() {
        Users.User creator = Users.create("CREATOR");
        long video = Api.video(creator, 100);
        for (String body : new String[] {"{}", "{\"playbackId\":1}", "{\"positionSeconds\":1}",
                "{\"playbackId\":1,\"positionSeconds\":-1}", "{\"playbackId\":\"x\",\"positionSeconds\":1}", "{"}) {
            given().auth().oauth2(creator.accessToken()).contentType(ContentType.JSON).body(body)
                    .post("/api/videos/" + video + "/pause").then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
