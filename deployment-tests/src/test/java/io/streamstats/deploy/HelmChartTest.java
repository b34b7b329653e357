package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart passes strict lint and renders with default, prod and every optional object; k8s/ does not drift. */
class HelmChartTest {

    @Test
    void strictLintPasses() {
        var result = new Helm(Manifests.CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void rendersWithDefaultProdAndEveryOptionalObject() {
        String defaults = Manifests.render(null, Map.of());
        String prod = Manifests.render(Manifests.CHART.resolve("values-prod.yaml"), Map.of());
        String everything = Manifests.render(null, Manifests.EVERYTHING);
        Manifests.write("helm-default.yaml", defaults);
        Manifests.write("helm-prod.yaml", prod);
        Manifests.write("helm-everything.yaml", everything);
        assertTrue(defaults.contains("kind: StatefulSet"), "in-cluster MySQL by default");
        assertFalse(prod.contains("kind: StatefulSet"), "prod uses an external MySQL");
        assertTrue(prod.contains("mysql-primary.db.internal"));
        assertTrue(everything.contains("kind: PrometheusRule") && everything.contains("kind: Secret"));
    }

    /** The platform's images (not MySQL's) of every pod and init container, with their pull policies. */
    static Map<String, String> platformPullPolicies(Map<String, Object> values) {
        Map<String, String> policies = new java.util.TreeMap<>();
        for (var o : Manifests.read(Manifests.render(null, values))) {
            o.findParents("image").forEach(c -> {
                String image = c.path("image").asText();
                if (image.startsWith("ghcr.io/")) {
                    policies.merge(image, c.path("imagePullPolicy").asText(), (a, b) -> a.equals(b) ? a : a + "|" + b);
                }
            });
        }
        assertEquals(3, policies.size(), policies.toString());
        return policies;
    }

    @Test
    void aMovingTagIsAlwaysPulledAndAFixedOneOnlyWhenMissing() {
        // the default tag is the chart's appVersion, which every push to main publishes again
        platformPullPolicies(Map.of()).values().forEach(p -> assertEquals("Always", p));
        platformPullPolicies(Map.of("image.tag", "main")).values().forEach(p -> assertEquals("Always", p));
        platformPullPolicies(Map.of("image.tag", "1.1.0-SNAPSHOT")).values().forEach(p -> assertEquals("Always", p));
        platformPullPolicies(Map.of("image.tag", "1.0.0")).values().forEach(p -> assertEquals("IfNotPresent", p));
        platformPullPolicies(Map.of("image.tag", "3f1c2a9d0b7e")).values().forEach(p -> assertEquals("IfNotPresent", p));
        platformPullPolicies(Map.of("image.pullPolicy", "IfNotPresent")).values()
                .forEach(p -> assertEquals("IfNotPresent", p));
    }

    /** With a release version as appVersion the default tag still moves (images.yml pushes it on every push to main). */
    @Test
    void theDefaultTagIsAlwaysPulledWhateverTheAppVersion(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path chart = dir.resolve("streaming-platform");
        try (var files = Files.walk(Manifests.CHART)) {
            for (var file : files.toList()) {
                var target = chart.resolve(Manifests.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        String chartYaml = Files.readString(chart.resolve("Chart.yaml"));
        String released = chartYaml.replaceAll("(?m)^appVersion: .*$", "appVersion: \"1.0.0\"");
        assertTrue(!released.equals(chartYaml) && released.contains("appVersion: \"1.0.0\""), released);
        Files.writeString(chart.resolve("Chart.yaml"), released);
        String rendered = new Helm(chart).template().withName(Manifests.RELEASE).withNamespace("streaming-platform")
                .withKubeVersion(Manifests.KUBE_VERSION).call();
        assertTrue(rendered.contains("/user-service:1.0.0"), "rendered with the release appVersion");
        assertTrue(rendered.contains("imagePullPolicy: Always") && !rendered.contains("imagePullPolicy: IfNotPresent"),
                "the default tag is pulled Always");
    }

    @Test
    void valuesAreCheckedAgainstTheSchema() {
        assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of("userService.port", "http")));
        assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of("image.pullPolicy", "Sometimes")));
        assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("database.inCluster", false)), "an external primary host is required");
        // the CronJobs' zone must be the platform's: 00:30 elsewhere is not "after yesterday ended"
        IllegalStateException zone = assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("batch.timeZone", "Etc/UTC")));
        assertTrue(zone.getMessage().contains("must be the platform zone"), zone.getMessage());
        Manifests.render(null, Map.of("batch.timeZone", "Etc/UTC", "platform.zone", "Etc/UTC"));
        assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("batch.historyPartitions.lockWait", "PT0S")), "at least a second");
        assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("batch.lateRowsLookback", -1)), "not negative");
        assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("batch.lateRowsSweepDays", -1)), "not negative");
    }

    @Test
    void kustomizeBaseIsTheChartRendered() throws IOException {
        String fresh = "# Generated from helm/streaming-platform with k8s/helm-values.yaml; do not edit.\n"
                + Manifests.render(Manifests.K8S.resolve("helm-values.yaml"), Map.of());
        if (Boolean.getBoolean("k8s.regenerate")) {
            Files.writeString(Manifests.K8S.resolve("base/platform.yaml"), fresh);
        }
        assertEquals(fresh, Manifests.text(Manifests.K8S.resolve("base/platform.yaml")),
                "k8s/base/platform.yaml differs from the chart: ./mvnw -pl deployment-tests test -Dk8s.regenerate=true");
    }
}
