package io.streamstats.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamstats.devkit.MetricsContract.Use;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PromQL reading and the scrape comparison of the metrics contract, on fixed expressions and expositions. */
class MetricsContractTest {

    static final String SCRAPE = """
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{application="streaming-service",le="0.1",method="GET",outcome="SUCCESS",status="200",uri="/x"} 1.0
            http_server_requests_seconds_count{application="streaming-service",method="GET",outcome="SUCCESS",status="200",uri="/x"} 1.0
            streaming_plays_total{application="streaming-service",outcome="COUNTED"} 0.0
            streaming_revocation_feed_age_seconds{application="streaming-service"} 1.5
            settlement_last_success_timestamp_seconds{application="streaming-service"} NaN
            """;

    @Test
    void selectorsAggregationsAndFunctionsAreTold() {
        assertEquals(List.of(new Use("http_server_requests_seconds_bucket", Set.of("application", "le", "uri"), "w")),
                MetricsContract.uses("histogram_quantile(0.99, sum by (le, application) "
                        + "(rate(http_server_requests_seconds_bucket{uri!~\"/q/.*\"}[5m])))", "w"));
        assertEquals(List.of(new Use("streaming_plays_total", Set.of("outcome"), "w")),
                MetricsContract.uses("sum(rate(streaming_plays_total[$__rate_interval])) without (outcome)", "w"));
        assertEquals(List.of(new Use("settlement_last_success_timestamp_seconds", Set.of(), "w"),
                        new Use("settlement_last_success_timestamp_seconds", Set.of(), "w")),
                MetricsContract.uses("count(settlement_last_success_timestamp_seconds) unless on () "
                        + "(settlement_last_success_timestamp_seconds >= 0)", "w"));
        assertEquals(List.of(new Use("a_total", Set.of(), "w"), new Use("b", Set.of(), "w"), new Use("*", Set.of("pod"), "w")),
                MetricsContract.uses("time() - a_total offset 5m * on (pod) group_left b > 26 * 3600", "w"));
    }

    @Test
    void theScrapeOfTheOwningServiceDecides() {
        List<Use> uses = MetricsContract.uses("sum by (application) (rate(streaming_plays_total{outcome=\"COUNTED\"}[5m]))"
                + " + max by (instance) (streaming_revocation_feed_age_seconds)", "ok");
        assertEquals(List.of(), MetricsContract.problems("streaming-service", SCRAPE, uses));

        List<Use> wrongLabel = MetricsContract.uses("sum by (service) (rate(streaming_plays_total[5m]))", "q1");
        assertEquals(List.of("label service is not on streaming_plays_total (it has [application, outcome]): q1"),
                MetricsContract.problems("streaming-service", SCRAPE, wrongLabel));

        List<Use> wrongMetric = MetricsContract.uses("time() - max(settlement_last_succes_timestamp_seconds)", "q2");
        assertEquals(List.of("metric settlement_last_succes_timestamp_seconds is not in streaming-service's /q/metrics: q2"),
                MetricsContract.problems("streaming-service", SCRAPE, wrongMetric));
        // streaming-service's metrics are not user-service's business; the shared HTTP metrics are
        assertEquals(List.of(), MetricsContract.problems("user-service", "", wrongMetric));
        assertEquals(List.of("metric http_server_requests_seconds_count is not in user-service's /q/metrics: q3"),
                MetricsContract.problems("user-service", "",
                        MetricsContract.uses("rate(http_server_requests_seconds_count[5m])", "q3")));
    }
}
