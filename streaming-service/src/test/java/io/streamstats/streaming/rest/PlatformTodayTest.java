package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.SteppedPlaybackClock;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every report endpoint that refuses a future date or tells an open range from a closed one takes "today" from one
 * place: the platform zone's date on the clock that dates plays and pauses. Stepped across midnight in Seoul, all of
 * them turn to the new day together.
 */
@QuarkusTest
class PlatformTodayTest {

    @Inject
    SteppedPlaybackClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void allReportEndpointsTurnToTheNewDayAtMidnightInThePlatformZone() {
        Users.User creator = Users.create("CREATOR");
        long video = Api.video(creator, 600);
        String v = "/api/stats/videos/" + video;

        clock.set(Instant.parse("2016-09-30T14:59:59Z")); // 23:59:59 on 30 September in Seoul
        String refused = "must not be after today (2016-09-30 in the platform time zone), not 2016-10-01";
        for (String path : new String[] {"/api/stats/channel", v, "/api/stats/ranking"}) {
            json(creator).queryParam("from", "2016-09-30").queryParam("to", "2016-10-01").get(path).then()
                    .statusCode(400).body("detail", equalTo("to: " + refused));
        }
        for (String path : new String[] {"/api/stats/today", v + "/today"}) {
            json(creator).get(path).then().statusCode(200).body("date", equalTo("2016-09-30"));
            json(creator).queryParam("date", "2016-10-01").get(path).then().statusCode(400)
                    .body("detail", equalTo("date: " + refused));
        }
        // the ranking's period form: the period of a day that has not begun is refused like the range form
        json(creator).queryParam("period", "MONTHLY").queryParam("date", "2016-10-01").get("/api/stats/ranking")
                .then().statusCode(400).body("detail", equalTo("date: " + refused));
        json(creator).queryParam("period", "MONTHLY").queryParam("date", "2016-09-30").get("/api/stats/ranking")
                .then().statusCode(200).body("from", equalTo("2016-09-01")).body("to", equalTo("2016-09-30"));
        csv(creator, r -> r.queryParam("from", "2016-09-30").queryParam("to", "2016-10-01")).statusCode(400)
                .body("detail", equalTo("to: " + refused));
        csv(creator, r -> r.queryParam("from", "2016-09-30").queryParam("to", "2016-09-30")).statusCode(200)
                .header("X-Statement-Status", "provisional");

        clock.set(Instant.parse("2016-09-30T15:00:00Z")); // midnight: 1 October in Seoul
        for (String path : new String[] {"/api/stats/channel", v, "/api/stats/ranking"}) {
            json(creator).queryParam("from", "2016-09-30").queryParam("to", "2016-10-01").get(path).then()
                    .statusCode(200);
        }
        for (String path : new String[] {"/api/stats/today", v + "/today"}) {
            json(creator).get(path).then().statusCode(200).body("date", equalTo("2016-10-01"));
        }
        json(creator).queryParam("period", "MONTHLY").queryParam("date", "2016-10-01").get("/api/stats/ranking")
                .then().statusCode(200).body("from", equalTo("2016-10-01"));
        csv(creator, r -> r.queryParam("from", "2016-09-30").queryParam("to", "2016-10-01")).statusCode(200);
    }

    private static RequestSpecification json(Users.User user) {
        return given().auth().oauth2(user.accessToken()).accept("application/json");
    }

    private static io.restassured.response.ValidatableResponse csv(Users.User user,
            Function<RequestSpecification, RequestSpecification> query) {
        return query.apply(given().auth().oauth2(user.accessToken()).accept("text/csv"))
                .get("/api/settlements/statement").then();
    }
}
