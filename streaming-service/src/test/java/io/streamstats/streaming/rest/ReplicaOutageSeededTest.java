package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamstats.streaming.support.GatedDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seeded defect for {@link ReplicaOutageTest}: the configuration before the fix — the replica datasource in
 * readiness and no fallback to the primary. The same outage checks must fail on it: a replica restart takes the
 * instance out of the Service (readiness 503) and the reports are refused.
 */
@QuarkusTest
@TestProfile(ReplicaOutageSeededTest.OldConfiguration.class)
class ReplicaOutageSeededTest {

    public static class OldConfiguration implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.\"replica\".health-exclude", "false",
                    "streaming.replica.fallback", "false");
        }
    }

    @AfterEach
    void reopen() {
        GatedDatabase.replica().open();
    }

    @Test
    void theOutageChecksFailWhenTheReplicaIsInReadinessAndReadsDoNotFallBack() {
        ReplicaOutageTest.Fixture f = ReplicaOutageTest.fixture(1);
        ReplicaOutageTest.reports(f);
        double before = ReplicaOutageTest.fallbacks();

        GatedDatabase.replica().cut();
        assertThrows(AssertionError.class, () -> ReplicaOutageTest.duringReplicaOutage(f, before));
        // what an operator would see: every instance NotReady because of the replica, reports refused
        given().get("/q/health/ready").then().statusCode(503).body(containsString("replica"));
        given().auth().oauth2(f.creator().accessToken()).queryParam("period", "MONTHLY")
                .queryParam("date", ReplicaOutageTest.MONTH.toString()).get("/api/settlements").then()
                .statusCode(503);
    }
}
