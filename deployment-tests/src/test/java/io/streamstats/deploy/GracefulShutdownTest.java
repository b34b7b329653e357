package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rolling update or drain drops no request: every service container sleeps in preStop (while its endpoint leaves
 * kube-proxy and the Ingress controller), then Quarkus lets in-flight requests finish for quarkus.shutdown.timeout,
 * and the pod's terminationGracePeriodSeconds covers both, so the kubelet never SIGKILLs a draining pod. Checked on
 * every render and kustomize build.
 */
class GracefulShutdownTest {

    /** Endpoint removal reaches kube-proxy and ingress-nginx within a few seconds; less than this risks 502s. */
    static final int MIN_PRE_STOP_SECONDS = 5;

    @Test
    void everyServiceDrainsWithinItsGracePeriod() throws IOException {
        List<String> problems = new ArrayList<>();
        int services = 0;
        for (var set : PodSecurityTest.sets().entrySet()) {
            for (ObjectNode o : set.getValue()) {
                if (o.path("kind").asText().equals("Deployment")) {
                    services++;
                    problems.addAll(check(set.getKey(), o));
                }
            }
        }
        assertTrue(services >= 10, "found the Deployments: " + services);
        assertEquals(List.of(), problems);
    }

    @Test
    void theChartsValuesDriveTheArithmetic() {
        ObjectNode d = deployment(Map.of("shutdown.preStopSleepSeconds", 15, "shutdown.timeoutSeconds", 45));
        assertEquals(70, d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt());
        assertEquals(List.of(), check("x", d));
        assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of("shutdown.preStopSleepSeconds", 0)));
        assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of("shutdown.timeoutSeconds", "20s")));
    }

    /** The grace period as it was (30 s) against a 10 s sleep and a 25 s shutdown: the kubelet kills mid-request. */
    @Test
    void seededShortGracePeriodFails() {
        ObjectNode d = deployment(Map.of("shutdown.timeoutSeconds", 25));
        ((ObjectNode) d.path("spec").path("template").path("spec")).put("terminationGracePeriodSeconds", 30);
        List<String> problems = check("seeded", d);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("terminationGracePeriodSeconds 30 <= preStop 10 s + shutdown 25 s"),
                problems.getFirst());
    }

    /** No preStop hook: SIGTERM arrives while the Ingress still routes to the pod. */
    @Test
    void seededMissingPreStopFails() {
        ObjectNode d = deployment(Map.of());
        ObjectNode container = (ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0);
        container.remove("lifecycle");
        List<String> problems = check("seeded", d);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("no preStop sleep"), problems.getFirst());
    }

    /** No shutdown timeout anywhere (chart env removed, property looked up in a module without it): reported. */
    @Test
    void seededMissingShutdownTimeoutFails() {
        ObjectNode d = deployment(Map.of());
        ObjectNode container = (ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0);
        var env = (com.fasterxml.jackson.databind.node.ArrayNode) container.path("env");
        for (int i = env.size() - 1; i >= 0; i--) {
            if (env.get(i).path("name").asText().equals("QUARKUS_SHUTDOWN_TIMEOUT")) {
                env.remove(i);
            }
        }
        assertEquals(List.of(), check("x", d), "application.properties still sets it");
        List<String> problems = check("seeded", d, "");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("no quarkus.shutdown.timeout"), problems.getFirst());
    }

    static ObjectNode deployment(Map<String, Object> values) {
        return Manifests.read(Manifests.render(null, values)).stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    }

    static List<String> check(String set, ObjectNode deployment) {
        return check(set, deployment, null);
    }

    /**
     * The shutdown arithmetic of one Deployment's service container. {@code properties} stands in for the module's
     * application.properties (null: read the module the image names).
     */
    static List<String> check(String set, ObjectNode deployment, String properties) {
        String name = set + ": Deployment " + deployment.path("metadata").path("name").asText();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        List<String> problems = new ArrayList<>();
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
        for (JsonNode c : pod.path("containers")) {
            String image = c.path("image").asText();
            String module = image.substring(image.lastIndexOf('/') + 1).split(":")[0];
            Integer preStop = preStopSeconds(c.path("lifecycle").path("preStop"));
            if (preStop == null || preStop < MIN_PRE_STOP_SECONDS) {
                problems.add(name + " " + module + ": no preStop sleep of at least " + MIN_PRE_STOP_SECONDS + " s");
                continue;
            }
            Duration timeout = null;
            for (JsonNode env : c.path("env")) {
                if (env.path("name").asText().equals("QUARKUS_SHUTDOWN_TIMEOUT")) {
                    timeout = duration(env.path("value").asText());
                }
            }
            if (timeout == null) {
                String text = properties != null ? properties : Manifests.text(
                        Manifests.ROOT.resolve(module + "/src/main/resources/application.properties"));
                Matcher m = Pattern.compile("(?m)^(?:%prod\\.)?quarkus\\.shutdown\\.timeout=(.+)$").matcher(text);
                timeout = m.find() ? duration(m.group(1).trim()) : null;
            }
            if (timeout == null || timeout.isZero()) {
                problems.add(name + " " + module + ": no quarkus.shutdown.timeout (SIGTERM would cut in-flight requests)");
                continue;
            }
            long needed = preStop + timeout.toSeconds();
            if (grace <= needed) {
                problems.add("%s %s: terminationGracePeriodSeconds %d <= preStop %d s + shutdown %d s".formatted(
                        name, module, grace, preStop, timeout.toSeconds()));
            }
        }
        return problems;
    }

    /** Seconds of a preStop sleep: the sleep action or an exec of sleep; null for anything else. */
    static Integer preStopSeconds(JsonNode preStop) {
        if (preStop.has("sleep")) {
            return preStop.path("sleep").path("seconds").asInt();
        }
        JsonNode command = preStop.path("exec").path("command");
        if (command.size() == 2 && command.get(0).asText().matches("(/usr)?(/bin/)?sleep")
                && command.get(1).asText().matches("\\d+")) {
            return Integer.parseInt(command.get(1).asText());
        }
        return null;
    }

    /** A Quarkus duration: 20 (seconds), 20s, 500ms, 1m, 1h or ISO-8601 (PT20S). */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("^(\\d+)(ms|s|m|h|d)?$").matcher(text);
        if (!m.matches()) {
            return Duration.parse(text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
