package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The document says every field of an answer is present and only the ones whose type includes "null" may be null
 * (ResponseFieldsFilter, @Schema(nullable = true)). Checked on real answers of every operation a creator and a
 * viewer call, against this service's own /q/openapi: a field the document calls required that is missing, or null
 * where its type has no "null", fails naming the operation and the field.
 */
@QuarkusTest
class ResponseFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    static JsonNode document;

    @BeforeEach
    void document() throws Exception {
        document = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void requestSchemasKeepTheirOwnRequiredFieldsAndResponseSchemasListEveryField() {
        JsonNode schemas = document.path("components").path("schemas");
        assertEquals(List.of("title", "durationSeconds"), names(schemas.path("RegisterVideoRequest").path("required")));
        assertEquals(schemas.path("VideoResponse").path("properties").properties().stream().map(e -> e.getKey())
                .toList(), names(schemas.path("VideoResponse").path("required")));
        assertEquals(List.of("type", "title", "status", "detail"), names(schemas.path("Problem").path("required")));
    }

    @Test
    void everyAnswerHasItsRequiredFieldsAndNullOnlyWhereTheTypeSaysSo() throws Exception {
        Users.User creator = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        // registered without a url: the answer's url is null, which the document must allow
        String registered = given().auth().oauth2(creator.accessToken()).contentType("application/json")
                .body("{\"title\":\"No url\",\"durationSeconds\":600}").post("/api/videos").then().statusCode(201)
                .extract().asString();
        List<String> wrong = new ArrayList<>(check("registerVideo", "VideoResponse", registered));
        long video = JSON.readTree(registered).path("id").asLong();
        String play = Api.play(viewer, video).statusCode(200).extract().asString();
        wrong.addAll(check("play", "PlayResponse", play));
        long playback = JSON.readTree(play).path("playbackId").asLong();
        wrong.addAll(check("pause", "PauseResponse",
                Api.pause(viewer, video, playback, 0).statusCode(200).extract().asString()));

        // a settled month of the video, as the batch writes it, so the period reports have items to check
        settledMonth(creator.id(), video);
        String[][] reads = {
            {"getVideo", "VideoResponse", "/api/videos/" + video, ""},
            // one video, page of one: the last page, whose nextAfterId is null
            {"listVideos", "VideoList", "/api/videos", "creatorId=" + creator.id()},
            {"topVideos", "TopResponse", "/api/stats/top", "period=MONTHLY&by=VIEWS&date=" + MONTH},
            {"topVideos MINE", "TopResponse", "/api/stats/top", "period=MONTHLY&by=PLAY_TIME&scope=MINE&date=" + MONTH},
            {"settlement", "SettlementResponse", "/api/settlements", "period=MONTHLY&date=" + MONTH},
            {"ranking", "RankingResponse", "/api/stats/ranking", "period=MONTHLY&date=" + MONTH},
            {"channelToday", "ChannelDayResponse", "/api/stats/today", ""},
            {"videoToday", "VideoDayResponse", "/api/stats/videos/" + video + "/today", ""},
            {"channelSeries", "SeriesResponse", "/api/stats/channel", "from=" + today(creator) + "&to=" + today(creator)},
            {"videoSeries", "SeriesResponse", "/api/stats/videos/" + video,
                "from=" + today(creator) + "&to=" + today(creator)},
            {"a 404", "Problem", "/api/videos/999999999", ""},
        };
        for (String[] read : reads) {
            var request = given().auth().oauth2(creator.accessToken()).accept("application/json");
            for (String pair : read[3].isEmpty() ? new String[0] : read[3].split("&")) {
                String[] kv = pair.split("=", 2);
                request = request.queryParam(kv[0], kv[1]);
            }
            String body = request.get(read[2]).then().statusCode("Problem".equals(read[1]) ? 404 : 200).extract()
                    .asString();
            JsonNode items = JSON.readTree(body).path("items");
            if (items.isArray()) {
                assertTrue(items.size() > 0, read[0] + " has no items to check: " + body);
            }
            wrong.addAll(check(read[0], read[1], body));
        }
        // a 400 with violations: the Problem's optional part
        wrong.addAll(check("registerVideo 400", "Problem", given().auth().oauth2(creator.accessToken())
                .contentType("application/json").body("{\"title\":\"x\",\"durationSeconds\":0}").post("/api/videos")
                .then().statusCode(400).body("violations.size()", org.hamcrest.Matchers.greaterThan(0)).extract()
                .asString()));
        assertEquals(List.of(), wrong);
    }

    private static final String MONTH = "2019-02-11";

    private void settledMonth(long creatorId, long video) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM period_top WHERE period = 'M' AND period_start = '2019-02-01'");
            s.executeUpdate("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                    + " play_seconds, ad_views, video_amount, ad_amount) VALUES ('M', '2019-02-01', " + video + ", "
                    + creatorId + ", 3, 40, 1, 3, 10)");
            s.executeUpdate("INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views,"
                    + " play_seconds) VALUES ('M', '2019-02-01', 'V', 1, " + video + ", 3, 40)");
        }
    }

    private static String today(Users.User creator) {
        return given().auth().oauth2(creator.accessToken()).get("/api/stats/today").then().statusCode(200)
                .extract().path("date");
    }

    private static List<String> check(String operation, String schema, String body) throws Exception {
        List<String> wrong = new ArrayList<>();
        check(operation, schema, JSON.readTree(body), schema, wrong);
        return wrong;
    }

    /** The node against the component schema {@code name}: its required fields, nulls, nested objects and arrays. */
    private static void check(String operation, String name, JsonNode node, String path, List<String> wrong) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (!node.isObject()) {
            wrong.add(operation + ": " + path + " is not an object");
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!node.has(required.asText())) {
                wrong.add(operation + ": " + path + "." + required.asText() + " is missing");
            }
        }
        for (var property : schema.path("properties").properties()) {
            JsonNode value = node.get(property.getKey());
            if (value == null) {
                continue;
            }
            String at = path + "." + property.getKey();
            JsonNode type = property.getValue();
            if (value.isNull()) {
                if (!allowsNull(type)) {
                    wrong.add(operation + ": " + at + " is null, which its type does not allow");
                }
                continue;
            }
            String ref = ref(type);
            if (ref != null && isObject(ref)) {
                check(operation, ref, value, at, wrong);
            } else if (value.isArray() && ref(type.path("items")) != null && isObject(ref(type.path("items")))) {
                for (int i = 0; i < value.size(); i++) {
                    check(operation, ref(type.path("items")), value.get(i), at + "[" + i + "]", wrong);
                }
            }
        }
    }

    /** A component with fields (not LocalDate or an enum, which are strings). */
    private static boolean isObject(String name) {
        return document.path("components").path("schemas").path(name).has("properties");
    }

    private static boolean allowsNull(JsonNode type) {
        JsonNode t = type.path("type");
        if (t.isArray()) {
            for (JsonNode each : t) {
                if ("null".equals(each.asText())) {
                    return true;
                }
            }
        }
        for (JsonNode alternative : type.path("anyOf")) {
            if ("null".equals(alternative.path("type").asText())) {
                return true;
            }
        }
        return type.path("nullable").asBoolean(false);
    }

    /** The component a property names: "$ref", or the one "$ref" of an "allOf" (a $ref with a description). */
    private static String ref(JsonNode type) {
        String ref = type.path("$ref").asText(null);
        if (ref == null && type.path("allOf").size() == 1) {
            ref = type.path("allOf").get(0).path("$ref").asText(null);
        }
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
