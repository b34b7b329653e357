package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Back-fills stay out of the release's upgrade path: no manifest set holds a plain Job (a Job's pod template is
 * immutable, so a Job in the release breaks the next {@code helm upgrade}), and the back-fill documented in
 * docs/deploy.md — a Job made from the CronJob with {@code kubectl create job --from=cronjob/…}, its arguments
 * patched by {@code kubectl patch --local} — is run here on the rendered CronJob and gives a valid Job that runs
 * the batch CLI's range command.
 */
class BackfillTest {

    static final String FROM = "2026-11-01";
    static final String TO = "2026-11-23";

    @Test
    void noManifestSetHoldsAJobThatAnUpgradeWouldPatch() {
        List<String> problems = new ArrayList<>();
        Manifests.allSets().forEach((set, objects) -> problems.addAll(plainJobs(set, objects)));
        assertEquals(List.of(), problems);
    }

    /** The chart's old back-fill Job, rendered into the release (kept as k8s/jobs/backfill-job.yaml back then). */
    @Test
    void aJobInTheReleaseIsFound() {
        List<ObjectNode> old = Manifests.read(KustomizeBuildTest.BROKEN.resolveSibling("kinds-seeded/jobs/backfill-job.yaml"));
        assertEquals(List.of("old: Job streaming-platform-backfill-2026-11-01 is part of the release"), plainJobs("old", old));
    }

    /** An operator following the old walk-through (`helm upgrade --set batch.backfill.enabled=true`) is stopped. */
    @Test
    void theRemovedBackfillValuesAreRefused() {
        var e = assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of(
                "batch.backfill.enabled", true, "batch.backfill.from", FROM, "batch.backfill.to", TO)));
        assertTrue(e.getMessage().contains("batch.backfill was removed"), e.getMessage());
    }

    @Test
    void theDocumentedBackfillMakesAValidJobFromTheCronJob() throws Exception {
        String block = backfillBlock();
        Matcher cronJob = Pattern.compile("CRONJOB=([a-z0-9-]+)").matcher(block);
        assertTrue(cronJob.find() && block.contains("create job backfill-$FROM --from=cronjob/$CRONJOB"), block);
        assertTrue(block.contains("| kubectl -n $NS create -f -"), "create, not apply: " + block);
        Matcher patch = Pattern.compile("-p '([^']*)'").matcher(
                block.replace("'$FROM'", FROM).replace("'$TO'", TO));
        assertTrue(patch.find(), block);

        for (var set : Manifests.allSets().entrySet()) {
            // k8s/monitoring holds only Prometheus Operator objects (no workload): nothing to back-fill from there
            if (set.getValue().stream().noneMatch(o -> o.path("kind").asText().matches("CronJob|Deployment|StatefulSet"))) {
                continue;
            }
            ObjectNode source = set.getValue().stream()
                    .filter(o -> o.path("kind").asText().equals("CronJob")
                            && o.path("metadata").path("name").asText().equals(cronJob.group(1)))
                    .findFirst().orElseThrow(() -> new AssertionError(set.getKey() + " has no CronJob " + cronJob.group(1)));
            Kubectl.Result patched = Kubectl.run(createJobFrom(source).toString(),
                    List.of("patch", "--local", "-f", "-", "--type=json", "-o", "json", "-p", patch.group(1)));
            assertEquals(0, patched.exit(), patched.stderr());
            ObjectNode job = (ObjectNode) new ObjectMapper().readTree(patched.stdout());

            JsonNode container = job.path("spec").path("template").path("spec").path("containers").path(0);
            assertEquals(List.of("settle", "--from", FROM, "--to", TO),
                    new ObjectMapper().convertValue(container.path("args"), List.class), set.getKey());
            assertEquals(86400, job.path("spec").path("activeDeadlineSeconds").asInt(), set.getKey());
            assertTrue(CrossReferenceTest.batchOptions("settle").containsAll(List.of("--from", "--to")),
                    "the batch CLI's settle takes --from/--to: " + CrossReferenceTest.batchOptions("settle"));
            List<String> problems = new ArrayList<>();
            List<ObjectNode> withJob = new ArrayList<>(set.getValue());
            withJob.add(job);
            CrossReferenceTest.check(set.getKey() + " + backfill", withJob, problems);
            assertEquals(List.of(), problems);
            Path file = Manifests.write("backfill-" + set.getKey().replaceAll("[^a-z0-9]+", "-") + ".json", patched.stdout());
            SchemaValidationTest.Result validation = SchemaValidationTest.validate(List.of(file));
            assertEquals(0, validation.exit(), validation.output());
        }
    }

    static List<String> plainJobs(String set, List<ObjectNode> objects) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals("Job"))
                .filter(o -> !o.path("metadata").path("annotations").has("helm.sh/hook"))
                .map(o -> set + ": Job " + o.path("metadata").path("name").asText() + " is part of the release")
                .toList();
    }

    /** What {@code kubectl create job backfill-FROM --from=cronjob/NAME --dry-run=client -o json} prints. */
    static ObjectNode createJobFrom(ObjectNode cronJob) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode job = json.createObjectNode().put("apiVersion", "batch/v1").put("kind", "Job");
        ObjectNode metadata = job.putObject("metadata").put("name", "backfill-" + FROM);
        JsonNode template = cronJob.path("spec").path("jobTemplate");
        ObjectNode annotations = metadata.putObject("annotations").put("cronjob.kubernetes.io/instantiate", "manual");
        if (template.path("metadata").has("annotations")) {
            annotations.setAll((ObjectNode) template.path("metadata").path("annotations"));
        }
        if (template.path("metadata").has("labels")) {
            metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        }
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }

    static String backfillBlock() {
        String doc = Manifests.text(Manifests.ROOT.resolve("docs/deploy.md"));
        int section = doc.indexOf("## Run a backfill");
        assertTrue(section >= 0, "docs/deploy.md has no 'Run a backfill' section");
        int start = doc.indexOf("```sh\n", section);
        return doc.substring(start, doc.indexOf("```\n", start + 6));
    }

}
