package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * References between objects, and between objects and the services' own configuration, hold in every manifest
 * set: selectors find pods, ports match, probes hit the services' health endpoints, the Ingress reaches existing
 * Services, the CronJob runs a command the batch has, and every ConfigMap / Secret key a pod reads exists.
 */
class CrossReferenceTest {

    /** The Secret contract (values.yaml, docs/deploy.md): names by suffix, and their keys. */
    static final Map<String, Set<String>> SECRET_KEYS = Map.of(
            "-db", Set.of("password", "root-password", "replication-password"),
            "-jwt", Set.of("private-key.pem", "public-key.pem"),
            "-internal", Set.of("internal-api-key"));

    static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    static final Map<String, String> MODULE_OF_IMAGE = Map.of("user-service", "user-service",
            "streaming-service", "streaming-service", "settlement-batch", "settlement-batch");

    /** The Ingress's routes (DESIGN §6, the creator studio page): path prefix → the service it reaches. */
    static final Map<String, String> ROUTES = Map.of("/api/users", "user-service", "/api/auth", "user-service",
            "/api/videos", "streaming-service", "/api/stats", "streaming-service",
            "/api/settlements", "streaming-service", "/studio", "streaming-service");

    @Test
    void everySetIsConsistent() {
        List<String> problems = new ArrayList<>();
        for (var set : Manifests.allSets().entrySet()) {
            check(set.getKey(), set.getValue(), problems);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aBrokenReferenceIsFound() {
        List<ObjectNode> objects = Manifests.allSets().get("helm default");
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("Service") && o.path("metadata").path("name").asText().endsWith("user-service")) {
                ((ObjectNode) o.path("spec").path("selector")).put("app.kubernetes.io/name", "typo");
            }
        }
        List<String> problems = new ArrayList<>();
        check("mutated", objects, problems);
        assertTrue(problems.stream().anyMatch(p -> p.contains("selects no pods")), problems.toString());
    }

    @Test
    void aMissingStudioRouteIsFound() {
        List<ObjectNode> objects = Manifests.allSets().get("helm default");
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("Ingress")) {
                for (JsonNode rule : o.path("spec").path("rules")) {
                    var paths = (com.fasterxml.jackson.databind.node.ArrayNode) rule.path("http").path("paths");
                    for (int i = paths.size() - 1; i >= 0; i--) {
                        if (paths.get(i).path("path").asText().equals("/studio")) {
                            paths.remove(i);
                        }
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        check("mutated", objects, problems);
        assertTrue(problems.contains("mutated: the Ingress routes /studio to nothing, not streaming-service"),
                problems.toString());
    }

    static void check(String set, List<ObjectNode> objects, List<String> problems) {
        Map<String, ObjectNode> services = byKind(objects, "Service");
        Map<String, ObjectNode> configMaps = byKind(objects, "ConfigMap");
        Map<String, ObjectNode> secrets = byKind(objects, "Secret");
        List<JsonNode> podSpecs = new ArrayList<>();
        Map<JsonNode, JsonNode> podLabels = new HashMap<>();
        for (ObjectNode o : objects) {
            JsonNode template = switch (o.path("kind").asText()) {
                case "Deployment", "StatefulSet", "Job" -> o.path("spec").path("template");
                case "CronJob" -> o.path("spec").path("jobTemplate").path("spec").path("template");
                default -> null;
            };
            if (template != null) {
                podSpecs.add(template.path("spec"));
                podLabels.put(template.path("spec"), template.path("metadata").path("labels"));
                JsonNode selector = o.path("spec").path("selector").path("matchLabels");
                if (!selector.isMissingNode() && !contains(template.path("metadata").path("labels"), selector)) {
                    problems.add(set + ": " + name(o) + " selector does not match its own pod labels");
                }
            }
        }
        // Services select pods, and their target ports exist there
        for (ObjectNode service : services.values()) {
            JsonNode selector = service.path("spec").path("selector");
            List<JsonNode> selected = podSpecs.stream().filter(p -> contains(podLabels.get(p), selector)).toList();
            if (selected.isEmpty()) {
                problems.add(set + ": Service " + name(service) + " selects no pods");
                continue;
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                String target = port.path("targetPort").asText();
                boolean found = selected.stream().flatMap(p -> stream(p.path("containers")))
                        .flatMap(c -> stream(c.path("ports")))
                        .anyMatch(cp -> cp.path("name").asText().equals(target)
                                || cp.path("containerPort").asText().equals(target));
                if (!found) {
                    problems.add(set + ": Service " + name(service) + " targets port " + target + " no container has");
                }
            }
        }
        // the contract's routes, where the set has Ingresses: each path prefix to its service
        Map<String, String> routed = new HashMap<>();
        for (ObjectNode ingress : byKind(objects, "Ingress").values()) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    routed.put(path.path("path").asText(), path.path("backend").path("service").path("name").asText());
                }
            }
        }
        if (!routed.isEmpty()) {
            for (var route : new java.util.TreeMap<>(ROUTES).entrySet()) {
                String backend = routed.get(route.getKey());
                if (backend == null || !backend.endsWith("-" + route.getValue())) {
                    problems.add(set + ": the Ingress routes " + route.getKey() + " to "
                            + (backend == null ? "nothing" : backend) + ", not " + route.getValue());
                }
            }
        }
        // Ingress backends are existing Services and ports
        for (ObjectNode ingress : byKind(objects, "Ingress").values()) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    ObjectNode service = services.get(backend.path("name").asText());
                    if (service == null) {
                        problems.add(set + ": Ingress path " + path.path("path").asText() + " names no Service");
                    } else if (stream(service.path("spec").path("ports"))
                            .noneMatch(p -> p.path("port").asInt() == backend.path("port").path("number").asInt())) {
                        problems.add(set + ": Ingress path " + path.path("path").asText() + " uses a port its Service lacks");
                    }
                }
            }
        }
        for (JsonNode pod : podSpecs) {
            for (JsonNode container : pod.path("containers")) {
                String image = container.path("image").asText();
                String module = MODULE_OF_IMAGE.keySet().stream().filter(m -> image.contains("/" + m + ":"))
                        .findFirst().orElse(null);
                checkProbes(set, container, module, problems);
                checkEnvironment(set, container, module, configMaps, secrets, problems);
                if ("settlement-batch".equals(module)) {
                    String command = container.path("args").path(0).asText();
                    if (!batchCommands().contains(command)) {
                        problems.add(set + ": batch container runs '" + command + "', not a command of the batch CLI "
                                + batchCommands());
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                String cm = volume.path("configMap").path("name").asText(null);
                if (cm != null && !configMaps.containsKey(cm)) {
                    problems.add(set + ": volume uses missing ConfigMap " + cm);
                }
                JsonNode secret = volume.path("secret");
                if (!secret.isMissingNode()) {
                    for (JsonNode item : secret.path("items")) {
                        checkSecretKey(set, secret.path("secretName").asText(), item.path("key").asText(), secrets, problems);
                    }
                }
            }
        }
    }

    static void checkProbes(String set, JsonNode container, String module, List<String> problems) {
        if (module == null || module.equals("settlement-batch")) {
            return;
        }
        Set<String> portNames = new HashSet<>();
        int containerPort = 0;
        for (JsonNode p : container.path("ports")) {
            portNames.add(p.path("name").asText());
            containerPort = p.path("containerPort").asInt();
        }
        int configured = Integer.parseInt(property(module, "quarkus.http.port"));
        if (containerPort != configured) {
            problems.add(set + ": " + module + " container port " + containerPort + " but the service listens on "
                    + configured + " (application.properties)");
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode http = container.path(probe).path("httpGet");
            if (http.isMissingNode()) {
                problems.add(set + ": " + module + " has no " + probe);
            } else if (!HEALTH.contains(http.path("path").asText()) || !portNames.contains(http.path("port").asText())) {
                problems.add(set + ": " + module + " " + probe + " " + http + " is not a health endpoint of the service");
            }
        }
        if (!Manifests.text(Manifests.ROOT.resolve(module + "/pom.xml")).contains("quarkus-smallrye-health")) {
            problems.add(module + " does not serve /q/health (no quarkus-smallrye-health)");
        }
    }

    /** Every variable a container sets is one its application reads; every key it reads exists. */
    static void checkEnvironment(String set, JsonNode container, String module, Map<String, ObjectNode> configMaps,
                                 Map<String, ObjectNode> secrets, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (JsonNode env : container.path("env")) {
            names.add(env.path("name").asText());
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                checkSecretKey(set, ref.path("name").asText(), ref.path("key").asText(), secrets, problems);
            }
        }
        for (JsonNode from : container.path("envFrom")) {
            String cm = from.path("configMapRef").path("name").asText(null);
            if (cm != null) {
                if (!configMaps.containsKey(cm)) {
                    problems.add(set + ": envFrom missing ConfigMap " + cm);
                } else {
                    configMaps.get(cm).path("data").fieldNames().forEachRemaining(names::add);
                }
            }
        }
        if (module == null) {
            return;
        }
        String properties = Manifests.text(Manifests.ROOT.resolve(module + "/src/main/resources/application.properties"));
        for (String name : names) {
            boolean read = properties.contains("${" + name + "}") || properties.contains("${" + name + ":")
                    || name.startsWith("QUARKUS_") || name.equals("JAVA_OPTS_APPEND");
            // the ConfigMap is shared: a key only has to be read by some service
            if (!read && container.path("env").findValuesAsText("name").contains(name)) {
                problems.add(set + ": " + module + " is given " + name + " but its configuration never reads it");
            }
        }
    }

    static void checkSecretKey(String set, String secret, String key, Map<String, ObjectNode> secrets,
                               List<String> problems) {
        String suffix = SECRET_KEYS.keySet().stream().filter(secret::endsWith).findFirst().orElse(null);
        if (suffix == null || !SECRET_KEYS.get(suffix).contains(key)) {
            problems.add(set + ": Secret " + secret + " key " + key + " is not in the documented Secret contract");
        }
        ObjectNode defined = secrets.get(secret);
        if (defined != null && !defined.path("stringData").has(key) && !defined.path("data").has(key)) {
            problems.add(set + ": Secret " + secret + " has no key " + key);
        }
    }

    static final java.nio.file.Path BATCH_CLI = Manifests.ROOT.resolve("settlement-batch/src/main/java/io/streamstats/batch/cli");

    /** The batch image's commands: the picocli subcommands its top command (BatchMain) declares, by their names. */
    static Set<String> batchCommands() {
        return batchCommandSources().keySet();
    }

    /** The options a command of the batch CLI declares ({@code @Option(names = ...)} in its class). */
    static Set<String> batchOptions(String command) {
        String source = batchCommandSources().get(command);
        Set<String> options = new HashSet<>();
        if (source != null) {
            Matcher names = Pattern.compile("@Option\\(names\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")").matcher(source);
            while (names.find()) {
                Matcher name = Pattern.compile("\"(-[^\"]+)\"").matcher(names.group(1));
                while (name.find()) {
                    options.add(name.group(1));
                }
            }
        }
        return options;
    }

    private static Map<String, String> batchCommandSources() {
        String main = Manifests.text(BATCH_CLI.resolve("BatchMain.java"));
        Matcher list = Pattern.compile("subcommands\\s*=\\s*\\{([^}]*)}").matcher(main);
        if (!list.find()) {
            throw new IllegalStateException("BatchMain declares no picocli subcommands");
        }
        Map<String, String> commands = new HashMap<>();
        Matcher type = Pattern.compile("([A-Za-z0-9_]+)\\.class").matcher(list.group(1));
        while (type.find()) {
            String source = Manifests.text(BATCH_CLI.resolve(type.group(1) + ".java"));
            Matcher name = Pattern.compile("@Command\\(name\\s*=\\s*\"([a-z-]+)\"").matcher(source);
            if (!name.find()) {
                throw new IllegalStateException(type.group(1) + " has no @Command(name = ...)");
            }
            commands.put(name.group(1), source);
        }
        return commands;
    }

    static String property(String module, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(
                Manifests.text(Manifests.ROOT.resolve(module + "/src/main/resources/application.properties")));
        if (!m.find()) {
            throw new IllegalStateException(module + " has no " + key);
        }
        return m.group(1).trim();
    }

    static Map<String, ObjectNode> byKind(List<ObjectNode> objects, String kind) {
        Map<String, ObjectNode> map = new HashMap<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals(kind)) {
                map.put(o.path("metadata").path("name").asText(), o);
            }
        }
        return map;
    }

    static boolean contains(JsonNode labels, JsonNode selector) {
        if (selector == null || selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    static String name(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

}
