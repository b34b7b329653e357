package io.streamstats.common.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a resource's path template is matched against a request path for the 405's Allow header. */
class AllowedMethodsTest {

    @Test
    void aParameterMatchesOneSegmentAndLiteralTextItself() {
        var play = AllowedMethods.regex("/api/videos/" + "/{id}/play");
        assertTrue(play.matcher("/api/videos/42/play").matches());
        assertFalse(play.matcher("/api/videos/42/pause").matches());
        assertFalse(play.matcher("/api/videos/4/2/play").matches());
        // a dot in the template is no wildcard
        assertFalse(AllowedMethods.regex("/q/a.b").matcher("/q/axb").matches());
    }

    @Test
    void aParameterWithItsOwnRegexMatchesWhatItSays() {
        var video = AllowedMethods.regex("/api/videos/{id: [1-9][0-9]{0,18}}");
        assertTrue(video.matcher("/api/videos/42").matches());
        assertFalse(video.matcher("/api/videos/042").matches());
        assertTrue(AllowedMethods.regex("/files/{rest: .+}").matcher("/files/a/b").matches());
    }
}
