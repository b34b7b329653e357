package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rendered NetworkPolicies let exactly the platform's traffic through, evaluated ({@link NetworkPolicies}) for
 * every pair of pods — the release's own, the Ingress controller, Prometheus, a debug pod in the release's namespace,
 * a pod elsewhere, a pod elsewhere wearing the platform's labels — and every port of each destination plus one it
 * does not declare:
 * <ul>
 *   <li>user-service's HTTP port: the Ingress controller, streaming-service, Prometheus;</li>
 *   <li>streaming-service's HTTP port: the Ingress controller, Prometheus;</li>
 *   <li>MySQL (primary and replica) on 3306: user-service, streaming-service, the settlement batch, the MySQL
 *       replica (replication);</li>
 *   <li>nothing else (the batch is reached by nothing).</li>
 * </ul>
 * Egress is not restricted by the chart; the evaluator still applies egress rules a set might add.
 */
class NetworkPolicyTest {

    static final Path SEEDED = Path.of("src/test/resources/network-policy-seeded/too-open.yaml").toAbsolutePath();
    /** A port no pod of the platform declares: open on none. */
    static final int UNDECLARED = 9999;

    /** Who may reach a component's declared ports; every other source and port is denied. */
    static final Map<String, Set<String>> MATRIX = Map.of(
            "user-service", Set.of("ingress-controller", "streaming-service", "prometheus"),
            "streaming-service", Set.of("ingress-controller", "prometheus"),
            "mysql-primary", Set.of("user-service", "streaming-service", "settlement-batch", "mysql-replica"),
            "mysql-replica", Set.of("user-service", "streaming-service", "settlement-batch", "mysql-replica"),
            "settlement-batch", Set.of());

    @Test
    void everySetAllowsExactlyThePlatformsTraffic() throws IOException {
        List<String> problems = new ArrayList<>();
        for (var set : PodSecurityTest.sets().entrySet()) {
            List<ObjectNode> objects = set.getValue();
            if (PodSecurity.podTemplates(set.getKey(), objects).isEmpty()) {
                continue; // monitoring objects only
            }
            assertTrue(objects.stream().anyMatch(o -> o.path("kind").asText().equals("NetworkPolicy")),
                    set.getKey() + " renders NetworkPolicies");
            problems.addAll(check(set.getKey(), objects, List.of()));
        }
        assertEquals(List.of(), problems);
    }

    /** The Ingress controller's and Prometheus' namespaces come from values. */
    @Test
    void theControllerAndPrometheusNamespacesAreValues() {
        String rendered = Manifests.render(null, Map.of(
                "networkPolicy.ingressController.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "edge",
                "networkPolicy.ingressController.podSelector.matchLabels.app\\.kubernetes\\.io/name", "ingress-nginx",
                "networkPolicy.prometheus.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "observability"));
        List<ObjectNode> objects = Manifests.read(rendered);
        List<ObjectNode> policies = policies(namespace(objects), objects);
        Pods pods = pods(objects);
        var user = pods.platform.get("user-service");
        int port = user.namedPorts().get("http");
        assertFalse(NetworkPolicies.allowed(policies, pods.ingressController, user, port), "ingress-nginx is no longer it");
        var edge = new NetworkPolicies.Pod("edge controller", "edge", Map.of("kubernetes.io/metadata.name", "edge"),
                Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
        var edgeOther = new NetworkPolicies.Pod("edge other", "edge", Map.of("kubernetes.io/metadata.name", "edge"),
                Map.of("app.kubernetes.io/name", "something-else"), Map.of());
        var observability = new NetworkPolicies.Pod("prometheus", "observability",
                Map.of("kubernetes.io/metadata.name", "observability"), Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
        assertTrue(NetworkPolicies.allowed(policies, edge, user, port));
        assertFalse(NetworkPolicies.allowed(policies, edgeOther, user, port), "the pod selector narrows the namespace");
        assertTrue(NetworkPolicies.allowed(policies, observability, user, port));
        assertFalse(NetworkPolicies.allowed(policies, pods.prometheus, user, port));
        assertThrows(IllegalStateException.class, () -> Manifests.render(null,
                Map.of("networkPolicy.prometheus.namespaceSelector.matchNames", "monitoring")), "the schema refuses");
    }

    /** Without the policies every pod is open: the check reports it (the switch really removes them). */
    @Test
    void disabledPoliciesFailTheMatrix() {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, Map.of("networkPolicy.enabled", false)));
        assertTrue(objects.stream().noneMatch(o -> o.path("kind").asText().equals("NetworkPolicy")));
        List<String> problems = check("disabled", objects, List.of());
        assertTrue(problems.contains("disabled: debug -> mysql-primary:3306 allowed, expected denied"), problems.toString());
    }

    /** Each seeded policy, added alone to the default render, is caught for the connection it opens. */
    @Test
    void seededTooOpenPoliciesFail() {
        List<ObjectNode> defaults = Manifests.read(Manifests.render(null, Map.of()));
        List<ObjectNode> seeded = Manifests.read(SEEDED);
        assertEquals(4, seeded.size());
        for (ObjectNode policy : seeded) {
            String opens = policy.path("metadata").path("annotations").path("seeded.streamstats.io/opens").asText();
            List<String> problems = check("seeded", defaults, List.of(policy));
            assertTrue(problems.contains("seeded: " + opens + " allowed, expected denied"),
                    policy.path("metadata").path("name").asText() + ": " + problems);
        }
    }

    /** A policy that forgets streaming-service as a caller of user-service breaks revocation polling: reported too. */
    @Test
    void aTooNarrowPolicyFails() {
        List<ObjectNode> objects = Manifests.read(Manifests.render(null, Map.of()));
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("NetworkPolicy") && o.path("metadata").path("name").asText().endsWith("-user-service")) {
                var from = (com.fasterxml.jackson.databind.node.ArrayNode) o.path("spec").path("ingress").get(0).path("from");
                from.remove(1);
            }
        }
        List<String> problems = check("narrow", objects, List.of());
        assertEquals(List.of("narrow: streaming-service -> user-service:8081 denied, expected allowed"), problems);
    }

    record Pods(Map<String, NetworkPolicies.Pod> platform, NetworkPolicies.Pod ingressController,
                NetworkPolicies.Pod prometheus, List<NetworkPolicies.Pod> others) {
    }

    /** The set's namespace: the one its objects name (kustomize builds), else the one the chart is rendered into. */
    static String namespace(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("metadata").path("namespace").asText(""))
                .filter(n -> !n.isEmpty()).findFirst().orElse("streaming-platform");
    }

    static Pods pods(List<ObjectNode> objects) {
        String namespace = namespace(objects);
        Map<String, String> namespaceLabels = new HashMap<>(Map.of("kubernetes.io/metadata.name", namespace));
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("Namespace") && o.path("metadata").path("name").asText().equals(namespace)) {
                o.path("metadata").path("labels").fields().forEachRemaining(e -> namespaceLabels.put(e.getKey(), e.getValue().asText()));
            }
        }
        Map<String, NetworkPolicies.Pod> platform = new LinkedHashMap<>();
        for (var template : PodSecurity.podTemplates("", objects)) {
            Map<String, String> labels = new HashMap<>();
            template.metadata().path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            Map<String, Integer> ports = new HashMap<>();
            for (var c : PodSecurity.containers(template.spec())) {
                for (JsonNode p : c.node().path("ports")) {
                    ports.put(p.path("name").asText(String.valueOf(p.path("containerPort").asInt())), p.path("containerPort").asInt());
                }
            }
            String component = labels.get("app.kubernetes.io/name");
            assertTrue(MATRIX.containsKey(component), "a pod the traffic matrix does not know: " + template.where() + " " + labels);
            platform.put(component, new NetworkPolicies.Pod(component, namespace, namespaceLabels, labels, ports));
        }
        var ingress = new NetworkPolicies.Pod("ingress-controller", "ingress-nginx",
                Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"), Map.of());
        var prometheus = new NetworkPolicies.Pod("prometheus", "monitoring", Map.of("kubernetes.io/metadata.name", "monitoring"),
                Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
        var debug = new NetworkPolicies.Pod("debug", namespace, namespaceLabels, Map.of("run", "debug"), Map.of());
        var other = new NetworkPolicies.Pod("other-namespace", "default", Map.of("kubernetes.io/metadata.name", "default"),
                Map.of("app", "other"), Map.of());
        // wears the labels of user-service in a namespace its owner controls
        var impostor = new NetworkPolicies.Pod("impostor", "default", Map.of("kubernetes.io/metadata.name", "default"),
                platform.getOrDefault("user-service", debug).labels(), Map.of());
        return new Pods(platform, ingress, prometheus, List.of(debug, other, impostor));
    }

    /** The set's NetworkPolicies (plus extra ones), each placed in the set's namespace when it names none. */
    static List<ObjectNode> policies(String namespace, List<ObjectNode> objects) {
        List<ObjectNode> policies = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("NetworkPolicy")) {
                ObjectNode copy = o.deepCopy();
                if (copy.path("metadata").path("namespace").asText("").isEmpty()) {
                    ((ObjectNode) copy.path("metadata")).put("namespace", namespace);
                }
                policies.add(copy);
            }
        }
        return policies;
    }

    /** Every source against every destination port: a line per connection whose verdict differs from the matrix. */
    static List<String> check(String set, List<ObjectNode> objects, List<ObjectNode> extraPolicies) {
        List<ObjectNode> all = new ArrayList<>(objects);
        all.addAll(extraPolicies);
        List<ObjectNode> policies = policies(namespace(objects), all);
        Pods pods = pods(objects);
        assertTrue(pods.platform.containsKey("user-service") && pods.platform.containsKey("streaming-service")
                && pods.platform.containsKey("settlement-batch"), set + ": the services and the batch are there");
        List<NetworkPolicies.Pod> sources = new ArrayList<>(pods.platform.values());
        sources.add(pods.ingressController);
        sources.add(pods.prometheus);
        sources.addAll(pods.others);
        List<String> problems = new ArrayList<>();
        for (var destination : pods.platform.values()) {
            List<Integer> ports = new ArrayList<>(destination.namedPorts().values());
            ports.add(UNDECLARED);
            for (int port : ports) {
                for (var source : sources) {
                    if (source == destination) {
                        continue;
                    }
                    boolean expected = port != UNDECLARED && MATRIX.get(destination.name()).contains(source.name());
                    boolean actual = NetworkPolicies.allowed(policies, source, destination, port);
                    if (expected != actual) {
                        problems.add("%s: %s -> %s:%d %s, expected %s".formatted(set, source.name(), destination.name(),
                                port, actual ? "allowed" : "denied", expected ? "allowed" : "denied"));
                    }
                }
            }
        }
        return problems;
    }
}
