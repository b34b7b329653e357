package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every rendered and hand-written object validates against the Kubernetes API schemas, offline: Node with the
 * npm package kubernetes-models (installed from the committed lock file on first run).
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
        if (!Files.isDirectory(SCHEMA.resolve("node_modules/kubernetes-models"))) {
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

    record Result(int exit, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(SCHEMA.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(5, TimeUnit.MINUTES);
        return new Result(process.exitValue(), output);
    }
}
