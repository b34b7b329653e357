package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/stats/ranking through real HTTP on rollups written as the batch writes them (each period row the sum of
 * its settled days): a range that cuts weeks, months and a year is summed exactly (no day twice, none missed), ties
 * go to the lower video id, 0 ranks nowhere, only the caller's videos, and the refusals.
 */
@QuarkusTest
class CreatorRankingTest {

    @Inject
    AgroalDataSource db;

    /** A settled day of one video: views, play seconds, ad views, video won, ad won. */
    record Day(long videoId, long creatorId, LocalDate date, long[] figures) {
    }

    /** A video's sums over the days of a range. */
    record Sum(long videoId, long views, long playSeconds, long adViews, long videoAmount, long adAmount) {
        long total() {
            return videoAmount + adAmount;
        }
    }

    @Test
    void aRangeIsTheSumOfItsSettledDaysRankedByTheRule() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        long[] v = new long[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = Api.video(creator, 600);
        }
        long others = Api.video(other, 600);
        // 2023-12-28 .. 2024-03-03: around a year's end, a leap February, weeks cut by months
        LocalDate first = LocalDate.parse("2023-12-28");
        LocalDate last = LocalDate.parse("2024-03-03");
        List<Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            int n = d.getDayOfYear();
            days.add(new Day(v[0], creator.id(), d, new long[]{n % 7, n * 10L, n % 3, n % 7, n % 3 * 2}));
            days.add(new Day(v[1], creator.id(), d, new long[]{n % 5, n * 9L, 1, n % 5, 2}));
            days.add(new Day(v[2], creator.id(), d, new long[]{n % 7, 0, 0, n % 7, 0})); // views as v[0]
            if (d.getDayOfMonth() == 1) { // a few big days, at the edges of the ranges asked below
                days.add(new Day(v[3], creator.id(), d, new long[]{1_000, 1, 0, 1_300, 0}));
            }
            days.add(new Day(v[4], creator.id(), d, new long[]{0, 0, 0, 0, 0})); // watched only by its creator
            days.add(new Day(others, other.id(), d, new long[]{100_000, 100_000, 100, 100_000, 1_000}));
        }
        days.add(new Day(v[5], creator.id(), LocalDate.parse("2024-02-29"), new long[]{3, 3, 3, 3, 3}));
        settle(days);

        // a range cutting a week, the year, February and March: D, W, M rows are summed, none twice
        assertRanking(creator, days, "2023-12-30", "2024-03-01");
        assertRanking(creator, days, "2024-01-01", "2024-01-31"); // one whole month
        assertRanking(creator, days, "2024-02-29", "2024-02-29"); // one day
        assertRanking(creator, days, "2023-12-28", "2024-03-03"); // everything

        // a period: the calendar month containing the date
        JsonPath month = given().auth().oauth2(creator.accessToken()).queryParam("period", "MONTHLY")
                .queryParam("date", "2024-02-10").queryParam("by", "PLAY_TIME").get("/api/stats/ranking").then()
                .statusCode(200).body("from", equalTo("2024-02-01")).body("to", equalTo("2024-02-29"))
                .extract().jsonPath();
        assertEquals(expected(days, creator.id(), "2024-02-01", "2024-02-29", Ranking.CreatorMetric.PLAY_TIME, 10),
                month.getList("items.videoId", Long.class));
        // the limit cuts the same order
        given().auth().oauth2(creator.accessToken()).queryParam("from", "2023-12-28").queryParam("to", "2024-03-03")
                .queryParam("by", "VIEWS").queryParam("limit", "2").get("/api/stats/ranking").then().statusCode(200)
                .body("items.rank", equalTo(List.of(1, 2)))
                .body("items.videoId", equalTo(ids(expected(days, creator.id(), "2023-12-28", "2024-03-03",
                        Ranking.CreatorMetric.VIEWS, 2))));
        // the other creator sees only their own video
        given().auth().oauth2(other.accessToken()).queryParam("from", "2024-01-01").queryParam("to", "2024-01-01")
                .get("/api/stats/ranking").then().statusCode(200)
                .body("items.videoId", equalTo(List.of((int) others))).body("items[0].views", equalTo(100_000));
    }

    @Test
    void tiesGoToTheLowerVideoIdAndZeroRanksNowhere() {
        Users.User creator = Users.create("CREATOR");
        long a = Api.video(creator, 600);
        long b = Api.video(creator, 600);
        long c = Api.video(creator, 600);
        LocalDate d = LocalDate.parse("2022-06-15");
        // c and a tie on revenue (video + ad amounts: 60 + 40 = 90 + 10), b earned nothing but has play time
        settle(List.of(new Day(c, creator.id(), d, new long[]{1, 10, 1, 60, 40}),
                new Day(a, creator.id(), d, new long[]{2, 10, 1, 90, 10}),
                new Day(b, creator.id(), d, new long[]{0, 10, 0, 0, 0})));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "DAILY").queryParam("date", "2022-06-15")
                .queryParam("by", "REVENUE").get("/api/stats/ranking").then().statusCode(200)
                .body("by", equalTo("REVENUE")).body("from", equalTo("2022-06-15")).body("to", equalTo("2022-06-15"))
                .body("items.videoId", equalTo(List.of((int) a, (int) c)))
                .body("items.totalAmount", equalTo(List.of(100, 100)))
                .body("items[1].videoAmount", equalTo(60)).body("items[1].adAmount", equalTo(40))
                .body("items[1].views", equalTo(1)).body("items[1].playSeconds", equalTo(10))
                .body("items[1].adViews", equalTo(1)).body("items[1].rank", equalTo(2));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "DAILY").queryParam("date", "2022-06-15")
                .queryParam("by", "PLAY_TIME").get("/api/stats/ranking").then().statusCode(200)
                .body("items.videoId", equalTo(List.of((int) a, (int) b, (int) c)));
    }

    @Test
    void refusals() {
        Users.User creator = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        given().auth().oauth2(viewer.accessToken()).queryParam("period", "DAILY").queryParam("date", "2024-01-01")
                .get("/api/stats/ranking").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/stats/ranking").then().statusCode(401);
        Map<String, String> month = Map.of("period", "MONTHLY", "date", "2024-01-01");
        refused(creator, with(month, "limit", "0"), "limit: must be between 1 and 50");
        refused(creator, with(month, "limit", "51"), "limit: must be between 1 and 50");
        refused(creator, with(month, "by", "LIKES"), "by: must be VIEWS, PLAY_TIME or REVENUE, not 'LIKES'");
        refused(creator, with(month, "from", "2024-01-01"), "from, to, period, date: give either from and to or period "
                + "and date, not both");
        refused(creator, Map.of(), "from, to, period, date: required, either from and to as YYYY-MM-DD or period and "
                + "date");
        refused(creator, Map.of("from", "2024-01-02", "to", "2024-01-01"), "from: must be on or before to, not "
                + "2024-01-02 after 2024-01-01");
        refused(creator, Map.of("from", "2023-01-01", "to", "2024-01-02"), "from, to: the range may cover at most 366 "
                + "days (both ends included), not 367 (2023-01-01 to 2024-01-02)");
        refused(creator, Map.of("period", "DAILY"), "date: required, as YYYY-MM-DD");
        // the platform-wide Top 5 keeps its two metrics
        given().auth().oauth2(creator.accessToken()).queryParam("period", "DAILY").queryParam("date", "2024-01-01")
                .queryParam("by", "REVENUE").get("/api/stats/top").then().statusCode(400)
                .body("detail", equalTo("by: must be VIEWS or PLAY_TIME, not 'REVENUE'"));
    }

    @Test
    void theApiDocumentationDescribesTheRanking() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        String op = "paths.'/api/stats/ranking'.get";
        assertEquals("creatorRanking", doc.getString(op + ".operationId"));
        assertEquals(List.of("VIEWS", "PLAY_TIME", "REVENUE"), PeriodReportsTest.parameterEnum(doc, "/api/stats/ranking",
                "by"));
        assertEquals(List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY"),
                PeriodReportsTest.parameterEnum(doc, "/api/stats/ranking", "period"));
        List<Map<String, Object>> parameters = doc.getList(op + ".parameters");
        for (Map<String, Object> p : parameters) {
            assertEquals(true, p.get("description") != null && !p.get("description").toString().isBlank(),
                    "described: " + p.get("name"));
        }
        for (String date : List.of("from", "to", "date")) {
            assertEquals("date", parameters.stream().filter(p -> date.equals(p.get("name"))).findFirst()
                    .map(p -> ((Map<?, ?>) p.get("schema")).get("format")).orElse(null), date);
        }
        assertEquals("channelToday", doc.getString("paths.'/api/stats/today'.get.operationId"));
        assertEquals("videoToday", doc.getString("paths.'/api/stats/videos/{id}/today'.get.operationId"));
        for (String path : List.of("/api/stats/ranking", "/api/stats/today", "/api/stats/videos/{id}/today")) {
            assertEquals(List.of(Map.of("bearer", List.of())), doc.getList("paths.'" + path + "'.get.security"), path);
            assertEquals(true, doc.getMap("paths.'" + path + "'.get.responses.'200'.content.'application/json'.examples")
                    != null, "example of " + path);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> params = new HashMap<>(base);
        params.put(name, value);
        return params;
    }

    private static void refused(Users.User creator, Map<String, String> params, String detail) {
        given().auth().oauth2(creator.accessToken()).queryParams(params).get("/api/stats/ranking").then()
                .statusCode(400).contentType("application/problem+json").body("detail", equalTo(detail));
    }

    private static void assertRanking(Users.User creator, List<Day> days, String from, String to) {
        for (Ranking.CreatorMetric metric : Ranking.CreatorMetric.values()) {
            JsonPath body = given().auth().oauth2(creator.accessToken()).queryParam("from", from).queryParam("to", to)
                    .queryParam("by", metric.name()).queryParam("limit", "50").get("/api/stats/ranking").then()
                    .statusCode(200).body("from", equalTo(from)).body("to", equalTo(to))
                    .body("by", equalTo(metric.name())).extract().jsonPath();
            List<Sum> expected = sums(days, creator.id(), from, to, metric, 50);
            assertEquals(ids(expected).stream().map(Integer::longValue).toList(), body.getList("items.videoId", Long.class),
                    metric + " " + from + ".." + to);
            for (int i = 0; i < expected.size(); i++) {
                Sum s = expected.get(i);
                String item = "items[" + i + "].";
                assertEquals(List.of(i + 1, s.views(), s.playSeconds(), s.adViews(), s.videoAmount(), s.adAmount(),
                        s.total()), List.of(body.getInt(item + "rank"), body.getLong(item + "views"),
                        body.getLong(item + "playSeconds"), body.getLong(item + "adViews"),
                        body.getLong(item + "videoAmount"), body.getLong(item + "adAmount"),
                        body.getLong(item + "totalAmount")), metric + " " + from + ".." + to + " " + item);
            }
        }
    }

    private static List<Long> expected(List<Day> days, long creatorId, String from, String to,
                                       Ranking.CreatorMetric metric, int limit) {
        return sums(days, creatorId, from, to, metric, limit).stream().map(Sum::videoId).toList();
    }

    /** The rule in Java over the days themselves: what the endpoint must answer. */
    private static List<Sum> sums(List<Day> days, long creatorId, String from, String to,
                                  Ranking.CreatorMetric metric, int limit) {
        Map<Long, long[]> sums = new HashMap<>();
        for (Day d : days) {
            if (d.creatorId() == creatorId && !d.date().isBefore(LocalDate.parse(from))
                    && !d.date().isAfter(LocalDate.parse(to))) {
                long[] s = sums.computeIfAbsent(d.videoId(), id -> new long[5]);
                for (int i = 0; i < 5; i++) {
                    s[i] += d.figures()[i];
                }
            }
        }
        List<Sum> rows = new ArrayList<>();
        sums.forEach((id, s) -> rows.add(new Sum(id, s[0], s[1], s[2], s[3], s[4])));
        return Ranking.ranked(rows, switch (metric) {
            case VIEWS -> Sum::views;
            case PLAY_TIME -> Sum::playSeconds;
            case REVENUE -> Sum::total;
        }, Sum::videoId, limit);
    }

    private static List<Integer> ids(List<?> rows) {
        return rows.stream().map(r -> (int) (r instanceof Sum s ? s.videoId() : (Long) r)).toList();
    }

    /** Writes the days' D rows and adds each to its week, month and year rows, as the batch's rollup does. */
    private void settle(List<Day> days) {
        String upsert = "INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views,"
                + " play_seconds, ad_views, video_amount, ad_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE views = views + VALUES(views), play_seconds = play_seconds"
                + " + VALUES(play_seconds), ad_views = ad_views + VALUES(ad_views), video_amount = video_amount"
                + " + VALUES(video_amount), ad_amount = ad_amount + VALUES(ad_amount)";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(upsert)) {
            for (Day d : days) {
                for (StatPeriod period : StatPeriod.values()) {
                    ps.setString(1, period.code());
                    ps.setObject(2, period.start(d.date()));
                    ps.setLong(3, d.videoId());
                    ps.setLong(4, d.creatorId());
                    for (int i = 0; i < 5; i++) {
                        ps.setLong(5 + i, d.figures()[i]);
                    }
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
