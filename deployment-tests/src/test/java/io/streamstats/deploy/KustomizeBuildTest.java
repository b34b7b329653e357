package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kustomization under k8s/ (base and overlays) builds with the kubectl operators run (kubectl 1.32, kustomize
 * 5.5, {@link Kubectl#BINARY}) and its output passes the Kubernetes schema check. Seeded broken overlays in
 * src/test/resources/broken-overlays prove both halves can fail.
 */
class KustomizeBuildTest {

    static final Path BROKEN = Path.of("src/test/resources/broken-overlays").toAbsolutePath();

    @Test
    void everyKustomizationBuildsWithKubectlAndValidates() throws Exception {
        List<Path> dirs = Kubectl.kustomizations(Manifests.K8S);
        assertTrue(dirs.stream().map(d -> Manifests.K8S.relativize(d).toString()).toList()
                .containsAll(List.of("base", "overlays/dev", "overlays/prod")), dirs.toString());
        List<String> problems = new ArrayList<>();
        for (Path dir : dirs) {
            problems.addAll(buildAndValidate(dir));
        }
        assertEquals(List.of(), problems);
    }

    /** kubectl 1.27 (the oldest Kubernetes the chart supports) … 1.33, installed beside the default one. */
    @Test
    void everyKustomizationBuildsWithEveryKubectlFrom127() throws Exception {
        assertEquals(List.of(), buildWithEveryVersion(Kubectl.kustomizations(Manifests.K8S)));
    }

    /** The old prod overlay: kubectl 1.32 (kustomize 5.5) panics on it, whatever the other versions do. */
    @Test
    void anOverlayOneKubectlVersionCannotBuildFails() throws Exception {
        List<String> problems = buildWithEveryVersion(List.of(BROKEN.resolve("multi-delete")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("kubectl.1.32 ") && p.contains("panic")), problems.toString());
    }

    static List<String> buildWithEveryVersion(List<Path> dirs) throws Exception {
        List<Path> versions;
        try (var files = java.nio.file.Files.list(Kubectl.BINARY.getParent())) {
            versions = files.filter(f -> f.getFileName().toString().matches("kubectl\\.1\\.\\d+")).sorted().toList();
        }
        List<String> names = versions.stream().map(v -> v.getFileName().toString()).toList();
        for (int minor = 27; minor <= 33; minor++) {
            // each version the README promises is built with, not only those that happen to be installed
            assertTrue(names.contains("kubectl.1." + minor), "kubectl.1." + minor + " is required beside "
                    + Kubectl.BINARY + ": " + names);
        }
        List<String> problems = new ArrayList<>();
        for (Path kubectl : versions) {
            for (Path dir : dirs) {
                Kubectl.Result build = Kubectl.run(kubectl, null, List.of("kustomize", dir.toString()));
                if (build.exit() != 0) {
                    problems.add(kubectl.getFileName() + " kustomize " + dir.getFileName() + ": "
                            + Kubectl.firstLines(build.stderr(), 2));
                }
            }
        }
        return problems;
    }

    /** The prod overlay as it was: several `$patch: delete` documents in one file make kustomize 5.5 panic. */
    @Test
    void anOverlayThatPanicsKustomizeFails() throws Exception {
        List<String> problems = buildAndValidate(BROKEN.resolve("multi-delete"));
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("panic"), problems.toString());
    }

    /** An overlay kustomize builds but whose output Kubernetes would refuse (a string minReplicas). */
    @Test
    void anOverlayBuildingAnInvalidObjectFails() throws Exception {
        List<String> problems = buildAndValidate(BROKEN.resolve("invalid-schema"));
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("FAIL") && problems.get(0).contains("HorizontalPodAutoscaler"),
                problems.toString());
    }

    /** Builds dir with kubectl kustomize and validates the output; the problems found (empty when both pass). */
    static List<String> buildAndValidate(Path dir) throws Exception {
        Kubectl.Result build = Kubectl.kustomize(dir);
        if (build.exit() != 0) {
            return List.of("kubectl kustomize " + dir + " failed (exit " + build.exit() + "): "
                    + Kubectl.firstLines(build.stderr(), 3));
        }
        var objects = Manifests.read(build.stdout());
        if (objects.isEmpty()) {
            return List.of("kubectl kustomize " + dir + " built no objects");
        }
        String name = "kustomize-" + dir.getParent().getFileName() + "-" + dir.getFileName() + ".yaml";
        Path built = Manifests.write(name, build.stdout());
        // Prometheus Operator objects (k8s/monitoring) against their CRD schemas, everything else against Kubernetes'
        long operatorObjects = objects.stream()
                .filter(o -> o.path("apiVersion").asText().startsWith("monitoring.coreos.com/")).count();
        if (operatorObjects > 0) {
            CrdValidationTest.Result crds = CrdValidationTest.validate(List.of(built));
            if (crds.exit() != 0) {
                return List.of(dir + " builds objects the CRD schema check refuses:\n" + String.join("\n",
                        crds.output().lines().filter(l -> l.startsWith("FAIL")).toList()));
            }
        }
        if (operatorObjects == objects.size()) {
            return List.of();
        }
        SchemaValidationTest.Result validation = SchemaValidationTest.validate(List.of(built));
        if (validation.exit() != 0) {
            return List.of(dir + " builds objects the schema check refuses:\n" + String.join("\n",
                    validation.output().lines().filter(l -> l.startsWith("FAIL")).toList()));
        }
        return List.of();
    }
}
