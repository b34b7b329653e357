package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every pod template of every manifest set (chart renders with default, prod, every optional object, the e2e
 * install's flags; k8s/base and every kustomize build) passes the Pod Security Standards "restricted" profile
 * ({@link PodSecurity}), init containers included, and the namespaces k8s/ creates enforce it.
 */
class PodSecurityTest {

    static final Path SEEDED = Path.of("src/test/resources/pod-security-seeded/pods.yaml").toAbsolutePath();
    static final String VIOLATES = "seeded.streamstats.io/violates";

    /** The sets of {@link Manifests#allSets()} plus the e2e install. */
    static Map<String, List<ObjectNode>> sets() throws IOException {
        Map<String, List<ObjectNode>> sets = new LinkedHashMap<>(Manifests.allSets());
        sets.put("helm e2e", Manifests.read(Manifests.render(null, ResourceFitTest.e2eInstallValues())));
        return sets;
    }

    @Test
    void everyPodTemplateIsRestricted() throws IOException {
        List<String> problems = new ArrayList<>();
        int pods = 0;
        int setsWithPods = 0;
        for (var set : sets().entrySet()) {
            // a set of monitoring objects only has none
            List<PodSecurity.PodTemplate> templates = PodSecurity.podTemplates(set.getKey(), set.getValue());
            setsWithPods += templates.isEmpty() ? 0 : 1;
            pods += templates.size();
            templates.forEach(t -> problems.addAll(PodSecurity.violations(t)));
        }
        assertTrue(setsWithPods >= 9 && pods > 20, "found the pod templates: " + setsWithPods + " sets, " + pods + " pods");
        assertEquals(List.of(), problems, "Pod Security Standards \"restricted\" violations");
    }

    /** The platform's own JVM containers (images from Jib) run with a read-only root filesystem and a writable /tmp. */
    @Test
    void platformContainersHaveAReadOnlyRootAndAWritableTmp() throws IOException {
        List<String> problems = new ArrayList<>();
        for (var set : sets().entrySet()) {
            for (var pod : PodSecurity.podTemplates(set.getKey(), set.getValue())) {
                problems.addAll(readOnlyRoot(pod));
            }
        }
        assertEquals(List.of(), problems);
    }

    /** No pod of the release talks to the Kubernetes API, so none gets a service-account token mounted. */
    @Test
    void noPodMountsAServiceAccountToken() throws IOException {
        List<String> problems = new ArrayList<>();
        int pods = 0;
        for (var set : sets().entrySet()) {
            for (var pod : PodSecurity.podTemplates(set.getKey(), set.getValue())) {
                pods++;
                problems.addAll(serviceAccountToken(pod));
            }
        }
        assertTrue(pods > 20, "pods: " + pods);
        assertEquals(List.of(), problems);
        // seeded: a Deployment of the chart without the setting is reported
        ObjectNode deployment = Manifests.read(Manifests.render(null, Map.of())).stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ((ObjectNode) deployment.path("spec").path("template").path("spec")).remove("automountServiceAccountToken");
        assertEquals(1, serviceAccountToken(PodSecurity.podTemplates("seeded", List.of(deployment)).getFirst()).size());
    }

    static List<String> serviceAccountToken(PodSecurity.PodTemplate pod) {
        return pod.spec().path("automountServiceAccountToken").asBoolean(true)
                ? List.of(pod.where() + ": automountServiceAccountToken is not false") : List.of();
    }

    static List<String> readOnlyRoot(PodSecurity.PodTemplate pod) {
        List<String> problems = new ArrayList<>();
        for (var c : PodSecurity.containers(pod.spec())) {
            if (!c.node().path("image").asText().contains("/streamstats/")) {
                continue;
            }
            if (!c.node().path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                problems.add(pod.where() + ": " + c.field() + " has a writable root filesystem");
            }
            String tmpVolume = null;
            for (JsonNode mount : c.node().path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp") && !mount.path("readOnly").asBoolean(false)) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            boolean emptyDir = false;
            for (JsonNode volume : pod.spec().path("volumes")) {
                emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
            }
            if (!emptyDir) {
                problems.add(pod.where() + ": " + c.field() + " has no emptyDir at /tmp (the JVM and Vert.x write there)");
            }
        }
        return problems;
    }

    /** Each seeded pod is reported for exactly the controls it names; the compliant one for none. */
    @Test
    void seededPodsAreReportedForTheirControls() {
        List<ObjectNode> seeded = Manifests.read(SEEDED);
        assertTrue(seeded.size() >= 14);
        for (ObjectNode object : seeded) {
            String name = object.path("metadata").path("name").asText();
            String expectedText = object.path("metadata").path("annotations").path(VIOLATES).asText(null);
            assertTrue(expectedText != null, name + " names the controls it violates");
            var expected = new TreeSet<>(Arrays.stream(expectedText.split(",")).filter(s -> !s.isEmpty()).toList());
            var pod = PodSecurity.podTemplates("seeded", List.of(object)).getFirst();
            var reported = new TreeSet<String>();
            for (String violation : PodSecurity.violations(pod)) {
                String rest = violation.substring(pod.where().length() + 2);
                reported.add(rest.substring(0, rest.indexOf(": ")));
            }
            assertEquals(expected, reported, name + ": " + PodSecurity.violations(pod));
        }
    }

    /** A service Deployment whose init container lost the shared security context is reported. */
    @Test
    void anInitContainerWithoutTheSharedContextFailsTheChartsDeployment() {
        ObjectNode deployment = Manifests.read(Manifests.render(null, Map.of())).stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ObjectNode spec = (ObjectNode) deployment.path("spec").path("template").path("spec");
        spec.putArray("initContainers").addObject().put("name", "migrate").put("image", "ghcr.io/streamstats/x:1");
        var pod = PodSecurity.podTemplates("seeded", List.of(deployment)).getFirst();
        assertEquals(2, PodSecurity.violations(pod).size(), PodSecurity.violations(pod).toString());
        assertEquals(2, readOnlyRoot(pod).size(), readOnlyRoot(pod).toString());
    }

    static final Map<String, String> NAMESPACE_LABELS = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/audit", "restricted",
            "pod-security.kubernetes.io/warn", "restricted");

    /** Every Namespace k8s/ creates (base and each overlay, after kustomize renames it) enforces, audits and warns. */
    @Test
    void namespacesEnforceTheRestrictedProfile() {
        List<String> problems = new ArrayList<>();
        int namespaces = 0;
        for (var set : Manifests.allSets().entrySet()) {
            for (ObjectNode o : set.getValue()) {
                if (o.path("kind").asText().equals("Namespace")) {
                    namespaces++;
                    problems.addAll(namespaceProblems(set.getKey(), o));
                }
            }
        }
        assertTrue(namespaces >= 3, "the base and both overlays create their namespace: " + namespaces);
        assertEquals(List.of(), problems);
        // seeded: the namespace as it was, without the labels
        ObjectNode bare = Manifests.read(Manifests.K8S.resolve("base/namespace.yaml")).getFirst().deepCopy();
        ((ObjectNode) bare.path("metadata")).putObject("labels").put("app.kubernetes.io/part-of", "streaming-platform");
        assertEquals(3, namespaceProblems("seeded", bare).size());
    }

    static List<String> namespaceProblems(String set, ObjectNode namespace) {
        List<String> problems = new ArrayList<>();
        NAMESPACE_LABELS.forEach((label, value) -> {
            if (!value.equals(namespace.path("metadata").path("labels").path(label).asText())) {
                problems.add(set + ": Namespace " + namespace.path("metadata").path("name").asText() + " lacks "
                        + label + "=" + value);
            }
        });
        return problems;
    }
}
