package io.streamstats.streaming.rest;

import static io.streamstats.streaming.support.Api.pause;
import static io.streamstats.streaming.support.Api.play;
import static io.streamstats.streaming.support.Api.playbackId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attack replayed: one viewer's token floods play / pause to fill the write queue. With a burst of 5 and one
 * request a second, the viewer gets the burst and then what has refilled: refused with 429 before the write queue,
 * plays and pauses alike; other viewers go on. How many requests pass depends on how fast they are answered, so the
 * test holds the bucket to its bound (burst + rate x time since the first request) rather than to "the sixth".
 */
@QuarkusTest
@TestProfile(ViewerLimitTest.SmallAllowance.class)
class ViewerLimitTest {

    static final int BURST = 5;

    public static class SmallAllowance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streaming.viewer-limit.burst", Integer.toString(BURST),
                    "streaming.viewer-limit.requests-per-second", "1");
        }
    }

    @Test
    void aFloodOfPlayAndPauseFromOneViewerIsRefusedWithRetryAfter() {
        Users.User creator = Users.create("CREATOR");
        Users.User flooder = Users.create("VIEWER");
        Users.User other = Users.create("VIEWER");
        long video = Api.video(creator, 600);

        long first = System.nanoTime();
        int admitted = 0;
        long playback = 0;
        ValidatableResponse refusedPlay = null;
        ValidatableResponse refusedPause = null;
        // play, pause, play, pause ... as fast as they are answered, until both kinds were refused
        for (int i = 0; i < 40 && (refusedPlay == null || refusedPause == null); i++) {
            boolean isPlay = i % 2 == 0;
            ValidatableResponse r = isPlay ? play(flooder, video) : pause(flooder, video, playback, 10);
            int status = r.extract().statusCode();
            if (status == 429) {
                if (isPlay && refusedPlay == null) {
                    refusedPlay = r;
                } else if (!isPlay && refusedPause == null) {
                    refusedPause = r;
                }
                continue;
            }
            double elapsed = (System.nanoTime() - first) / 1e9;
            admitted++;
            assertTrue(admitted <= BURST + Math.floor(elapsed),
                    admitted + " requests admitted within " + elapsed + " s, more than the burst and the refill");
            if (isPlay) {
                r.statusCode(200);
                playback = playbackId(r);
            }
        }
        assertTrue(admitted >= BURST, "only " + admitted + " requests admitted before the first refusal");
        assertNotNull(refusedPlay, "no play refused");
        assertNotNull(refusedPause, "no pause refused");
        refusedPause.contentType(equalTo("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .body("detail", containsString("slow down"));
        refusedPlay.header("Retry-After", equalTo("1"));

        // another viewer has an allowance of their own
        long otherPlayback = playbackId(play(other, video));
        pause(other, video, otherPlayback, 30).statusCode(200);
    }
}
