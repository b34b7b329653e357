package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations run outside the startup budget: every service Deployment (user-service, streaming-service) in
 * every manifest set has an init container that runs the same image with the single argument {@code migrate} and
 * the image's own entrypoint, with the main container's environment, envFrom, volume mounts, security context and
 * resources; and the main container does not migrate at start ({@code PLATFORM_MIGRATE_AT_START=false}).
 */
class MigrationInitTest {

    static final Set<String> SERVICES = Set.of("user-service", "streaming-service");

    @Test
    void everyServiceDeploymentMigratesInAnInitContainerAndNotAtStart() {
        List<String> problems = new ArrayList<>();
        for (var set : Manifests.allSets().entrySet()) {
            check(set.getKey(), set.getValue(), problems);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aDeploymentWithoutTheInitContainerIsFound() {
        assertFound(pod -> pod.remove("initContainers"), "no init container runs 'migrate'");
    }

    @Test
    void anInitContainerOnAnotherImageIsFound() {
        assertFound(pod -> ((ObjectNode) migrate(pod)).put("image", "ghcr.io/example/user-service:older"),
                "runs image ghcr.io/example/user-service:older");
    }

    @Test
    void aMainContainerThatStillMigratesAtStartIsFound() {
        assertFound(pod -> {
            ArrayNode env = (ArrayNode) pod.path("containers").get(0).path("env");
            for (int i = env.size() - 1; i >= 0; i--) {
                if (env.get(i).path("name").asText().equals("PLATFORM_MIGRATE_AT_START")) {
                    env.remove(i);
                }
            }
        }, "migrates at start");
    }

    @Test
    void anInitContainerWithOtherSettingsIsFound() {
        assertFound(pod -> ((ObjectNode) migrate(pod)).remove("envFrom"), "envFrom differs");
        assertFound(pod -> ((ObjectNode) migrate(pod)).remove("securityContext"), "securityContext differs");
        assertFound(pod -> ((ObjectNode) migrate(pod)).putArray("command").add("java"), "overrides the command");
    }

    /** Breaks the user-service pod of the default render and expects the check to report it. */
    private static void assertFound(Consumer<ObjectNode> breakPod, String expected) {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, Map.of()));
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("Deployment") && o.path("metadata").path("name").asText()
                    .endsWith("-user-service")) {
                breakPod.accept((ObjectNode) o.path("spec").path("template").path("spec"));
            }
        }
        List<String> problems = new ArrayList<>();
        check("seeded", objects, problems);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), expected + " not found in " + problems);
    }

    private static JsonNode migrate(JsonNode pod) {
        for (JsonNode init : pod.path("initContainers")) {
            if (init.path("name").asText().equals("migrate")) {
                return init;
            }
        }
        throw new AssertionError("no migrate init container to break");
    }

    static void check(String set, List<ObjectNode> objects, List<String> problems) {
        if (objects.stream().noneMatch(o -> o.path("kind").asText().equals("Deployment"))) {
            return; // a set of other objects only (the monitoring kustomization)
        }
        Set<String> found = new TreeSet<>();
        for (ObjectNode o : objects) {
            if (!o.path("kind").asText().equals("Deployment")) {
                continue;
            }
            JsonNode pod = o.path("spec").path("template").path("spec");
            JsonNode main = pod.path("containers").path(0);
            String service = imageName(main.path("image").asText());
            if (!SERVICES.contains(service)) {
                continue;
            }
            found.add(service);
            String where = set + ": Deployment " + o.path("metadata").path("name").asText();
            if (!"false".equals(envValue(main, "PLATFORM_MIGRATE_AT_START"))) {
                problems.add(where + ": the main container migrates at start (PLATFORM_MIGRATE_AT_START is not false)");
            }
            List<JsonNode> migrations = new ArrayList<>();
            for (JsonNode init : pod.path("initContainers")) {
                if (init.path("args").size() == 1 && init.path("args").get(0).asText().equals("migrate")) {
                    migrations.add(init);
                }
            }
            if (migrations.size() != 1) {
                problems.add(where + ": no init container runs 'migrate' (found " + migrations.size() + ")");
                continue;
            }
            JsonNode init = migrations.get(0);
            if (!init.path("image").equals(main.path("image"))) {
                problems.add(where + ": the migrate init container runs image " + init.path("image").asText()
                        + ", the service " + main.path("image").asText());
            }
            if (init.has("command")) {
                problems.add(where + ": the migrate init container overrides the command (the image's entrypoint must"
                        + " receive the argument)");
            }
            for (String field : List.of("env", "envFrom", "volumeMounts", "securityContext", "resources",
                    "imagePullPolicy")) {
                if (!init.path(field).equals(main.path(field))) {
                    problems.add(where + ": the migrate init container's " + field + " differs from the service's");
                }
            }
        }
        if (!found.equals(SERVICES)) {
            problems.add(set + ": service Deployments found " + found + ", expected " + SERVICES);
        }
    }

    private static String envValue(JsonNode container, String name) {
        for (JsonNode entry : container.path("env")) {
            if (entry.path("name").asText().equals(name)) {
                return entry.path("value").asText(null);
            }
        }
        return null;
    }

    /** {@code registry/owner/user-service:tag} → {@code user-service}. */
    private static String imageName(String image) {
        String withoutTag = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = withoutTag.lastIndexOf('/');
        int colon = withoutTag.lastIndexOf(':');
        return withoutTag.substring(slash + 1, colon > slash ? colon : withoutTag.length());
    }
}
