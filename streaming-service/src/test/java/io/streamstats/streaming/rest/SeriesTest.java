package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * channelSeries and videoSeries through real HTTP over settled rows as the batch writes them (its own tests prove
 * how: CreatorRollupTest): exact numbers over a scripted set of days across a month boundary, a re-settled day,
 * weeks and months clipped to the range, zero-filled gaps, the previous range and the change; the refusals.
 */
@QuarkusTest
class SeriesTest {

    @Inject
    AgroalDataSource db;

    /** One video's settled day: views, play seconds, ad views, video won, ad won. */
    record Day(String date, long video, long creator, long views, long play, long ads, long won, long adWon) {
    }

    @Test
    void channelAndVideoSeriesWithExactNumbers() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        long a1 = Api.video(creator, 600);
        long a2 = Api.video(creator, 600);
        long b1 = Api.video(other, 600);
        long c = creator.id();
        settle("2026-01-20", new Day("2026-01-20", a1, c, 4, 40, 1, 4, 10));
        settle("2026-01-27", new Day("2026-01-27", a1, c, 10, 600, 2, 10, 20),
                new Day("2026-01-27", a2, c, 5, 100, 0, 5, 0),
                new Day("2026-01-27", b1, other.id(), 100, 1000, 10, 100, 100));
        settle("2026-01-31", new Day("2026-01-31", a1, c, 3, 30, 1, 3, 10));
        settle("2026-02-01", new Day("2026-02-01", a2, c, 7, 70, 0, 7, 0));
        settle("2026-02-08", new Day("2026-02-08", a1, c, 1, 1, 0, 1, 0));

        // by month across the boundary: January's part of the range, then February's
        series(creator, "/api/stats/channel", "2026-01-26", "2026-02-08", "MONTH").then().statusCode(200)
                .body("from", equalTo("2026-01-26")).body("to", equalTo("2026-02-08")).body("groupBy", equalTo("MONTH"))
                .body("series.start", contains("2026-01-26", "2026-02-01"))
                .body("series.end", contains("2026-01-31", "2026-02-08"))
                .body("series.views", contains(18, 8)).body("series.playSeconds", contains(730, 71))
                .body("series.adViews", contains(3, 0)).body("series.videoAmount", contains(18, 8))
                .body("series.adAmount", contains(30, 0)).body("series.totalAmount", contains(48, 8))
                .body("totals.views", equalTo(26)).body("totals.totalAmount", equalTo(56));

        // 2026-02-01 re-settled (late history): the series reads the new figures
        settle("2026-02-01", new Day("2026-02-01", a2, c, 9, 90, 1, 9, 10));
        JsonPath month = series(creator, "/api/stats/channel", "2026-01-26", "2026-02-08", "MONTH").then()
                .statusCode(200).extract().jsonPath(decimals());
        assertEquals(List.of(18, 10), month.getList("series.views"));
        assertEquals(Map.of("views", 28, "playSeconds", 821, "adViews", 4, "videoAmount", 28, "adAmount", 40,
                "totalAmount", 68), month.getMap("totals"));
        // the previous 14 days, 2026-01-12 to 2026-01-25, hold video a1's 2026-01-20
        assertEquals("2026-01-12", month.getString("previous.from"));
        assertEquals("2026-01-25", month.getString("previous.to"));
        assertEquals(Map.of("views", 4, "playSeconds", 40, "adViews", 1, "videoAmount", 4, "adAmount", 10,
                "totalAmount", 14), month.getMap("previous.totals"));
        assertEquals(Map.of("difference", 24, "percent", new BigDecimal("600.0")), month.getMap("change.views"));
        assertEquals(Map.of("difference", 781, "percent", new BigDecimal("1952.5")),
                month.getMap("change.playSeconds"));
        assertEquals(Map.of("difference", 54, "percent", new BigDecimal("385.7")), month.getMap("change.totalAmount"));

        // by day: every day of the range, zeros in the gaps
        series(creator, "/api/stats/channel", "2026-01-26", "2026-02-08", "DAY").then().statusCode(200)
                .body("series", hasSize(14))
                .body("series.views", contains(0, 15, 0, 0, 0, 3, 9, 0, 0, 0, 0, 0, 0, 1))
                .body("series[1].playSeconds", equalTo(700)).body("series[1].adAmount", equalTo(20))
                .body("series[6].start", equalTo("2026-02-01")).body("series[6].end", equalTo("2026-02-01"));

        // by ISO week, the range starting on a Wednesday and ending on a Tuesday: both weeks clipped to it
        JsonPath week = series(creator, "/api/stats/channel", "2026-01-28", "2026-02-03", "WEEK").then()
                .statusCode(200).extract().jsonPath(decimals());
        assertEquals(List.of("2026-01-28", "2026-02-02"), week.getList("series.start"));
        assertEquals(List.of("2026-02-01", "2026-02-03"), week.getList("series.end"));
        assertEquals(List.of(12, 0), week.getList("series.views"));
        assertEquals(List.of(32, 0), week.getList("series.totalAmount"));
        // previous: 2026-01-21 to 2026-01-27, with both videos' 2026-01-27 (not the other creator's video)
        assertEquals(Map.of("views", 15, "playSeconds", 700, "adViews", 2, "videoAmount", 15, "adAmount", 20,
                "totalAmount", 35), week.getMap("previous.totals"));
        assertEquals(Map.of("difference", -3, "percent", new BigDecimal("-20.0")), week.getMap("change.views"));
        assertEquals(Map.of("difference", -580, "percent", new BigDecimal("-82.9")),
                week.getMap("change.playSeconds"));
        assertEquals(Map.of("difference", 0, "percent", new BigDecimal("0.0")), week.getMap("change.adViews"));
        assertEquals(Map.of("difference", -3, "percent", new BigDecimal("-8.6")), week.getMap("change.totalAmount"));

        // one video: its own days only
        series(creator, "/api/stats/videos/" + a1, "2026-01-26", "2026-02-08", "MONTH").then().statusCode(200)
                .body("series.views", contains(13, 1)).body("series.playSeconds", contains(630, 1))
                .body("series.adAmount", contains(30, 0)).body("series.totalAmount", contains(43, 1))
                .body("previous.totals.totalAmount", equalTo(14)).body("change.totalAmount.difference", equalTo(30));
        series(creator, "/api/stats/videos/" + a2, "2026-01-26", "2026-02-08", "WEEK").then().statusCode(200)
                .body("series.views", contains(14, 0)).body("previous.totals.views", equalTo(0))
                .body("change.views.difference", equalTo(14)).body("change.views.percent", nullValue());

        // the channel is the sum of its videos, group by group
        for (String groupBy : List.of("DAY", "WEEK", "MONTH")) {
            List<Integer> channel = series(creator, "/api/stats/channel", "2026-01-12", "2026-02-08", groupBy)
                    .then().statusCode(200).extract().path("series.totalAmount");
            List<Integer> v1 = series(creator, "/api/stats/videos/" + a1, "2026-01-12", "2026-02-08", groupBy)
                    .then().statusCode(200).extract().path("series.totalAmount");
            List<Integer> v2 = series(creator, "/api/stats/videos/" + a2, "2026-01-12", "2026-02-08", groupBy)
                    .then().statusCode(200).extract().path("series.totalAmount");
            for (int i = 0; i < channel.size(); i++) {
                assertEquals(v1.get(i) + v2.get(i), channel.get(i), groupBy + " group " + i);
            }
        }
        // the other creator sees their own channel
        series(other, "/api/stats/channel", "2026-01-27", "2026-01-27", "DAY").then().statusCode(200)
                .body("series.totalAmount", contains(200)).body("previous.from", equalTo("2026-01-26"));
    }

    @Test
    void anEmptyRangeAnswersZeros() {
        Users.User creator = Users.create("CREATOR");
        long video = Api.video(creator, 600);
        for (String path : List.of("/api/stats/channel", "/api/stats/videos/" + video)) {
            series(creator, path, "2025-06-01", "2025-06-30", null).then().statusCode(200)
                    .body("groupBy", equalTo("DAY")).body("series", hasSize(30))
                    .body("series.totalAmount", everyItem(equalTo(0))).body("totals.views", equalTo(0))
                    .body("previous.from", equalTo("2025-05-02")).body("previous.to", equalTo("2025-05-31"))
                    .body("change.views.difference", equalTo(0)).body("change.views.percent", nullValue());
        }
        // the longest range (366 days) and the first day the API knows
        series(creator, "/api/stats/channel", "2024-01-01", "2024-12-31", "MONTH").then().statusCode(200)
                .body("series", hasSize(12)).body("series.end", hasItem("2024-02-29"));
        series(creator, "/api/stats/channel", "2000-01-01", "2000-01-01", "WEEK").then().statusCode(200)
                .body("series.start", contains("2000-01-01")).body("previous.from", equalTo("1999-12-31"));
    }

    @Test
    void badInputIs400WithADetailNamingTheParameter() {
        Users.User creator = Users.create("CREATOR");
        long video = Api.video(creator, 600);
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(2).toString();
        String[][] cases = {
            {"2026-02-02", "2026-02-01", "DAY", "from: must be on or before to, not 2026-02-02 after 2026-02-01"},
            {"2025-01-01", "2026-01-02", "DAY", "at most 366 days (both ends included), not 367"},
            {"2026-01-01", "2026-01-31", "YEAR", "groupBy: must be DAY, WEEK or MONTH, not 'YEAR'"},
            {"2026-01-01", "2026-01-31", "week", "groupBy: must be DAY, WEEK or MONTH, not 'week'"},
            {"2026-01-01", tomorrow, "DAY", "to: must not be after today"},
            {"2026-1-01", "2026-01-31", "DAY", "from: must be a date as YYYY-MM-DD"},
            {"2026-01-01", "2026-02-30", "DAY", "to: must be a date as YYYY-MM-DD"},
            {"2026-01-01", "31.01.2026", "DAY", "to: must be a date as YYYY-MM-DD"},
            {null, "2026-01-31", "DAY", "from: required, as YYYY-MM-DD"},
            {"2026-01-01", null, "DAY", "to: required, as YYYY-MM-DD"},
        };
        for (String path : List.of("/api/stats/channel", "/api/stats/videos/" + video)) {
            for (String[] bad : cases) {
                series(creator, path, bad[0], bad[1], bad[2]).then().statusCode(400)
                        .contentType("application/problem+json").body("detail", containsString(bad[3]));
            }
        }
    }

    @Test
    void onlyTheCreatorSeesTheirSeries() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        long video = Api.video(creator, 600);
        series(creator, "/api/stats/videos/" + video, "2026-01-01", "2026-01-07", "DAY").then().statusCode(200);
        series(other, "/api/stats/videos/" + video, "2026-01-01", "2026-01-07", "DAY").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("No video of yours with id " + video));
        series(creator, "/api/stats/videos/999999999", "2026-01-01", "2026-01-07", "DAY").then().statusCode(404);
        series(creator, "/api/stats/videos/0" + video, "2026-01-01", "2026-01-07", "DAY").then().statusCode(404);
        series(viewer, "/api/stats/videos/" + video, "2026-01-01", "2026-01-07", "DAY").then().statusCode(403);
        series(viewer, "/api/stats/channel", "2026-01-01", "2026-01-07", "DAY").then().statusCode(403);
        given().queryParam("from", "2026-01-01").queryParam("to", "2026-01-07").get("/api/stats/channel").then()
                .statusCode(401);
    }

    @Test
    void theOperationsAreDocumented() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, String> operations = Map.of("/api/stats/channel", "channelSeries", "/api/stats/videos/{id}",
                "videoSeries");
        for (var operation : operations.entrySet()) {
            String get = "paths.'" + operation.getKey() + "'.get";
            assertEquals(operation.getValue(), doc.getString(get + ".operationId"));
            assertEquals(List.of(Map.of("bearer", List.of())), doc.getList(get + ".security"));
            for (String name : List.of("from", "to")) {
                Map<String, Object> parameter = parameter(doc, get, name);
                assertEquals(true, parameter.get("required"), name);
                assertEquals(Map.of("type", "string", "format", "date"), parameter.get("schema"), name);
                assertEquals(true, parameter.get("description").toString().contains("YYYY-MM-DD"), name);
            }
            assertEquals(List.of("DAY", "WEEK", "MONTH"),
                    PeriodReportsTest.parameterEnum(doc, operation.getKey(), "groupBy"));
            assertEquals(true, doc.getString(get + ".responses.'200'.content.'application/json'.examples.weeks.value")
                    != null, "example");
            for (String code : List.of("400", "403")) {
                assertEquals(true, doc.getString(get + ".responses.'" + code + "'.description") != null, code);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameter(JsonPath doc, String get, String name) {
        List<Map<String, Object>> parameters = doc.getList(get + ".parameters");
        return parameters.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    private static JsonPathConfig decimals() {
        return JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);
    }

    private static io.restassured.response.Response series(Users.User user, String path, String from, String to,
                                                          String groupBy) {
        RequestSpecification request = given().auth().oauth2(user.accessToken());
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        if (groupBy != null) {
            request = request.queryParam("groupBy", groupBy);
        }
        return request.get(path);
    }

    /**
     * Settles (or re-settles) the videos' day as the batch leaves it: each video's daily statistics and settlement
     * rows replaced, and each creator's row of the day the sum of their videos' rows.
     */
    private void settle(String date, Day... days) {
        for (Day d : days) {
            sql("DELETE FROM video_daily_stats WHERE stat_date = ? AND video_id = ?", date, d.video());
            sql("DELETE FROM video_daily_settlement WHERE stat_date = ? AND video_id = ?", date, d.video());
            sql("INSERT INTO video_daily_stats (stat_date, video_id, creator_id, views, play_seconds, ad_views,"
                    + " cumulative_views, cumulative_ad_views, history_rows) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)",
                    date, d.video(), d.creator(), d.views(), d.play(), d.ads());
            sql("INSERT INTO video_daily_settlement (stat_date, video_id, creator_id, video_amount, ad_amount)"
                    + " VALUES (?, ?, ?, ?, ?)", date, d.video(), d.creator(), d.won(), d.adWon());
        }
        for (long creator : java.util.Arrays.stream(days).mapToLong(Day::creator).distinct().toArray()) {
            sql("DELETE FROM creator_daily_stats WHERE stat_date = ? AND creator_id = ?", date, creator);
            sql("INSERT INTO creator_daily_stats (creator_id, stat_date, views, play_seconds, ad_views, video_amount,"
                    + " ad_amount) SELECT s.creator_id, s.stat_date, SUM(s.views), SUM(s.play_seconds),"
                    + " SUM(s.ad_views), SUM(t.video_amount), SUM(t.ad_amount) FROM video_daily_stats s"
                    + " JOIN video_daily_settlement t ON t.stat_date = s.stat_date AND t.video_id = s.video_id"
                    + " WHERE s.stat_date = ? AND s.creator_id = ? GROUP BY s.creator_id, s.stat_date", date, creator);
        }
    }

    private void sql(String sql, Object... values) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
