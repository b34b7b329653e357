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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rendered and hand-written object validates against the Kubernetes API schemas, offline: Node with the
 * npm package kubernetes-models (types, enums, required fields), then a strict pass (schema/strict.mjs: unknown
 * fields at any depth from the OpenAPI field lists of @kubernetes/client-node, CronJob schedules and IANA time
 * zones). Installed from the committed lock file on first run.
 */
class SchemaValidationTest {

    static final Path SCHEMA = Path.of("schema").toAbsolutePath();

    @Test
    void everyObjectMatchesItsKubernetesSchema() throws Exception {
        Result result = validate(Manifests.filesToValidate());
        System.out.println(result.output());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains(" 0 invalid"));
    }

    /** Runs validate.mjs on the files (installing its npm packages first if needed); exit 0 when all are valid. */
    static Result validate(List<Path> files) throws IOException, InterruptedException {
        // a package added to the lock file since the last install also triggers npm ci
        if (!Files.isDirectory(SCHEMA.resolve("node_modules/kubernetes-models"))
                || !Files.isDirectory(SCHEMA.resolve("node_modules/@kubernetes/client-node"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
            assertEquals(0, install.exit(), "npm ci failed:\n" + install.output());
        }
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    @Test
    void aBrokenManifestIsCaught() throws Exception {
        Path broken = Manifests.write("broken.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: "two"
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          ports: [{containerPort: http}]
                """);
        Result result = validate(List.of(broken));
        assertEquals(1, result.exit(), result.output());
    }

    // The strict pass (schema/strict.mjs): what kubernetes-models' validate() lets through but the API server or
    // kubeconform --strict refuse. Each seeded file holds one defect; the output must name it.
    static final Map<String, String> SEEDED = Map.ofEntries(
            Map.entry("unknown-field-top-level.yaml", "/labels: unknown field"),
            Map.entry("unknown-field-in-container.yaml", "/spec/template/spec/containers/0/resource: unknown field"),
            Map.entry("unknown-field-in-cronjob-pod.yaml", "secretKeyRef/optinal: unknown field"),
            Map.entry("bad-cron-four-fields.yaml", "4 fields, expected 5"),
            Map.entry("bad-cron-minute-range.yaml", "minute: \"60\" is outside 0-59"),
            Map.entry("bad-cron-macro.yaml", "unknown descriptor @nightly"),
            Map.entry("bad-cron-weekday-name.yaml", "day of week: cannot read \"MONDAY\""),
            Map.entry("bad-time-zone.yaml", "/spec/timeZone: \"Asia/Seol\" is not an IANA time zone name"),
            Map.entry("bad-time-zone-case.yaml", "\"asia/seoul\" is not an IANA time zone name"),
            Map.entry("bad-time-zone-in-schedule.yaml", "a time zone in the schedule"),
            Map.entry("wrong-enum-image-pull-policy.yaml", "containers/0/imagePullPolicy must be equal to one of the allowed values"),
            Map.entry("wrong-enum-restart-policy.yaml", "spec/restartPolicy must be equal to one of the allowed values"),
            Map.entry("wrong-enum-concurrency-policy.yaml", "spec/concurrencyPolicy must be equal to one of the allowed values"),
            Map.entry("wrong-enum-service-type.yaml", "spec/type must be equal to one of the allowed values"),
            Map.entry("wrong-enum-protocol.yaml", "ports/0/protocol must be equal to one of the allowed values"));

    @TestFactory
    Stream<DynamicTest> seededDefectsAreRefused() throws IOException {
        Path dir = Path.of("src/test/resources/strict-seeded").toAbsolutePath();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(SEEDED.keySet(), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                    "every seeded file has its expected refusal");
        }
        return SEEDED.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Result result = validate(List.of(dir.resolve(e.getKey())));
            assertEquals(1, result.exit(), result.output());
            assertTrue(result.output().contains("FAIL ") && result.output().contains(e.getValue()),
                    "expected '" + e.getValue() + "' in:\n" + result.output());
        }));
    }

    @Test
    void theStrictPassAcceptsWhatTheApiServerAccepts() throws Exception {
        // schedule ranges, steps, names in any case, ?, @daily; zone links (US/Eastern, Etc/UTC); free-form maps
        Result result = validate(List.of(Path.of("src/test/resources/strict-valid.yaml").toAbsolutePath()));
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("4 valid, 0 invalid"), result.output());
    }

    @Test
    void withoutNodeTheCheckFailsInsteadOfSkipping() {
        // the same path a missing node or npm takes: the suite stops with the install hint
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> run(List.of("node-that-is-not-installed", "validate.mjs")));
        assertTrue(error.getMessage().contains("is not installed: the schema checks need Node 18+ and npm"), error.getMessage());
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(SCHEMA.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            // no skipping: without Node and npm nothing is validated, so the suite fails
            throw new AssertionError(command.get(0) + " is not installed: the schema checks need Node 18+ and npm"
                    + " (apt-get install nodejs npm): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(5, TimeUnit.MINUTES);
        return new Result(process.exitValue(), output);
    }
}
