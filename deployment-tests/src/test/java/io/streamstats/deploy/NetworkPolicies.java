package io.streamstats.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a TCP connection from one pod to a port of another is allowed by a set of NetworkPolicies, as
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/ defines it: a pod selected by a policy
 * with policyTypes Ingress (Egress) is isolated in that direction and only what some rule of some selecting policy
 * allows gets through; a pod no such policy selects is open. Rules add up. A connection needs the source's egress and
 * the destination's ingress. An ipBlock peer is taken to match every pod (the evaluator has no addresses, so it
 * errs towards "allowed", which the denial checks then catch). Policies must carry their namespace.
 */
final class NetworkPolicies {

    private NetworkPolicies() {
    }

    /** A pod: its namespace (with that namespace's labels), its labels and its named container ports. */
    record Pod(String name, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels,
               Map<String, Integer> namedPorts) {
    }

    static boolean allowed(List<ObjectNode> policies, Pod source, Pod destination, int port) {
        return permits(policies, destination, source, destination, port, "Ingress")
                && permits(policies, source, source, destination, port, "Egress");
    }

    /** Whether the policies selecting {@code subject} for this direction let the connection through. */
    private static boolean permits(List<ObjectNode> policies, Pod subject, Pod source, Pod destination, int port,
                                   String direction) {
        boolean isolated = false;
        for (ObjectNode policy : policies) {
            String namespace = policy.path("metadata").path("namespace").asText();
            if (!namespace.equals(subject.namespace())
                    || !selects(policy.path("spec").path("podSelector"), subject.labels())
                    || !types(policy).contains(direction)) {
                continue;
            }
            isolated = true;
            JsonNode rules = policy.path("spec").path(direction.equals("Ingress") ? "ingress" : "egress");
            Pod peer = direction.equals("Ingress") ? source : destination;
            for (JsonNode rule : rules) {
                JsonNode peers = rule.path(direction.equals("Ingress") ? "from" : "to");
                if (peersMatch(peers, namespace, peer) && portsMatch(rule.path("ports"), destination, port)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    /** policyTypes, or its default: Ingress always, Egress when the policy has egress rules. */
    static List<String> types(JsonNode policy) {
        JsonNode declared = policy.path("spec").path("policyTypes");
        List<String> types = new ArrayList<>();
        if (declared.isArray() && !declared.isEmpty()) {
            declared.forEach(t -> types.add(t.asText()));
        } else {
            types.add("Ingress");
            if (policy.path("spec").has("egress")) {
                types.add("Egress");
            }
        }
        return types;
    }

    /** An empty or missing peer list matches every source (or destination). */
    private static boolean peersMatch(JsonNode peers, String policyNamespace, Pod peer) {
        if (peers.isMissingNode() || peers.isNull() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                return true;
            }
            JsonNode namespaceSelector = p.path("namespaceSelector");
            JsonNode podSelector = p.path("podSelector");
            boolean namespaceOk = namespaceSelector.isMissingNode() || namespaceSelector.isNull()
                    ? peer.namespace().equals(policyNamespace)
                    : selects(namespaceSelector, peer.namespaceLabels());
            boolean podOk = podSelector.isMissingNode() || podSelector.isNull() || selects(podSelector, peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** No ports: every port. A named port resolves against the destination's container ports; endPort gives a range. */
    private static boolean portsMatch(JsonNode ports, Pod destination, int port) {
        if (ports.isMissingNode() || ports.isNull() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equals("TCP")) {
                continue;
            }
            JsonNode value = p.path("port");
            if (value.isMissingNode() || value.isNull()) {
                return true;
            }
            int from = value.isInt() ? value.asInt() : value.asText().matches("\\d+") ? Integer.parseInt(value.asText())
                    : destination.namedPorts().getOrDefault(value.asText(), -1);
            int to = p.has("endPort") ? p.path("endPort").asInt() : from;
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    /** A LabelSelector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) all hold; {} matches all. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
