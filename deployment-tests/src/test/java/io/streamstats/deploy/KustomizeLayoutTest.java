package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * k8s/ read as files: every resource and patch a kustomization lists exists and parses, every patch targets
 * objects of the base, and JSON patches address fields those objects have. ({@link KustomizeBuildTest} builds
 * every kustomization with the real {@code kubectl kustomize}.)
 */
class KustomizeLayoutTest {

    @Test
    void overlaysReferToWhatTheBaseHas() {
        List<ObjectNode> base = Manifests.allSets().get("k8s base");
        List<String> problems = new ArrayList<>();
        for (String overlay : List.of("base", "overlays/dev", "overlays/prod")) {
            Path dir = Manifests.K8S.resolve(overlay);
            JsonNode kustomization = Manifests.read(Manifests.text(dir.resolve("kustomization.yaml"))).get(0);
            for (JsonNode resource : kustomization.path("resources")) {
                if (!Files.exists(dir.resolve(resource.asText()))) {
                    problems.add(overlay + ": missing resource " + resource.asText());
                }
            }
            for (JsonNode image : kustomization.path("images")) {
                if (base.stream().noneMatch(o -> o.toString().contains("\"image\":\"" + image.path("name").asText() + ":"))) {
                    problems.add(overlay + ": image " + image.path("name").asText() + " is used by nothing");
                }
            }
            for (JsonNode patch : kustomization.path("patches")) {
                Path file = dir.resolve(patch.path("path").asText());
                if (!Files.exists(file)) {
                    problems.add(overlay + ": missing patch " + file);
                    continue;
                }
                JsonNode target = patch.path("target");
                List<ObjectNode> targets = base.stream()
                        .filter(o -> target.isMissingNode() || o.path("kind").asText().equals(target.path("kind").asText()))
                        .filter(o -> !target.has("name") || o.path("metadata").path("name").asText()
                                .equals(target.path("name").asText()))
                        .toList();
                if (target.isMissingNode()) {
                    // strategic merge: each document names its target
                    for (ObjectNode doc : Manifests.read(file)) {
                        boolean exists = base.stream().anyMatch(o -> o.path("kind").equals(doc.path("kind"))
                                && o.path("metadata").path("name").equals(doc.path("metadata").path("name")));
                        if (!exists) {
                            problems.add(overlay + ": " + file.getFileName() + " patches missing " + doc.path("kind").asText()
                                    + "/" + doc.path("metadata").path("name").asText());
                        }
                    }
                    continue;
                }
                if (targets.isEmpty()) {
                    problems.add(overlay + ": " + file.getFileName() + " targets nothing in the base");
                }
                for (JsonNode op : jsonPatch(file)) {
                    String path = op.path("path").asText();
                    for (ObjectNode t : targets) {
                        if (t.at(path).isMissingNode()) {
                            problems.add(overlay + ": " + file.getFileName() + " " + path + " not in " + t.path("kind").asText()
                                    + "/" + t.path("metadata").path("name").asText());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    static JsonNode jsonPatch(Path file) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
