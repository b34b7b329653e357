package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the chart passes to the containers beyond its own values (extraEnv), and how the batch's Jobs treat a failed
 * pod: the exit codes a retry cannot change fail the Job at once, an eviction is retried without counting.
 */
class ChartEnvAndJobsTest {

    /** name → value of a container's env entries that carry a value. */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return env;
    }

    static List<JsonNode> containers(List<ObjectNode> objects, String kind, String nameSuffix) {
        List<JsonNode> containers = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().endsWith(nameSuffix)) {
                JsonNode spec = kind.equals("CronJob")
                        ? o.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                        : o.path("spec").path("template").path("spec");
                spec.path("initContainers").forEach(containers::add);
                spec.path("containers").forEach(containers::add);
            }
        }
        return containers;
    }

    @Test
    void extraEnvReachesEveryContainerOfItsComponentAsStrings() {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, Map.of(
                "streamingService.extraEnv.STREAMING_REPLICA_FALLBACK", false,
                "streamingService.extraEnv.STREAMING_VIEWER_LIMIT_REQUESTS_PER_SECOND", 50,
                "userService.extraEnv.PLATFORM_LOGIN_THROTTLE_ADDRESS_FAILURE_BURST", "30",
                "batch.extraEnv.SETTLEMENT_AGGREGATE_PAUSE_MS", 0)));
        List<JsonNode> streaming = containers(objects, "Deployment", "-streaming-service");
        assertEquals(2, streaming.size(), "migrate and the service");
        for (JsonNode c : streaming) {
            assertEquals("false", env(c).get("STREAMING_REPLICA_FALLBACK"), c.toString());
            assertEquals("50", env(c).get("STREAMING_VIEWER_LIMIT_REQUESTS_PER_SECOND"), c.toString());
            assertEquals(null, env(c).get("PLATFORM_LOGIN_THROTTLE_ADDRESS_FAILURE_BURST"), "user-service's only");
        }
        for (JsonNode c : containers(objects, "Deployment", "-user-service")) {
            assertEquals("30", env(c).get("PLATFORM_LOGIN_THROTTLE_ADDRESS_FAILURE_BURST"), c.toString());
            assertEquals(null, env(c).get("STREAMING_REPLICA_FALLBACK"));
        }
        List<JsonNode> batch = new ArrayList<>(containers(objects, "CronJob", "-settlement"));
        batch.addAll(containers(objects, "CronJob", "-history-partitions"));
        assertEquals(2, batch.size());
        for (JsonNode c : batch) {
            assertEquals("0", env(c).get("SETTLEMENT_AGGREGATE_PAUSE_MS"), c.toString());
        }
        // nothing extra by default
        List<ObjectNode> defaults = Manifests.read(Manifests.render(null, Map.of()));
        assertTrue(containers(defaults, "Deployment", "-streaming-service").stream()
                .noneMatch(c -> env(c).containsKey("STREAMING_REPLICA_FALLBACK")));
    }

    /** Numbers from a values file arrive as float64: integers are written as integers, not as 1e+06. */
    @Test
    void numbersFromAValuesFileAreWrittenAsTheyRead() throws java.io.IOException {
        java.nio.file.Path values = java.nio.file.Files.createTempFile("extra-env", ".yaml");
        java.nio.file.Files.writeString(values, """
                userService:
                  extraEnv:
                    PLATFORM_SIGNUP_THROTTLE_BURST: 1000000
                    PLATFORM_LOGIN_THROTTLE_ADDRESS_FAILURE_BURST: 20
                streamingService:
                  extraEnv:
                    SOME_RATIO: 0.5
                    STREAMING_REPLICA_FALLBACK: false
                """);
        List<ObjectNode> objects = Manifests.read(Manifests.render(values, Map.of()));
        for (JsonNode c : containers(objects, "Deployment", "-user-service")) {
            assertEquals("1000000", env(c).get("PLATFORM_SIGNUP_THROTTLE_BURST"), c.toString());
            assertEquals("20", env(c).get("PLATFORM_LOGIN_THROTTLE_ADDRESS_FAILURE_BURST"));
        }
        for (JsonNode c : containers(objects, "Deployment", "-streaming-service")) {
            assertEquals("0.5", env(c).get("SOME_RATIO"));
            assertEquals("false", env(c).get("STREAMING_REPLICA_FALLBACK"));
        }
    }

    /** JBeret's pool takes every partition of a step at once: above 16 partitions the chart raises it. */
    @Test
    void theBatchGetsAThreadPerPartition() {
        Map<String, String> defaults = env(containers(Manifests.read(Manifests.render(null, Map.of())), "CronJob",
                "-settlement").getFirst());
        assertEquals("16", defaults.get("SETTLEMENT_MAX_THREADS"));
        Map<String, String> wide = env(containers(Manifests.read(Manifests.render(null, Map.of("batch.partitions", 32,
                "database.pool.batch", 34))), "CronJob", "-settlement").getFirst());
        assertEquals("34", wide.get("SETTLEMENT_MAX_THREADS"));
    }

    /**
     * The batch's JVM, run with the chart's options, exits with a code of its own when it runs out of memory (3, from
     * -XX:+ExitOnOutOfMemoryError): that exit must not read as one of the batch's final answers (2, 4), which fail the
     * Job at once under a cause that is not the real one.
     */
    @Test
    void runningOutOfMemoryIsNotReadAsAnExitARetryCannotChange() throws Exception {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, Map.of()));
        JsonNode batch = containers(objects, "CronJob", "-settlement").getFirst();
        String javaOpts = env(batch).get("JAVA_OPTS_APPEND");
        assertTrue(javaOpts.contains("-XX:+ExitOnOutOfMemoryError"), javaOpts);
        Path program = Files.writeString(Files.createTempFile("oom", ".java"), """
                public class Oom {
                    public static void main(String[] args) {
                        java.util.List<long[]> kept = new java.util.ArrayList<>();
                        while (true) {
                            kept.add(new long[1 << 20]);
                        }
                    }
                }
                """);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(javaOpts.split(" ")));
        command.addAll(List.of("-Xmx32m", program.toString()));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes());
        int exit = jvm.waitFor();
        Files.delete(program);
        assertTrue(out.contains("OutOfMemoryError"), out);

        ObjectNode cronJob = objects.stream().filter(o -> o.path("kind").asText().equals("CronJob")
                && o.path("metadata").path("name").asText().endsWith("-settlement")).findFirst().orElseThrow();
        JsonNode finalExits = cronJob.path("spec").path("jobTemplate").path("spec").path("podFailurePolicy")
                .path("rules").get(0).path("onExitCodes").path("values");
        assertTrue(finalExits.isArray() && finalExits.size() > 0, cronJob.toString());
        for (JsonNode code : finalExits) {
            assertTrue(code.asInt() != exit, "the JVM's out-of-memory exit " + exit + " fails the Job at once as if it"
                    + " were the batch's own answer: " + finalExits);
        }
    }

    @Test
    void exitCodesARetryCannotChangeFailTheJobAtOnce() {
        int cronJobs = 0;
        for (var set : Manifests.allSets().entrySet()) {
            for (ObjectNode o : set.getValue()) {
                if (!o.path("kind").asText().equals("CronJob")) {
                    continue;
                }
                cronJobs++;
                String where = set.getKey() + " " + o.path("metadata").path("name").asText();
                JsonNode rules = o.path("spec").path("jobTemplate").path("spec").path("podFailurePolicy").path("rules");
                assertEquals(2, rules.size(), where);
                assertEquals("FailJob", rules.get(0).path("action").asText(), where);
                assertEquals("settlement-batch", rules.get(0).path("onExitCodes").path("containerName").asText(), where);
                assertEquals("In", rules.get(0).path("onExitCodes").path("operator").asText(), where);
                assertEquals("[2,4]", rules.get(0).path("onExitCodes").path("values").toString(), where);
                assertEquals("Ignore", rules.get(1).path("action").asText(), where);
                assertEquals("DisruptionTarget", rules.get(1).path("onPodConditions").get(0).path("type").asText(), where);
                // a podFailurePolicy needs pods that are never restarted in place
                assertEquals("Never", o.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                        .path("restartPolicy").asText(), where);
            }
        }
        assertTrue(cronJobs >= 10, "CronJobs checked: " + cronJobs);
    }
}
