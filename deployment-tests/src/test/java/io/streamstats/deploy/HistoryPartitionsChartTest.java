package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The batch's {@code partitions} command runs by itself: every manifest set (chart default, prod, all optional
 * objects, the kustomize base and overlays) has its CronJob with the configured days ahead and retention, and the
 * settle CronJob gets SETTLEMENT_OPEN_DAY_GRACE; values the batch would refuse at run time are refused by the
 * schema at install time.
 */
class HistoryPartitionsChartTest {

    static final String PARTITIONS = "streaming-platform-history-partitions";
    static final String SETTLE = "streaming-platform-settlement";

    private static ObjectNode cronJob(List<ObjectNode> set, String name) {
        return set.stream().filter(o -> o.path("kind").asText().equals("CronJob")
                        && o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no CronJob " + name));
    }

    private static JsonNode container(ObjectNode cronJob) {
        return cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec").path("containers")
                .path(0);
    }

    /** The container's literal env values (valueFrom entries map to null). */
    private static Map<String, String> env(ObjectNode cronJob) {
        Map<String, String> env = new HashMap<>();
        StreamSupport.stream(container(cronJob).path("env").spliterator(), false)
                .forEach(e -> env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : null));
        return env;
    }

    @Test
    void everySetRunsPartitionsOnItsOwnScheduleAndSettleWithTheGrace() {
        for (var set : Manifests.allSets().entrySet()) {
            if (set.getValue().stream().noneMatch(o -> o.path("kind").asText().equals("CronJob"))) {
                continue; // the monitoring kustomization: no workloads
            }
            ObjectNode partitions = cronJob(set.getValue(), PARTITIONS);
            assertEquals("partitions", container(partitions).path("args").path(0).asText(), set.getKey());
            assertEquals("30 1 * * *", partitions.path("spec").path("schedule").asText(), set.getKey());
            assertEquals("Forbid", partitions.path("spec").path("concurrencyPolicy").asText(), set.getKey());
            Map<String, String> env = env(partitions);
            assertEquals("14", env.get("SETTLEMENT_PARTITIONS_AHEAD"), set.getKey());
            assertTrue(env.containsKey("DB_URL") && env.containsKey("DB_PASSWORD"), set.getKey() + ": " + env);
            assertTrue(!env.containsKey("SETTLEMENT_HISTORY_RETENTION_DAYS"), set.getKey() + ": kept forever by default");
            assertEquals("512Mi", container(partitions).path("resources").path("limits").path("memory").asText(),
                    set.getKey());
            assertEquals("PT15M", env(cronJob(set.getValue(), SETTLE)).get("SETTLEMENT_OPEN_DAY_GRACE"), set.getKey());
            assertTrue(!env(cronJob(set.getValue(), SETTLE)).containsKey("SETTLEMENT_PARTITIONS_AHEAD"), set.getKey());
        }
    }

    @Test
    void theValuesReachTheBatch() {
        List<ObjectNode> set = Manifests.read(Manifests.render(null, Map.of("batch.historyPartitions.ahead", 30,
                "batch.historyPartitions.retentionDays", 400, "batch.historyPartitions.schedule", "15 3 * * *",
                "batch.openDayGrace", "PT1H", "batch.historyPartitions.liveDaysKept", 30)));
        ObjectNode partitions = cronJob(set, PARTITIONS);
        assertEquals("15 3 * * *", partitions.path("spec").path("schedule").asText());
        assertEquals("30", env(partitions).get("SETTLEMENT_PARTITIONS_AHEAD"));
        assertEquals("400", env(partitions).get("SETTLEMENT_HISTORY_RETENTION_DAYS"));
        assertEquals("30", env(partitions).get("SETTLEMENT_LIVE_DAYS_KEPT"));
        assertEquals("PT1H", env(cronJob(set, SETTLE)).get("SETTLEMENT_OPEN_DAY_GRACE"));
    }

    /** Seeded: each value the batch refuses (or cannot parse) is refused by the schema, naming the value. */
    @Test
    void valuesTheBatchWouldRefuseAreRefusedAtInstall() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("batch.openDayGrace", "15 minutes"), Map.of("batch.openDayGrace", "-PT15M"),
                Map.of("batch.openDayGrace", "PT"), Map.of("batch.openDayGrace", "P1D"),
                Map.of("batch.historyPartitions.ahead", 0), Map.of("batch.historyPartitions.ahead", 400),
                Map.of("batch.historyPartitions.retentionDays", 0),
                Map.of("batch.historyPartitions.liveDaysKept", 0),
                // the command holds one connection and reads the database clock on another
                Map.of("database.pool.partitions", 1),
                Map.of("batch.historyPartitions.schedule", "30 25 * * *"),
                Map.of("batch.historyPartitions.retention", 30))) {
            String key = bad.keySet().iterator().next();
            var error = assertThrows(IllegalStateException.class, () -> Manifests.render(null, bad), bad.toString());
            String path = "/" + key.replace('.', '/');
            String named = key.endsWith(".retention") ? "retention" : path;
            assertTrue(error.getMessage().contains(named), "expected '" + named + "' in: " + error.getMessage());
        }
        for (String grace : List.of("PT0S", "PT30M", "PT1H30M", "PT90S")) {
            Manifests.render(null, Map.of("batch.openDayGrace", grace));
        }
    }
}
