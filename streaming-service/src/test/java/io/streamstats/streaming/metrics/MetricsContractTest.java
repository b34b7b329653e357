package io.streamstats.streaming.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.devkit.MetricsContract;
import io.streamstats.devkit.MetricsContract.Use;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.Users;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric and label the chart's dashboards and alert rules use for streaming-service (streaming_*, settlement_*,
 * and the HTTP / JVM metrics every service has) exists in this service's real /q/metrics, scraped over HTTP after
 * a play and a pause so that the metrics traffic creates are there too.
 */
@QuarkusTest
class MetricsContractTest {

    static final Path CHART = Path.of("../helm/streaming-platform");
    static final Path SEEDED = Path.of("src/test/resources/metrics-seeded");

    String scrape;

    @BeforeEach
    void traffic() {
        Users.User creator = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        long video = Api.video(creator, 600);
        long playback = Api.playbackId(Api.play(viewer, video).statusCode(200));
        Api.pause(viewer, video, playback, 1).statusCode(200);
        given().get("/api/videos/1").then().statusCode(401);
        scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void dashboardsAndRulesUseOnlyWhatTheServiceEmits() {
        List<Use> uses = new ArrayList<>(MetricsContract.dashboardUses(CHART.resolve("dashboards")));
        uses.addAll(MetricsContract.ruleUses(CHART.resolve("rules/streaming-platform.rules.yaml")));
        assertEquals(List.of(), MetricsContract.problems("streaming-service", scrape, uses));
    }

    /** Seeded: the dashboard grouping plays by a label the counter does not have. */
    @Test
    void aDashboardQueryWithAWrongLabelFails() {
        assertEquals(List.of("label service is not on streaming_plays_total (it has [application, outcome]): "
                        + "dashboard-wrong-label.json: sum by (service) (rate(streaming_plays_total[5m]))"),
                MetricsContract.problems("streaming-service", scrape, MetricsContract.dashboardUses(SEEDED)));
    }

    /** Seeded: the settlement alert on a misspelt gauge (it would never fire). */
    @Test
    void aRuleOnAMetricTheServiceDoesNotEmitFails() {
        assertEquals(List.of("metric settlement_last_succes_timestamp_seconds is not in streaming-service's /q/metrics: "
                        + "wrong-metric.rules.yaml: time() - max(settlement_last_succes_timestamp_seconds) > 26 * 3600"),
                MetricsContract.problems("streaming-service", scrape,
                        MetricsContract.ruleUses(SEEDED.resolve("wrong-metric.rules.yaml"))));
    }
}
