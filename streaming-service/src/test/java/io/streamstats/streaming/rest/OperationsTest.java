package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void healthCoversBothDatasources() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("replica"));
    }

    @Test
    void metricsAndApiDocsAreServed() {
        given().get("/api/videos/1").then().statusCode(401); // an API request, so its latency histogram exists
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("streaming_plays_total"))
                .body(containsString("settlement_last_success_timestamp_seconds"))
                .body(containsString("http_server_requests_seconds_bucket"));
        given().get("/q/openapi").then().statusCode(200);
    }
}
