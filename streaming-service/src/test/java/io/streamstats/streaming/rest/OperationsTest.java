package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessCoversThePrimaryAndTheFeedButNotTheReplica() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("<default>")).body(containsString("revocation-feed"))
                .body(not(containsString("replica")));
        // the replica's state has a group of its own, which no probe reads (ReplicaOutageTest)
        given().get("/q/health/group/replica").then().statusCode(200).body("checks[0].name", equalTo("replica"));
    }

    @Test
    void metricsAndApiDocsAreServed() {
        given().get("/api/videos/1").then().statusCode(401); // an API request, so its latency histogram exists
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("streaming_plays_total"))
                .body(containsString("settlement_last_success_timestamp_seconds"))
                .body(containsString("streaming_replica_fallback_total")).body(containsString("streaming_replica_up"))
                .body(containsString("http_server_requests_seconds_bucket"));
        given().get("/q/openapi").then().statusCode(200);
    }
}
