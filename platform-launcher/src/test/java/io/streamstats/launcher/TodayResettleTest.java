package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TodayResettleTest {

    @Test
    void countsTheAnsweredPlaysAndPausesOnly() {
        String metrics = """
                # TYPE http_server_requests_seconds summary
                http_server_requests_seconds_count{application="streaming-service",method="POST",outcome="SUCCESS",status="200",uri="/api/videos/{id}/play"} 3.0
                http_server_requests_seconds_count{application="streaming-service",method="POST",outcome="SUCCESS",status="200",uri="/api/videos/{id}/pause"} 2.0
                http_server_requests_seconds_sum{application="streaming-service",method="POST",outcome="SUCCESS",status="200",uri="/api/videos/{id}/pause"} 0.5
                http_server_requests_seconds_count{application="streaming-service",method="POST",outcome="CLIENT_ERROR",status="409",uri="/api/videos/{id}/pause"} 7.0
                http_server_requests_seconds_count{application="streaming-service",method="GET",outcome="SUCCESS",status="200",uri="/api/videos/{id}"} 11.0
                http_server_requests_seconds_count{application="streaming-service",method="GET",outcome="SUCCESS",status="200",uri="/api/stats/top"} 13.0
                streaming_plays_total{application="streaming-service",outcome="COUNTED"} 3.0
                """;
        assertEquals(5, TodayResettle.playbackRequests(metrics), "3 plays and 2 pauses answered with 200");
        assertEquals(0, TodayResettle.playbackRequests(""));
    }
}
