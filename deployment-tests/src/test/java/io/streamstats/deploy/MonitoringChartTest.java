package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Operator objects of the chart: the PrometheusRule is the rule file promtool checks, the monitors
 * select the two services' http port, both monitors at once are refused, and k8s/monitoring is their render.
 */
class MonitoringChartTest {

    static final Path K8S_MONITORING = Manifests.K8S.resolve("monitoring");
    static final Map<String, Object> MONITORS = Map.of("monitoring.prometheusRule.enabled", true,
            "monitoring.serviceMonitor.enabled", true, "monitoring.serviceMonitor.labels.release", "kube-prometheus-stack");

    @Test
    void thePrometheusRuleIsTheCheckedRuleFile() {
        ObjectNode rule = only(Manifests.read(Manifests.render(null, MONITORS)), "PrometheusRule");
        assertEquals(PromtoolTest.yaml(PromtoolTest.RULES), rule.path("spec"),
                "the PrometheusRule's spec must be rules/streaming-platform.rules.yaml unchanged");
    }

    @Test
    void theMonitorsScrapeBothServicesWithTheSelectorLabels() {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, MONITORS));
        ObjectNode monitor = only(objects, "ServiceMonitor");
        assertEquals("kube-prometheus-stack", monitor.path("metadata").path("labels").path("release").asText());
        assertEquals("/q/metrics", monitor.path("spec").path("endpoints").get(0).path("path").asText());
        List<String> scraped = objects.stream().filter(o -> o.path("kind").asText().equals("Service"))
                .filter(o -> selects(monitor, o)).map(o -> o.path("metadata").path("name").asText()).sorted().toList();
        assertEquals(List.of(Manifests.RELEASE + "-streaming-service", Manifests.RELEASE + "-user-service"), scraped);

        List<ObjectNode> podObjects = Manifests.read(Manifests.render(null, Map.of("monitoring.podMonitor.enabled", true,
                "monitoring.podMonitor.interval", "15s")));
        ObjectNode podMonitor = only(podObjects, "PodMonitor");
        assertEquals("15s", podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("interval").asText());
        List<String> pods = podObjects.stream().filter(o -> o.path("kind").asText().equals("Deployment"))
                .filter(o -> selects(podMonitor, (ObjectNode) o.path("spec").path("template")))
                .map(o -> o.path("metadata").path("name").asText()).sorted().toList();
        assertEquals(List.of(Manifests.RELEASE + "-streaming-service", Manifests.RELEASE + "-user-service"), pods);
    }

    @Test
    void bothMonitorsOrAMalformedIntervalAreRefused() {
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> Manifests.render(null,
                Map.of("monitoring.serviceMonitor.enabled", true, "monitoring.podMonitor.enabled", true)));
        assertTrue(both.getMessage().contains("enable one"), both.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("monitoring.serviceMonitor.interval", "30 seconds")));
        assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of("monitoring.prometheusRule", true)),
                "the former boolean switch is refused by the schema");
    }

    /** k8s/monitoring holds the chart's PrometheusRule and ServiceMonitor, rendered with k8s/helm-values.yaml. */
    @Test
    void kustomizeMonitoringIsTheChartRendered() throws IOException {
        String rendered = Manifests.render(Manifests.K8S.resolve("helm-values.yaml"),
                Map.of("monitoring.prometheusRule.enabled", true, "monitoring.serviceMonitor.enabled", true));
        for (String kind : List.of("PrometheusRule", "ServiceMonitor")) {
            String doc = Arrays.stream(rendered.split("\n---\n")).filter(d -> d.contains("\nkind: " + kind + "\n"))
                    .findFirst().orElseThrow(() -> new AssertionError(kind + " not rendered"));
            String fresh = "# Generated from helm/streaming-platform with k8s/helm-values.yaml and monitoring."
                    + kind.substring(0, 1).toLowerCase() + kind.substring(1) + ".enabled=true; do not edit.\n"
                    + doc.strip() + "\n";
            Path file = K8S_MONITORING.resolve(kind.toLowerCase() + ".yaml");
            if (Boolean.getBoolean("k8s.regenerate")) {
                Files.createDirectories(K8S_MONITORING);
                Files.writeString(file, fresh);
            }
            assertEquals(fresh, Manifests.text(file),
                    file + " differs from the chart: ./mvnw -pl deployment-tests test -Dk8s.regenerate=true");
        }
    }

    static ObjectNode only(List<ObjectNode> objects, String kind) {
        List<ObjectNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    /** matchLabels and In-expressions of the monitor's selector against the object's labels. */
    static boolean selects(ObjectNode monitor, ObjectNode object) {
        var labels = object.path("metadata").path("labels");
        var selector = monitor.path("spec").path("selector");
        for (var entry : selector.path("matchLabels").properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        for (var expression : selector.path("matchExpressions")) {
            assertEquals("In", expression.path("operator").asText());
            String value = labels.path(expression.path("key").asText()).asText(null);
            boolean in = false;
            for (var allowed : expression.path("values")) {
                in |= allowed.asText().equals(value);
            }
            if (!in) {
                return false;
            }
        }
        return true;
    }
}
