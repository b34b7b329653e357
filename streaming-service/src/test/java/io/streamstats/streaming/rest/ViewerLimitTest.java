package io.streamstats.streaming.rest;

import static io.streamstats.streaming.support.Api.pause;
import static io.streamstats.streaming.support.Api.play;
import static io.streamstats.streaming.support.Api.playbackId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attack replayed: one viewer's token floods play / pause to fill the write queue. With a burst of 5 and one
 * request a second, the sixth request in a row is refused with 429 before it reaches the queue; other viewers go on.
 */
@QuarkusTest
@TestProfile(ViewerLimitTest.SmallAllowance.class)
class ViewerLimitTest {

    public static class SmallAllowance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streaming.viewer-limit.burst", "5", "streaming.viewer-limit.requests-per-second", "1");
        }
    }

    @Test
    void aFloodOfPlayAndPauseFromOneViewerIsRefusedWithRetryAfter() {
        Users.User creator = Users.create("CREATOR");
        Users.User flooder = Users.create("VIEWER");
        Users.User other = Users.create("VIEWER");
        long video = Api.video(creator, 600);

        long playback = playbackId(play(flooder, video));
        pause(flooder, video, playback, 10).statusCode(200);
        play(flooder, video).statusCode(200);
        play(flooder, video).statusCode(200);
        playback = playbackId(play(flooder, video));
        // the sixth request in a row (a pause) and the next play: refused before they reach the write queue
        pause(flooder, video, playback, 20).statusCode(429)
                .contentType(equalTo("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .body("detail", containsString("slow down"));
        play(flooder, video).statusCode(429).header("Retry-After", equalTo("1"));

        // another viewer has an allowance of their own
        long otherPlayback = playbackId(play(other, video));
        pause(other, video, otherPlayback, 30).statusCode(200);
    }
}
