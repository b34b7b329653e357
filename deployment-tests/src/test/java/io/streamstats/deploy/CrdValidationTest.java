package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every Prometheus Operator object the project ships (PrometheusRule, ServiceMonitor, PodMonitor: chart renders,
 * k8s/monitoring and its kustomize build) validates against the operator's CRD schemas — types, patterns, required
 * fields, and no field the CRD does not know (the API server would drop it without a word). Node with npm
 * {@code @kubernetes-models/prometheus-operator} (crd-schema/, installed from its lock file on first run);
 * schema/validate.mjs checks every other kind.
 */
class CrdValidationTest {

    static final Path DIR = Path.of("crd-schema").toAbsolutePath();
    static final Path SEEDED = Path.of("src/test/resources/seeded/crd").toAbsolutePath();

    @Test
    void everyOperatorObjectMatchesItsCrd() throws Exception {
        List<Path> files = new ArrayList<>(Manifests.filesToValidate());
        files.add(Manifests.write("helm-podmonitor.yaml", Manifests.render(null, Map.of("monitoring.podMonitor.enabled", true,
                "monitoring.podMonitor.labels.release", "kube-prometheus-stack", "monitoring.prometheusRule.enabled", true))));
        files.add(MonitoringChartTest.K8S_MONITORING.resolve("prometheusrule.yaml"));
        files.add(MonitoringChartTest.K8S_MONITORING.resolve("servicemonitor.yaml"));
        Result result = validate(files);
        System.out.println(result.output());
        assertEquals(0, result.exit(), result.output());
        for (String kind : List.of("PrometheusRule", "ServiceMonitor", "PodMonitor")) {
            assertTrue(result.output().contains(": " + kind + "/"), kind + " was not checked:\n" + result.output());
        }
        assertTrue(result.output().contains(" 0 invalid"), result.output());
    }

    /** Seeded: one object per defect; each must be refused on its own. */
    @Test
    void eachSeededInvalidObjectIsRefused() throws Exception {
        String all = Files.readString(SEEDED.resolve("invalid-monitoring.yaml"));
        String[] docs = all.split("\n---\n");
        assertEquals(5, docs.length);
        for (String doc : docs) {
            String expected = doc.lines().filter(l -> l.startsWith("# expect: ")).findFirst()
                    .orElseThrow().substring("# expect: ".length());
            Result result = validate(List.of(Manifests.write("seeded-crd.yaml", doc)));
            assertEquals(1, result.exit(), result.output());
            assertTrue(result.output().contains(expected), "expected '" + expected + "' in:\n" + result.output());
        }
    }

    static Result validate(List<Path> files) throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules/@kubernetes-models/prometheus-operator"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
            assertEquals(0, install.exit(), "npm ci failed:\n" + install.output());
        }
        List<String> command = new ArrayList<>(List.of("node", "validate-crds.mjs"));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
