package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No PodDisruptionBudget blocks a node drain, and none lets a drain take every pod of a multi-replica workload. For
 * each PDB the test takes the workload it selects at its smallest size (the HPA's minReplicas, else replicas) with
 * every pod healthy and computes the disruptions the eviction API allows, as the disruption controller does
 * (https://kubernetes.io/docs/tasks/run-application/configure-pdb/: percentages rounded up): at least one, and at
 * least one pod left when there are two or more. Checked on every render, the e2e install (one replica) included.
 */
class DisruptionBudgetTest {

    @Test
    void noBudgetBlocksADrainOrEmptiesAWorkload() throws IOException {
        List<String> problems = new ArrayList<>();
        int budgets = 0;
        for (var set : PodSecurityTest.sets().entrySet()) {
            for (ObjectNode o : set.getValue()) {
                if (o.path("kind").asText().equals("PodDisruptionBudget")) {
                    budgets++;
                    problems.addAll(check(set.getKey(), set.getValue(), o));
                }
            }
        }
        assertTrue(budgets >= 10, "found the budgets: " + budgets);
        assertEquals(List.of(), problems);
    }

    /** The budgets as they were, minAvailable: 1, on the e2e install's single replicas: every drain waits forever. */
    @Test
    void seededMinAvailableOnOneReplicaBlocksTheDrain() throws IOException {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, ResourceFitTest.e2eInstallValues()));
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("PodDisruptionBudget")) {
                ObjectNode spec = (ObjectNode) o.path("spec");
                spec.remove("maxUnavailable");
                spec.put("minAvailable", 1);
                problems.addAll(check("seeded", objects, o));
            }
        }
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("allows 0 disruptions"), problems.getFirst());
    }

    /** A budget of maxUnavailable: 100% lets a drain evict both pods of the default install at once. */
    @Test
    void seededBudgetThatAllowsEverythingIsReported() {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, Map.of()));
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("PodDisruptionBudget")) {
                ((ObjectNode) o.path("spec")).put("maxUnavailable", "100%");
                problems.addAll(check("seeded", objects, o));
            }
        }
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("leaves 0 of 2"), problems.getFirst());
    }

    static List<String> check(String set, List<ObjectNode> objects, ObjectNode budget) {
        String name = set + ": PodDisruptionBudget " + budget.path("metadata").path("name").asText();
        JsonNode selector = budget.path("spec").path("selector");
        Map<String, Integer> hpaMin = new HashMap<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("HorizontalPodAutoscaler")) {
                JsonNode target = o.path("spec").path("scaleTargetRef");
                hpaMin.put(target.path("kind").asText() + "/" + target.path("name").asText(),
                        o.path("spec").path("minReplicas").asInt(1));
            }
        }
        List<Integer> sizes = new ArrayList<>();
        for (ObjectNode o : objects) {
            String kind = o.path("kind").asText();
            if ((kind.equals("Deployment") || kind.equals("StatefulSet"))) {
                Map<String, String> labels = new HashMap<>();
                o.path("spec").path("template").path("metadata").path("labels").fields()
                        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                if (NetworkPolicies.selects(selector, labels)) {
                    String key = kind + "/" + o.path("metadata").path("name").asText();
                    sizes.add(hpaMin.getOrDefault(key, o.path("spec").path("replicas").asInt(1)));
                }
            }
        }
        if (sizes.size() != 1) {
            return List.of(name + " selects " + sizes.size() + " workloads");
        }
        int pods = sizes.getFirst();
        JsonNode spec = budget.path("spec");
        int desiredHealthy = spec.has("maxUnavailable") ? pods - scaled(spec.path("maxUnavailable"), pods)
                : scaled(spec.path("minAvailable"), pods);
        int allowed = Math.max(0, pods - desiredHealthy);
        List<String> problems = new ArrayList<>();
        if (allowed < 1) {
            problems.add(name + " allows 0 disruptions of " + pods + " pod(s): a drain never finishes");
        }
        if (pods >= 2 && pods - allowed < 1) {
            problems.add(name + " leaves 0 of " + pods + " pods during a drain");
        }
        return problems;
    }

    /** An int-or-percent, percentages of the pod count rounded up. */
    static int scaled(JsonNode value, int pods) {
        if (value.isTextual() && value.asText().endsWith("%")) {
            int percent = Integer.parseInt(value.asText().substring(0, value.asText().length() - 1));
            return (percent * pods + 99) / 100;
        }
        return value.asInt();
    }
}
