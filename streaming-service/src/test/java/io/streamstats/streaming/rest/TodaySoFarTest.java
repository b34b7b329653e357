package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static io.streamstats.streaming.support.Api.pause;
import static io.streamstats.streaming.support.Api.play;
import static io.streamstats.streaming.support.Api.playbackId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.SteppedPlaybackClock;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/stats/today and /api/stats/videos/{id}/today through real HTTP: play / pause traffic of the day gives exact
 * estimated figures (the live counters kept with every batch); once the day is settled (the batch's tables, written
 * from the day's watch history as its aggregation does) the settled figures with estimated false; and where the two
 * differ: a pause that lands on the day after it was settled (a day settled open).
 */
@QuarkusTest
class TodaySoFarTest {

    private static final String DAY = "2037-05-20";
    /** 12:00 in Seoul on DAY. */
    private static final Instant NOON = Instant.parse("2037-05-20T03:00:00Z");

    @Inject
    AgroalDataSource db;

    @Inject
    SteppedPlaybackClock clock;

    @AfterEach
    void cleanUp() throws SQLException {
        clock.reset();
        sql("DELETE FROM settled_dates WHERE stat_date = ?", DAY);
    }

    @Test
    void estimatedFromLiveTrafficThenTheSettledFigures() throws SQLException {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        Users.User v1 = Users.create("VIEWER");
        Users.User v2 = Users.create("VIEWER");
        long a = Api.video(creator, 900);
        long b = Api.video(creator, 300);
        long idle = Api.video(creator, 60);
        long others = Api.video(other, 600);
        clock.set(NOON);
        today(creator).body("date", equalTo(DAY)).body("estimated", equalTo(true)).body("views", equalTo(0))
                .body("items", equalTo(List.of()));

        long p1 = playbackId(play(v1, a).body("countedAsView", equalTo(true)));
        long p2 = playbackId(play(v2, a).body("countedAsView", equalTo(true)));
        long own = playbackId(play(creator, a).body("countedAsView", equalTo(false))); // credits nothing
        playbackId(play(v1, others));
        clock.advance(Duration.ofSeconds(10));
        long p3 = playbackId(play(v1, a).body("countedAsView", equalTo(false))); // inside v1's 30 s: no view
        clock.advance(Duration.ofSeconds(600));
        pause(v1, a, p1, 601).body("playedSeconds", equalTo(601)).body("adViews", equalTo(2));
        pause(v2, a, p2, 900).body("playedSeconds", equalTo(612)).body("adViews", equalTo(2)); // capped: 610 s + 2
        pause(creator, a, own, 900).statusCode(200);
        // resumed at 0; held open together with p1, it shares v1's time: 600 s since its play + 2, less the 591 s
        // of it p1's pause took
        pause(v1, a, p3, 100).body("playedSeconds", equalTo(11)).body("adViews", equalTo(0));
        long p4 = playbackId(play(v2, b).body("countedAsView", equalTo(true)));
        clock.advance(Duration.ofSeconds(300));
        pause(v2, b, p4, 300).body("playedSeconds", equalTo(300)).body("adViews", equalTo(0));

        // A: 2 views, 601 + 612 + 11 s, 4 ads; B: 1 view, 300 s; the idle video and the other creator's: absent
        today(creator).body("date", equalTo(DAY)).body("estimated", equalTo(true))
                .body("views", equalTo(3)).body("playSeconds", equalTo(1524)).body("adViews", equalTo(4))
                .body("items.videoId", equalTo(List.of((int) a, (int) b)))
                .body("items.views", equalTo(List.of(2, 1))).body("items.playSeconds", equalTo(List.of(1224, 300)))
                .body("items.adViews", equalTo(List.of(4, 0))).body("items[0].title", equalTo("video 900s"));
        videoToday(creator, a).body("estimated", equalTo(true)).body("videoId", equalTo((int) a))
                .body("views", equalTo(2)).body("playSeconds", equalTo(1224)).body("adViews", equalTo(4));
        videoToday(creator, idle).body("estimated", equalTo(true)).body("views", equalTo(0))
                .body("playSeconds", equalTo(0)).body("adViews", equalTo(0));
        // exactly what the watch history holds for the day: what the batch will sum
        assertEquals(List.of(List.of(2L, 1224L, 4L), List.of(1L, 300L, 0L)), history(a, b));

        // a playback opened before the day is settled, paused after it
        long late = playbackId(play(v1, b).body("countedAsView", equalTo(true)));
        settle(creator.id(), a, b);
        clock.advance(Duration.ofSeconds(200));
        pause(v1, b, late, 200).body("playedSeconds", equalTo(200));

        // settled: the batch's figures, estimated false; the late pause is not in them
        today(creator).body("date", equalTo(DAY)).body("estimated", equalTo(false))
                .body("views", equalTo(4)).body("playSeconds", equalTo(1524)).body("adViews", equalTo(4))
                .body("items.videoId", equalTo(List.of((int) a, (int) b)))
                .body("items.views", equalTo(List.of(2, 2))).body("items.playSeconds", equalTo(List.of(1224, 300)));
        videoToday(creator, b).body("estimated", equalTo(false)).body("views", equalTo(2))
                .body("playSeconds", equalTo(300));
        // the live counters (and the watch history) have the late pause's 200 s: they differ from the settled
        // figures until the day is settled again
        assertEquals(List.of(2L, 500L, 0L), live(b));
        assertEquals(List.of(List.of(2L, 1224L, 4L), List.of(2L, 500L, 0L)), history(a, b));
        // an earlier day not settled: its live counters, estimated
        given().auth().oauth2(creator.accessToken()).queryParam("date", "2037-05-19").get("/api/stats/today").then()
                .statusCode(200).body("estimated", equalTo(true)).body("items", equalTo(List.of()));

        // a correction re-settles the day (it counts as unsettled meanwhile): the live counters again, estimated
        sql("DELETE FROM settled_dates WHERE stat_date = ?", DAY);
        today(creator).body("estimated", equalTo(true)).body("views", equalTo(4)).body("playSeconds", equalTo(1724));
        // ... and where the batch has already removed the day's live counters (days after it settled it): the
        // earlier settled figures, still estimated, not an empty day
        sql("DELETE FROM live_video_day WHERE stat_date = ?", DAY);
        today(creator).body("estimated", equalTo(true)).body("views", equalTo(4)).body("playSeconds", equalTo(1524))
                .body("items.videoId", equalTo(List.of((int) a, (int) b)));
        videoToday(creator, b).body("estimated", equalTo(true)).body("views", equalTo(2))
                .body("playSeconds", equalTo(300));
    }

    @Test
    void onlyTheCreatorsOwnVideosAndDaysThatHaveBegun() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        long video = Api.video(creator, 600);
        clock.set(NOON);
        videoToday(other, video).statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No video of yours with id " + video));
        videoToday(creator, 999_999_999L).statusCode(404);
        given().auth().oauth2(creator.accessToken()).get("/api/stats/videos/01/today").then().statusCode(404);
        given().auth().oauth2(viewer.accessToken()).get("/api/stats/videos/" + video + "/today").then().statusCode(403);
        given().auth().oauth2(viewer.accessToken()).get("/api/stats/today").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/stats/today").then().statusCode(401);
        given().auth().oauth2(creator.accessToken()).queryParam("date", "2037-05-21").get("/api/stats/today").then()
                .statusCode(400).body("detail", equalTo("date: must not be after today (2037-05-20 in the platform "
                        + "time zone), not 2037-05-21"));
        given().auth().oauth2(creator.accessToken()).queryParam("date", "20-05-2037")
                .get("/api/stats/videos/" + video + "/today").then().statusCode(400);
    }

    private static ValidatableResponse today(Users.User creator) {
        return given().auth().oauth2(creator.accessToken()).get("/api/stats/today").then().statusCode(200);
    }

    private static ValidatableResponse videoToday(Users.User creator, long video) {
        return given().auth().oauth2(creator.accessToken()).get("/api/stats/videos/" + video + "/today").then();
    }

    /** The day's rows of the two videos as the settlement batch's aggregation sums its watch history. */
    private List<List<Long>> history(long a, long b) throws SQLException {
        List<List<Long>> rows = new ArrayList<>();
        for (long video : new long[]{a, b}) {
            rows.add(row("SELECT SUM(counted_view), SUM(played_seconds), SUM(ad_views) FROM watch_history"
                    + " WHERE watched_date = ? AND video_id = ?", video));
        }
        return rows;
    }

    private List<Long> live(long video) throws SQLException {
        return row("SELECT views, play_seconds, ad_views FROM live_video_day WHERE stat_date = ? AND video_id = ?",
                video);
    }

    /**
     * Settles the day for the creator's videos as the batch does (its aggregation's sums into the D rows, then
     * settled_dates), while the day is still open (the batch's --allow-open-day).
     */
    private void settle(long creatorId, long a, long b) throws SQLException {
        sql("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds, ad_views,"
                + " video_amount, ad_amount) SELECT 'D', watched_date, video_id, " + creatorId + ", SUM(counted_view),"
                + " SUM(played_seconds), SUM(ad_views), 0, 0 FROM watch_history WHERE watched_date = ?"
                + " AND video_id IN (" + a + ", " + b + ") GROUP BY watched_date, video_id", DAY);
        sql("INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                + " VALUES (?, UTC_TIMESTAMP(6), 2, 0, 0)", DAY);
    }

    private List<Long> row(String query, long video) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setObject(1, java.time.LocalDate.parse(DAY));
            ps.setLong(2, video);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private void sql(String statement, String day) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, java.time.LocalDate.parse(day));
            ps.executeUpdate();
        }
    }
}
