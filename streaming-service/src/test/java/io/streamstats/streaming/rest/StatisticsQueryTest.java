package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The report endpoints over rollup rows as the settlement batch writes them (the batch's own tests cover how they
 * are computed).
 */
@QuarkusTest
class StatisticsQueryTest {

    @Inject
    AgroalDataSource db;

    @Test
    void topFiveByViewsAndPlayTimeWithTiesToTheLowerId() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        long[] v = new long[7];
        for (int i = 0; i < 7; i++) {
            v[i] = Api.video(i < 6 ? creator : other, 600);
        }
        LocalDate weekStart = LocalDate.parse("2031-03-03"); // a Monday nobody else uses
        // views: v0 50, v1 70, v2 70 (tie with v1: lower id first), v3 10, v4 90, v5 5, v6 (other creator) 100
        long[] views = {50, 70, 70, 10, 90, 5, 100};
        long[] play = {500, 100, 900, 50, 10, 700, 1};
        for (int i = 0; i < 7; i++) {
            insert("W", weekStart, v[i], i < 6 ? creator.id() : other.id(), views[i], play[i], 0, 0, 0);
        }
        // the platform-wide ranking as the batch writes it
        int[] byViews = {6, 4, 1, 2, 0};
        for (int rank = 1; rank <= 5; rank++) {
            int i = byViews[rank - 1];
            insertTop("W", weekStart, "V", rank, v[i], views[i], play[i]);
        }
        given().auth().oauth2(creator.accessToken()).queryParam("period", "WEEKLY").queryParam("date", "2031-03-08")
                .queryParam("by", "VIEWS").queryParam("scope", "ALL").get("/api/stats/top").then().statusCode(200)
                .body("period", equalTo("WEEKLY")).body("from", equalTo("2031-03-03")).body("to", equalTo("2031-03-09"))
                .body("by", equalTo("VIEWS"))
                .body("items.videoId", contains(id(v[6]), id(v[4]), id(v[1]), id(v[2]), id(v[0])))
                .body("items.rank", contains(1, 2, 3, 4, 5))
                .body("items[0].title", equalTo("video 600s"))
                .body("items[0].views", equalTo(100)).body("items[0].playSeconds", equalTo(1));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "WEEKLY").queryParam("date", "2031-03-03")
                .queryParam("by", "PLAY_TIME").queryParam("scope", "MINE").get("/api/stats/top").then().statusCode(200)
                .body("items.videoId", contains(id(v[2]), id(v[5]), id(v[0]), id(v[1]), id(v[3])));
        given().auth().oauth2(other.accessToken()).queryParam("period", "WEEKLY").queryParam("date", "2031-03-09")
                .queryParam("scope", "MINE").get("/api/stats/top").then().statusCode(200)
                .body("items.videoId", contains(id(v[6])));
        // the next week has nothing settled
        given().auth().oauth2(creator.accessToken()).queryParam("period", "WEEKLY").queryParam("date", "2031-03-10")
                .get("/api/stats/top").then().statusCode(200).body("items", empty()).body("from", equalTo("2031-03-10"));
    }

    @Test
    void settlementShowsOnlyTheCallersVideosWithTotals() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        long a = Api.video(creator, 600);
        long b = Api.video(creator, 600);
        long c = Api.video(other, 600);
        LocalDate month = LocalDate.parse("2031-07-01");
        insert("M", month, a, creator.id(), 550_000, 1, 1_000, 605_000, 10_000);
        insert("M", month, b, creator.id(), 10, 1, 3, 10, 30);
        insert("M", month, c, other.id(), 99, 1, 9, 99, 90);
        given().auth().oauth2(creator.accessToken()).queryParam("period", "MONTHLY").queryParam("date", "2031-07-31")
                .get("/api/settlements").then().statusCode(200)
                .body("period", equalTo("MONTHLY")).body("from", equalTo("2031-07-01")).body("to", equalTo("2031-07-31"))
                .body("videoAmount", equalTo(605_010)).body("adAmount", equalTo(10_030))
                .body("totalAmount", equalTo(615_040))
                .body("items.videoId", contains(id(a), id(b)))
                .body("items[0].views", equalTo(550_000)).body("items[0].adViews", equalTo(1_000))
                .body("items[0].totalAmount", equalTo(615_000));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "DAILY").queryParam("date", "2031-07-31")
                .get("/api/settlements").then().statusCode(200).body("items", empty()).body("totalAmount", equalTo(0));
    }

    @Test
    void invalidParametersAre400() {
        Users.User creator = Users.create("CREATOR");
        String[][] bad = {
            {"period", "QUARTERLY", "date", "2031-01-01"},
            {"period", "daily", "date", "2031-01-01"},
            {"date", "2031-01-01"},
            {"period", "DAILY"},
            {"period", "DAILY", "date", "2031-02-30"},
            {"period", "DAILY", "date", "yesterday"},
            {"period", "DAILY", "date", "2031-01-01", "by", "LIKES"},
            {"period", "DAILY", "date", "2031-01-01", "scope", "EVERYONE"},
        };
        for (String[] params : bad) {
            var request = given().auth().oauth2(creator.accessToken());
            for (int i = 0; i < params.length; i += 2) {
                request = request.queryParam(params[i], params[i + 1]);
            }
            request.get("/api/stats/top").then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(creator.accessToken()).queryParam("period", "WEEK").queryParam("date", "2031-01-01")
                .get("/api/settlements").then().statusCode(400).body("detail", containsString("period"));
    }

    private void insertTop(String period, LocalDate start, String metric, int rank, long video, long views,
                           long play) {
        insertRow("INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views, play_seconds)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", period, start, metric, rank, video, views, play);
    }

    private static int id(long value) {
        return (int) value;
    }

    private void insert(String period, LocalDate start, long video, long creator, long views, long play, long ads,
                        long videoAmount, long adAmount) {
        insertRow("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds,"
                        + " ad_views, video_amount, ad_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                period, start, video, creator, views, play, ads, videoAmount, adAmount);
    }

    private void insertRow(String sql, Object... values) {
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
