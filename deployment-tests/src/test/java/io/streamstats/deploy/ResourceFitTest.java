package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every pod of an install can be scheduled on the nodes docs/cluster-sizes.yaml states: services at their HPA
 * maximum, the MySQL StatefulSets and one settlement Job, placed first-fit-decreasing by their CPU and memory requests
 * on the nodes' allocatable capacity (node size minus what system pods reserve). A pod that cannot be placed, or a
 * container without requests, fails.
 */
class ResourceFitTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path SIZES = Manifests.ROOT.resolve("docs/cluster-sizes.yaml");
    private static final Path E2E = Manifests.ROOT.resolve(".github/workflows/e2e.yml");

    record Pod(String name, long milliCpu, long bytes) {
    }

    record Node(long milliCpu, long bytes) {
    }

    @Test
    void theE2eInstallFitsTheKindNode() throws IOException {
        assertEquals(sizes().path("e2e").path("nodes").asInt(),
                YAML.readTree(Manifests.ROOT.resolve(".github/kind.yaml").toFile()).path("nodes").size(),
                "docs/cluster-sizes.yaml states the kind cluster's node count");
        place("e2e", Manifests.render(null, e2eInstallValues()));
    }

    @Test
    void theDefaultInstallFitsTheRecommendedNodes() throws IOException {
        place("default", Manifests.render(null, Map.of()));
    }

    @Test
    void seededOverRequestsDoNotFit() throws IOException {
        // the batch asking 2 CPUs, as it did: beside both MySQL StatefulSets and the two services the kind node is full
        Map<String, Object> e2e = new HashMap<>(e2eInstallValues());
        e2e.put("batch.resources.requests.cpu", "2");
        assertThrows(AssertionError.class, () -> place("e2e", Manifests.render(null, e2e)));
        // ten streaming pods at 2 CPUs each exceed three 4-CPU nodes
        assertThrows(AssertionError.class,
                () -> place("default", Manifests.render(null, Map.of("streamingService.resources.requests.cpu", "2"))));
        // one pod larger than any node never schedules, whatever the total
        assertThrows(AssertionError.class,
                () -> place("default", Manifests.render(null, Map.of("mysql.resources.requests.memory", "15Gi",
                        "mysql.resources.limits.memory", "15Gi"))));
    }

    /** The values .github/workflows/e2e.yml installs the chart with: its --set flags (file contents stubbed). */
    static Map<String, Object> e2eInstallValues() throws IOException {
        String script = null;
        for (JsonNode step : YAML.readTree(E2E.toFile()).path("jobs").path("kind").path("steps")) {
            if (step.path("run").asText().contains("helm install")) {
                script = step.path("run").asText();
            }
        }
        assertTrue(script != null, "e2e.yml installs the chart with helm install");
        String command = script.substring(script.indexOf("helm install")).replace("\\\n", " ");
        command = command.substring(0, command.indexOf('\n') < 0 ? command.length() : command.indexOf('\n'));
        Map<String, Object> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(--set|--set-file|--set-string|-f|--values)[ =](\\S+)").matcher(command);
        while (m.find()) {
            String flag = m.group(1);
            assertTrue(flag.startsWith("--set"), "e2e.yml passes a values file this test does not read: " + m.group(2));
            int eq = m.group(2).indexOf('=');
            values.put(m.group(2).substring(0, eq), flag.equals("--set-file") ? "file" : m.group(2).substring(eq + 1));
        }
        assertTrue(values.containsKey("image.tag"), "parsed the e2e install flags: " + values);
        return values;
    }

    static JsonNode sizes() throws IOException {
        return YAML.readTree(SIZES.toFile());
    }

    /** Places every pod of the render on the cluster's nodes; fails naming the pods that do not fit. */
    static void place(String cluster, String rendered) throws IOException {
        JsonNode size = sizes().path(cluster);
        Node node = new Node(milliCpu(size.path("node").path("cpu").asText()) - milliCpu(size.path("reserved").path("cpu").asText()),
                bytes(size.path("node").path("memory").asText()) - bytes(size.path("reserved").path("memory").asText()));
        int count = size.path("nodes").asInt();
        assertTrue(count > 0 && node.milliCpu() > 0 && node.bytes() > 0, "docs/cluster-sizes.yaml: " + cluster);
        List<Pod> pods = pods(rendered);
        pods.sort(Comparator.comparingLong(Pod::milliCpu).thenComparingLong(Pod::bytes).reversed());
        long[] cpuLeft = new long[count];
        long[] memLeft = new long[count];
        java.util.Arrays.fill(cpuLeft, node.milliCpu());
        java.util.Arrays.fill(memLeft, node.bytes());
        List<Pod> unplaced = new ArrayList<>();
        for (Pod pod : pods) {
            int chosen = -1;
            for (int i = 0; i < count && chosen < 0; i++) {
                if (cpuLeft[i] >= pod.milliCpu() && memLeft[i] >= pod.bytes()) {
                    chosen = i;
                }
            }
            if (chosen < 0) {
                unplaced.add(pod);
            } else {
                cpuLeft[chosen] -= pod.milliCpu();
                memLeft[chosen] -= pod.bytes();
            }
        }
        long cpu = pods.stream().mapToLong(Pod::milliCpu).sum();
        long mem = pods.stream().mapToLong(Pod::bytes).sum();
        String summary = "%s: %d pods request %dm CPU, %d MiB; %d node(s) of %dm CPU, %d MiB allocatable".formatted(
                cluster, pods.size(), cpu, mem >> 20, count, node.milliCpu(), node.bytes() >> 20);
        if (!unplaced.isEmpty()) {
            throw new AssertionError(summary + "; pods that never schedule: " + unplaced
                    + ". Lower the requests or change docs/cluster-sizes.yaml and docs/deploy.md");
        }
        System.out.println(summary);
    }

    /** One entry per pod that can run at once: HPA maximum, replicas, one run of each CronJob and Job. */
    static List<Pod> pods(String rendered) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> docs = Manifests.read(rendered);
        Map<String, Integer> hpaMax = new HashMap<>();
        for (JsonNode doc : docs) {
            if (doc.path("kind").asText().equals("HorizontalPodAutoscaler")) {
                JsonNode target = doc.path("spec").path("scaleTargetRef");
                hpaMax.put(target.path("kind").asText() + "/" + target.path("name").asText(),
                        doc.path("spec").path("maxReplicas").asInt());
            }
        }
        List<Pod> pods = new ArrayList<>();
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            String name = kind + "/" + doc.path("metadata").path("name").asText();
            JsonNode spec = switch (kind) {
                case "Deployment", "StatefulSet", "Job" -> doc.path("spec").path("template").path("spec");
                case "CronJob" -> doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
                default -> null;
            };
            if (spec == null) {
                continue;
            }
            int replicas = switch (kind) {
                case "Deployment", "StatefulSet" -> hpaMax.getOrDefault(name, doc.path("spec").path("replicas").asInt(1));
                case "Job" -> doc.path("spec").path("parallelism").asInt(1);
                default -> doc.path("spec").path("jobTemplate").path("spec").path("parallelism").asInt(1);
            };
            long cpu = 0;
            long mem = 0;
            for (JsonNode container : spec.path("containers")) {
                cpu += request(name, container, "cpu");
                mem += request(name, container, "memory");
            }
            // init containers run one at a time before the others: the pod needs the larger of the two
            for (JsonNode init : spec.path("initContainers")) {
                cpu = Math.max(cpu, request(name, init, "cpu"));
                mem = Math.max(mem, request(name, init, "memory"));
            }
            for (int i = 0; i < replicas; i++) {
                pods.add(new Pod(name + "#" + i, cpu, mem));
            }
        }
        return pods;
    }

    private static long request(String pod, JsonNode container, String resource) {
        JsonNode value = container.path("resources").path("requests").path(resource);
        assertTrue(value.isTextual() || value.isNumber(),
                pod + " container " + container.path("name").asText() + " states no " + resource + " request");
        return resource.equals("cpu") ? milliCpu(value.asText()) : bytes(value.asText());
    }

    static long milliCpu(String quantity) {
        return quantity.endsWith("m") ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
                : new BigDecimal(quantity).movePointRight(3).longValueExact();
    }

    static long bytes(String quantity) {
        Matcher m = Pattern.compile("^([0-9.]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$").matcher(quantity);
        assertTrue(m.matches(), "a memory quantity: " + quantity);
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValue();
    }
}
