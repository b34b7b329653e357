package io.streamstats.user.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.devkit.MetricsContract;
import io.streamstats.devkit.MetricsContract.Use;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric and label the chart's dashboards and alert rules use for user-service (the HTTP and JVM metrics
 * every service has; streaming_* and settlement_* are streaming-service's) exists in this service's real
 * /q/metrics, scraped over HTTP after requests so that the HTTP server metrics exist.
 */
@QuarkusTest
class MetricsContractTest {

    static final Path CHART = Path.of("../helm/streaming-platform");
    static final Path SEEDED = Path.of("src/test/resources/metrics-seeded");

    String scrape;

    @BeforeEach
    void traffic() {
        given().get("/api/users/me").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/auth/login").then().statusCode(400);
        scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void dashboardsAndRulesUseOnlyWhatTheServiceEmits() {
        List<Use> uses = new ArrayList<>(MetricsContract.dashboardUses(CHART.resolve("dashboards")));
        uses.addAll(MetricsContract.ruleUses(CHART.resolve("rules/streaming-platform.rules.yaml")));
        assertEquals(List.of(), MetricsContract.problems("user-service", scrape, uses));
    }

    /** Seeded: request rate split by a label the HTTP server metrics do not carry. */
    @Test
    void aDashboardQueryWithAWrongLabelFails() {
        List<String> problems = MetricsContract.problems("user-service", scrape, MetricsContract.dashboardUses(SEEDED));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("label path is not on http_server_requests_seconds_count"),
                problems.get(0));
    }
}
