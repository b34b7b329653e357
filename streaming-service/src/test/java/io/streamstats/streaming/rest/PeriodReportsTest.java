package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamstats.domain.Ranking;
import io.streamstats.domain.time.StatPeriod;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report endpoints take every {@link StatPeriod} and rank by {@link Ranking}: the year through real HTTP with
 * exact numbers, the period and metric names in the API documentation taken from the same types.
 */
@QuarkusTest
class PeriodReportsTest {

    @Inject
    AgroalDataSource db;

    @Test
    void yearlyTopFiveAndSettlement() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        long[] v = new long[7];
        for (int i = 0; i < 7; i++) {
            v[i] = Api.video(i < 6 ? creator : other, 600);
        }
        String year = "2033-01-01"; // a year nobody else uses
        // year rows as the batch writes them: views, play seconds, ad views, video won, ad won
        long[][] rows = {{40, 400, 4, 40, 40}, {90, 10, 0, 90, 0}, {40, 900, 9, 40, 90}, {7, 0, 0, 7, 0},
            {0, 300, 3, 0, 30}, {120_000, 5, 1, 120_001, 10}, {500, 500, 5, 500, 50}};
        for (int i = 0; i < 7; i++) {
            sql("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds,"
                    + " ad_views, video_amount, ad_amount) VALUES ('Y', ?, ?, ?, ?, ?, ?, ?, ?)", year, v[i],
                    i < 6 ? creator.id() : other.id(), rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4]);
        }
        // the platform-wide ranking as the batch writes it: 5, 6, 1, then the tie 0/2 (lower id first), 3
        int[] byViews = {5, 6, 1, 0, 2};
        for (int rank = 1; rank <= 5; rank++) {
            long[] r = rows[byViews[rank - 1]];
            sql("INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views, play_seconds)"
                    + " VALUES ('Y', ?, 'V', ?, ?, ?, ?)", year, rank, v[byViews[rank - 1]], r[0], r[1]);
        }

        given().auth().oauth2(other.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2033-12-31")
                .queryParam("scope", "ALL").get("/api/stats/top").then().statusCode(200)
                .body("period", equalTo("YEARLY")).body("from", equalTo("2033-01-01")).body("to", equalTo("2033-12-31"))
                .body("by", equalTo("VIEWS"))
                .body("items.videoId", contains(id(v[5]), id(v[6]), id(v[1]), id(v[0]), id(v[2])))
                .body("items.rank", contains(1, 2, 3, 4, 5))
                .body("items.views", contains(120_000, 500, 90, 40, 40));
        // the creator's own, ranked by the service with the same rule: ties (40, 40) to the lower id, 0 nowhere
        given().auth().oauth2(creator.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2033-06-15")
                .queryParam("scope", "MINE").get("/api/stats/top").then().statusCode(200)
                .body("items.videoId", contains(id(v[5]), id(v[1]), id(v[0]), id(v[2]), id(v[3])));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2033-01-01")
                .queryParam("by", "PLAY_TIME").queryParam("scope", "MINE").get("/api/stats/top").then().statusCode(200)
                .body("by", equalTo("PLAY_TIME"))
                .body("items.videoId", contains(id(v[2]), id(v[0]), id(v[4]), id(v[1]), id(v[5])))
                .body("items.playSeconds", contains(900, 400, 300, 10, 5));

        given().auth().oauth2(creator.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2033-07-04")
                .get("/api/settlements").then().statusCode(200)
                .body("period", equalTo("YEARLY")).body("from", equalTo("2033-01-01")).body("to", equalTo("2033-12-31"))
                .body("videoAmount", equalTo(120_178)).body("adAmount", equalTo(170))
                .body("totalAmount", equalTo(120_348))
                .body("items.videoId", contains(id(v[0]), id(v[1]), id(v[2]), id(v[3]), id(v[4]), id(v[5])))
                .body("items[5].views", equalTo(120_000)).body("items[5].totalAmount", equalTo(120_011));
        // the years around it hold nothing
        given().auth().oauth2(creator.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2032-12-31")
                .get("/api/settlements").then().statusCode(200).body("items", empty()).body("totalAmount", equalTo(0))
                .body("from", equalTo("2032-01-01"));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2034-01-01")
                .get("/api/stats/top").then().statusCode(200).body("items", empty());
    }

    @Test
    void everyPeriodIsAcceptedAndNamedInTheRefusal() {
        Users.User creator = Users.create("CREATOR");
        for (StatPeriod period : StatPeriod.values()) {
            given().auth().oauth2(creator.accessToken()).queryParam("period", period.name())
                    .queryParam("date", "2031-02-28").get("/api/settlements").then().statusCode(200)
                    .body("period", equalTo(period.name()))
                    .body("from", equalTo(period.start(java.time.LocalDate.parse("2031-02-28")).toString()));
        }
        given().auth().oauth2(creator.accessToken()).queryParam("period", "QUARTERLY").queryParam("date", "2031-01-01")
                .get("/api/stats/top").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("period: must be DAILY, WEEKLY, MONTHLY or YEARLY, not 'QUARTERLY'"));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "YEARLY").queryParam("date", "2031-01-01")
                .queryParam("by", "LIKES").get("/api/stats/top").then().statusCode(400)
                .body("detail", equalTo("by: must be VIEWS or PLAY_TIME, not 'LIKES'"));
        given().auth().oauth2(creator.accessToken()).queryParam("date", "2031-01-01").get("/api/settlements").then()
                .statusCode(400).body("detail", containsString("one of DAILY, WEEKLY, MONTHLY or YEARLY"));
    }

    @Test
    void theApiDocumentationListsThePeriodsAndMetricsOfTheDomainTypes() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        List<String> periods = Arrays.stream(StatPeriod.values()).map(Enum::name).toList();
        List<String> metrics = Arrays.stream(Ranking.Metric.values()).map(Enum::name).toList();
        assertEquals(List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY"), periods);
        assertEquals(periods, parameterEnum(doc, "/api/stats/top", "period"));
        assertEquals(periods, parameterEnum(doc, "/api/settlements", "period"));
        assertEquals(metrics, parameterEnum(doc, "/api/stats/top", "by"));
        assertEquals("Top 5 videos of a settled period by views or play time",
                doc.getString("paths.'/api/stats/top'.get.summary"));
    }

    /** The enum of a query parameter's schema, following a $ref into components. */
    @SuppressWarnings("unchecked")
    static List<String> parameterEnum(JsonPath doc, String path, String name) {
        List<Map<String, Object>> parameters = doc.getList("paths.'" + path + "'.get.parameters");
        Map<String, Object> schema = parameters.stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .map(p -> (Map<String, Object>) p.get("schema")).orElseThrow();
        Object ref = schema.get("$ref");
        if (ref != null) {
            String component = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
            schema = doc.getMap("components.schemas." + component);
        }
        return (List<String>) schema.get("enum");
    }

    private static int id(long value) {
        return (int) value;
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
