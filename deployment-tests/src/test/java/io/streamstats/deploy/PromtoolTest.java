package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamstats.devkit.MetricsContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules the chart installs (rules/streaming-platform.rules.yaml, embedded whole in the PrometheusRule)
 * pass {@code promtool check rules} and their unit tests ({@code promtool test rules}
 * streaming-platform.rules.test.yaml), and every alert has a unit test where it fires and one where it stays
 * silent. promtool comes from Debian's prometheus package (.ci/run installs it); without it this test fails.
 */
class PromtoolTest {

    static final Path RULES_DIR = Manifests.CHART.resolve("rules");
    static final Path RULES = RULES_DIR.resolve("streaming-platform.rules.yaml");
    static final Path TESTS = RULES_DIR.resolve("streaming-platform.rules.test.yaml");
    static final Path SEEDED = Path.of("src/test/resources/seeded/rules").toAbsolutePath();
    static final Path PROMTOOL = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));

    /**
     * The rules on the kubelet's metrics (the MySQL volumes' fill) and kube-state-metrics' (ready pods) use only names
     * and labels those exporters expose, as the services' MetricsContractTest checks theirs against their scrape.
     */
    @Test
    void theKubeletMetricsTheRulesUseAreTheKubelets() {
        for (var exporter : java.util.Map.of(MetricsContract.KUBELET, MetricsContract.KUBELET_VOLUME_STATS,
                MetricsContract.KUBE_STATE_METRICS, MetricsContract.KUBE_STATE_DEPLOYMENTS).entrySet()) {
            List<MetricsContract.Use> uses = MetricsContract.ruleUses(RULES).stream()
                    .filter(u -> exporter.getKey().equals(MetricsContract.owner(u.metric()))).toList();
            assertTrue(!uses.isEmpty(), exporter.getKey());
            assertEquals(List.of(), MetricsContract.problems(exporter.getKey(), exporter.getValue(), uses));
        }
        assertEquals(1, MetricsContract.problems(MetricsContract.KUBE_STATE_METRICS,
                MetricsContract.KUBE_STATE_DEPLOYMENTS, MetricsContract.uses(
                        "max by (pod) (kube_deployment_status_replicas_available)", "seeded")).size());
        // seeded: a metric the kubelet has not (free, not available) and a label its volume series do not carry
        assertEquals(2, MetricsContract.problems(MetricsContract.KUBELET, MetricsContract.KUBELET_VOLUME_STATS,
                MetricsContract.uses("kubelet_volume_stats_free_bytes / on () group_left"
                        + " max by (pod) (kubelet_volume_stats_capacity_bytes)", "seeded")).size());
    }

    @Test
    void theRulesPassPromtoolCheck() {
        Result result = promtool(RULES_DIR, "check", "rules", RULES.getFileName().toString());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void theRulesPassTheirUnitTests() {
        Result result = promtool(RULES_DIR, "test", "rules", TESTS.getFileName().toString());
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void everyAlertHasAFiringAndASilentCase() {
        assertEquals(List.of(), untested(RULES, TESTS));
    }

    /** Seeded: an unbalanced parenthesis. */
    @Test
    void aRuleThatDoesNotParseIsRefused() {
        Result result = promtool(SEEDED, "check", "rules", "unbalanced.rules.yaml");
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("unclosed left parenthesis"), result.output());
    }

    /** Seeded: SettlementMissing with `or absent(...)`, firing on a missing gauge as if no settlement had run. */
    @Test
    void theFormerSettlementRuleFailsTheUnitTests() throws IOException {
        Result result = testAgainst(SEEDED.resolve("settlement-or-absent.rules.yaml"), TESTS);
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("alertname: SettlementMissing"), result.output());
    }

    /** Seeded: a unit test expecting SettlementMissing before its `for` has passed. */
    @Test
    void aWrongUnitTestFails() throws IOException {
        Result result = testAgainst(RULES, SEEDED.resolve("too-early.rules.test.yaml"));
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("alertname: SettlementMissing, time: 1d2h5m"), result.output());
    }

    /** Seeded: an alert the unit tests never mention. */
    @Test
    void anAlertWithoutUnitTestsIsReported() {
        assertEquals(List.of("SettlementSlow: no case where it fires", "SettlementSlow: no case where it stays silent"),
                untested(SEEDED.resolve("untested-alert.rules.yaml"), TESTS));
    }

    /** Alerts of the rule file without a unit test case that expects them to fire, or one that expects none. */
    static List<String> untested(Path rules, Path tests) {
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : yaml(tests).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? silent : fires).add(check.path("alertname").asText());
            }
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode group : yaml(rules).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                if (alert.isEmpty()) {
                    continue;
                }
                if (!fires.contains(alert)) {
                    problems.add(alert + ": no case where it fires");
                }
                if (!silent.contains(alert)) {
                    problems.add(alert + ": no case where it stays silent");
                }
            }
        }
        return problems;
    }

    static JsonNode yaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a unit-test file against a rule file, both copied into one directory under the names the tests use. */
    static Result testAgainst(Path rules, Path tests) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Manifests.RENDERED), "promtool");
        Files.copy(rules, dir.resolve(RULES.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tests, dir.resolve("under-test.yaml"), StandardCopyOption.REPLACE_EXISTING);
        return promtool(dir, "test", "rules", "under-test.yaml");
    }

    record Result(int exit, String output) {
    }

    static Result promtool(Path dir, String... args) {
        if (!Files.isExecutable(PROMTOOL)) {
            throw new AssertionError("promtool is required and missing at " + PROMTOOL
                    + " (apt-get install prometheus, or pass -Dpromtool=<path>)");
        }
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("promtool timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
