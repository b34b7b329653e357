package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.streamstats.deploy.WorkflowScript.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The kind workflow (.github/workflows/e2e.yml, .github/kind.yaml, the scripts it runs) cannot run here, so it is
 * read and checked against what it installs: every image the chart renders with the workflow's flags is built and
 * loaded by it (same name and tag); every --set / -f key exists in values.yaml and changes the render (a flag that
 * changes nothing is a flag someone believes in); the flags render (values.schema.json); every repository file it
 * names exists; every object it waits for, execs into, deletes or makes a Job from is rendered by that install (pods
 * by name or label); every URL it calls goes to the Ingress host and a path an Ingress serves, on a port kind maps.
 * Seeded broken copies: the earlier workflow with its ignored userService.replicas, and one mutation per check.
 */
class KindWorkflowTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path E2E = Manifests.ROOT.resolve(".github/workflows/e2e.yml");
    private static final Path JOURNEY = Manifests.ROOT.resolve(".github/e2e/journey.sh");
    private static final Pattern IMAGE_PROPERTY = Pattern.compile("-Dquarkus\\.container-image\\.([a-z-]+)=(\\S*)");
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("deploy", "Deployment"), Map.entry("deployment", "Deployment"), Map.entry("deployments", "Deployment"),
            Map.entry("sts", "StatefulSet"), Map.entry("statefulset", "StatefulSet"), Map.entry("statefulsets", "StatefulSet"),
            Map.entry("cj", "CronJob"), Map.entry("cronjob", "CronJob"), Map.entry("cronjobs", "CronJob"),
            Map.entry("job", "Job"), Map.entry("jobs", "Job"),
            Map.entry("po", "Pod"), Map.entry("pod", "Pod"), Map.entry("pods", "Pod"),
            Map.entry("svc", "Service"), Map.entry("service", "Service"), Map.entry("services", "Service"),
            Map.entry("cm", "ConfigMap"), Map.entry("configmap", "ConfigMap"), Map.entry("configmaps", "ConfigMap"),
            Map.entry("secret", "Secret"), Map.entry("secrets", "Secret"),
            Map.entry("ing", "Ingress"), Map.entry("ingress", "Ingress"),
            Map.entry("hpa", "HorizontalPodAutoscaler"), Map.entry("horizontalpodautoscaler", "HorizontalPodAutoscaler"));
    /** kubectl verbs that act on objects in a namespace. */
    private static final Set<String> NAMESPACED_VERBS = Set.of("get", "delete", "describe", "logs", "exec", "wait",
            "rollout", "scale", "create", "patch", "port-forward", "cp", "label", "annotate");
    /** kubectl flags that take the next word as their value. */
    private static final Set<String> VALUE_FLAGS = Set.of("-n", "--namespace", "-o", "--output", "-l", "--selector",
            "-c", "--container", "-f", "--filename", "-p", "--patch", "--type", "--tail", "--timeout", "--for", "--from",
            "--image", "--context", "-i");

    @Test
    void theKindWorkflowMatchesWhatItInstalls() {
        List<String> problems = problems(Manifests.text(E2E), Map.of());
        assertEquals(List.of(), problems, "problems in " + Manifests.ROOT.relativize(E2E));
    }

    @Test
    void theWorkflowRunsTheJourneyScript() {
        // the journey is the part that proves the platform works: it must stay wired into the workflow
        Workflow workflow = Workflow.read(Manifests.text(E2E), Map.of());
        assertTrue(workflow.scripts.contains(".github/e2e/journey.sh"), "e2e.yml runs .github/e2e/journey.sh");
        assertTrue(workflow.commands.stream().anyMatch(c -> c.words().containsAll(List.of("kubectl", "delete", "pod"))
                && c.words().stream().anyMatch(w -> w.endsWith("-mysql-replica-0"))), "the journey restarts the replica");
        assertTrue(workflow.commands.stream().anyMatch(c -> c.words().contains("--from=cronjob/sp-settlement")),
                "the journey settles with a Job made from the CronJob");
    }

    // --- seeded broken workflows: each must be refused with the problem named -------------------------------------

    @Test
    void theEarlierWorkflowWithItsIgnoredReplicaFlagsIsRefused() {
        String earlier = Manifests.text(Path.of("src/test/resources/kind-seeded/e2e-ignored-replicas.yml").toAbsolutePath());
        List<String> problems = problems(earlier, Map.of());
        assertTrue(problems.stream().anyMatch(p -> p.contains("--set userService.replicas=1 changes nothing")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("--set streamingService.replicas=1 changes nothing")), problems.toString());
    }

    @TestFactory
    Stream<DynamicTest> seededMutationsAreRefused() {
        record Seed(String name, String file, String from, String to, String expected) {
        }
        String e2e = ".github/workflows/e2e.yml";
        String journey = ".github/e2e/journey.sh";
        List<Seed> seeds = List.of(
                new Seed("unknown --set key", e2e, "--set ingress.host=localhost", "--set ingress.hosts=localhost",
                        "ingress.hosts is not a key of values.yaml"),
                new Seed("an image the chart uses is not built", e2e, "-pl user-service,streaming-service,settlement-batch",
                        "-pl user-service,streaming-service", "ghcr.io/streamstats/settlement-batch:e2e, which no step builds"),
                new Seed("an image the chart uses is not loaded", e2e, "for image in user-service streaming-service settlement-batch;",
                        "for image in user-service streaming-service;", "ghcr.io/streamstats/settlement-batch:e2e is not loaded"),
                new Seed("a missing file", e2e, "config: .github/kind.yaml", "config: .github/kind-e2e.yaml",
                        ".github/kind-e2e.yaml does not exist"),
                new Seed("a wait for a Deployment that is not rendered", e2e, "      - name: Install the chart\n        run: |\n",
                        "      - name: Install the chart\n        run: |\n          kubectl -n sp rollout status deploy/sp-userservice\n",
                        "Deployment sp-userservice is not rendered"),
                new Seed("pods by a label no pod has", e2e, "      - name: Install the chart\n        run: |\n",
                        "      - name: Install the chart\n        run: |\n          kubectl -n sp wait --for=condition=ready pod -l app.kubernetes.io/name=users\n",
                        "no rendered pod has the labels app.kubernetes.io/name=users"),
                new Seed("an exec into a pod that is not rendered", e2e, "      - name: Install the chart\n        run: |\n",
                        "      - name: Install the chart\n        run: |\n          kubectl -n sp exec sp-mysql-primary-1 -- true\n",
                        "Pod sp-mysql-primary-1 is not rendered"),
                new Seed("a Job from a CronJob that is not rendered", journey, "--from=\"cronjob/$RELEASE-settlement\"",
                        "--from=\"cronjob/$RELEASE-settlements\"", "CronJob sp-settlements is not rendered"),
                new Seed("a Job argument the batch CLI does not know", journey, "[\"settle\", \"--date\",",
                        "[\"settle\", \"--day\",", "settle --day is not an option of the batch CLI"),
                new Seed("a Job command the batch CLI does not know", journey, "[\"settle\", \"--date\",",
                        "[\"settle-day\", \"--date\",", "not a command of the batch CLI"),
                new Seed("a Job running the generator, which is not in the batch image", journey, "[\"settle\", \"--date\",",
                        "[\"generate\", \"--date\",", "the Job runs [generate, --date"),
                new Seed("a pod that is not rendered", journey, "kube delete pod \"$RELEASE-mysql-replica-0\"",
                        "kube delete pod \"$RELEASE-mysql-secondary-0\"", "Pod sp-mysql-secondary-0 is not rendered"),
                new Seed("a path no Ingress serves", journey, "expect 201 POST /api/users ", "expect 201 POST /users ",
                        "/users: no Ingress path serves it"),
                new Seed("a host the Ingress does not serve", e2e, "API: http://localhost", "API: http://streaming.local",
                        "host streaming.local is not the Ingress host localhost"),
                new Seed("a kubectl call without the release namespace", journey,
                        "kube() { kubectl -n \"$NAMESPACE\" \"$@\"; }", "kube() { kubectl \"$@\"; }",
                        "without a namespace"));
        return seeds.stream().map(seed -> DynamicTest.dynamicTest(seed.name(), () -> {
            String workflow = Manifests.text(E2E);
            Map<String, String> scripts = new HashMap<>();
            if (seed.file().equals(e2e)) {
                assertTrue(workflow.contains(seed.from()), "e2e.yml still holds: " + seed.from());
                workflow = workflow.replace(seed.from(), seed.to());
            } else {
                String text = Manifests.text(Manifests.ROOT.resolve(seed.file()));
                assertTrue(text.contains(seed.from()), seed.file() + " still holds: " + seed.from());
                scripts.put(seed.file(), text.replace(seed.from(), seed.to()));
            }
            List<String> problems = problems(workflow, scripts);
            assertTrue(problems.stream().anyMatch(p -> p.contains(seed.expected())),
                    "expected a problem naming '" + seed.expected() + "', got " + problems);
        }));
    }

    @Test
    void theScriptReaderSeesWhatBashRuns() {
        List<Command> commands = WorkflowScript.parse("""
                R=${R:-sp}   # a comment
                for m in a b; do kind load docker-image "img/$m:1"; done
                k() { kubectl -n "$NS" "$@"; }
                x=$(k get pod "$R-0" -o jsonpath='{.a}' 2>/dev/null || true)
                k create job "j-$DAY" --from="cronjob/$R-settlement" --dry-run=client -o json \\
                  | kubectl patch --local -f - -p '[{"a": "b; c"}]' && echo done
                """, Map.of("NS", "ns"));
        List<String> lines = commands.stream().map(c -> String.join(" ", c.words())).toList();
        assertEquals(List.of("kind load docker-image img/a:1", "kind load docker-image img/b:1",
                "kubectl -n ns get pod sp-0 -o jsonpath={.a} 2>/dev/null", "true",
                "kubectl -n ns create job j-${DAY} --from=cronjob/sp-settlement --dry-run=client -o json",
                "kubectl patch --local -f - -p [{\"a\": \"b; c\"}]", "echo done"), lines);
    }

    // --- the checks ---------------------------------------------------------------------------------------------------

    /** The workflow's run steps as commands, the scripts it runs read in place, and what the steps name elsewhere. */
    static final class Workflow {
        final List<Command> commands = new ArrayList<>();
        final List<String> scripts = new ArrayList<>();
        final List<String> withValues = new ArrayList<>();
        final Map<String, String> env = new LinkedHashMap<>();

        static Workflow read(String yaml, Map<String, String> scriptOverrides) {
            Workflow workflow = new Workflow();
            JsonNode root;
            try {
                root = YAML.readTree(yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (var job : root.path("jobs").properties()) {
                for (JsonNode step : job.getValue().path("steps")) {
                    for (var with : step.path("with").properties()) {
                        workflow.withValues.add(with.getValue().asText());
                    }
                    if (!step.has("run")) {
                        continue;
                    }
                    Map<String, String> env = new LinkedHashMap<>();
                    step.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
                    workflow.env.putAll(env);
                    for (Command command : WorkflowScript.parse(step.path("run").asText(), env)) {
                        workflow.commands.add(command);
                        String script = scriptOf(command);
                        if (script != null) {
                            workflow.scripts.add(script);
                            Path file = Manifests.ROOT.resolve(script);
                            String text = scriptOverrides.containsKey(script) ? scriptOverrides.get(script)
                                    : Files.exists(file) ? Manifests.text(file) : "";
                            workflow.commands.addAll(WorkflowScript.parse(text, env));
                        }
                    }
                }
            }
            return workflow;
        }

        /** The repository script a command runs (bash x.sh, ./x.sh), or null. */
        private static String scriptOf(Command command) {
            List<String> w = command.words();
            if ((w.get(0).equals("bash") || w.get(0).equals("sh")) && w.size() > 1 && w.get(1).endsWith(".sh")) {
                return w.get(1);
            }
            return w.get(0).endsWith(".sh") ? w.get(0).replaceFirst("^\\./", "") : null;
        }
    }

    record Install(String release, String namespace, String chart, Map<String, String> sets, List<String> valuesFiles) {
    }

    /** Everything wrong with the workflow; empty when it matches the install. */
    static List<String> problems(String workflowYaml, Map<String, String> scriptOverrides) {
        Workflow workflow = Workflow.read(workflowYaml, scriptOverrides);
        List<String> problems = new ArrayList<>();
        checkFiles(workflow, problems);
        Set<String> built = built(workflow, problems);
        Set<String> loaded = new TreeSet<>();
        for (Command c : workflow.commands) {
            List<String> w = c.words();
            if (w.size() > 3 && w.get(0).equals("kind") && w.get(1).equals("load") && w.get(2).equals("docker-image")) {
                for (String image : w.subList(3, w.size())) {
                    if (image.startsWith("-")) {
                        break;
                    }
                    loaded.add(image);
                    if (!built.contains(image)) {
                        problems.add("kind loads " + image + ", which no step builds (built: " + built + ")");
                    }
                }
            }
        }
        List<Install> installs = workflow.commands.stream().filter(c -> c.words().size() > 3
                && c.name().equals("helm") && c.words().get(1).equals("install")).map(KindWorkflowTest::install).toList();
        if (installs.size() != 1) {
            problems.add("expected one helm install, found " + installs.size());
            return problems;
        }
        Install install = installs.get(0);
        checkKeys(install, problems);
        String rendered;
        try {
            rendered = render(install, install.sets());
        } catch (RuntimeException e) {
            problems.add("helm install " + install.release() + " with the workflow's flags does not render: " + e.getMessage());
            return problems;
        }
        checkValues(workflow, install, rendered, problems);
        List<Rendered> objects = Manifests.read(rendered).stream().map(n -> new Rendered(n)).toList();
        checkImages(rendered, install, built, loaded, problems);
        checkKubectl(workflow, install, objects, problems);
        checkJobArguments(workflow, objects, problems);
        checkUrls(workflow, objects, problems);
        return problems;
    }

    /** A rendered object, with the fields the checks read. */
    record Rendered(JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        JsonNode podTemplate() {
            return switch (kind()) {
                case "Deployment", "StatefulSet", "Job" -> node.path("spec").path("template");
                case "CronJob" -> node.path("spec").path("jobTemplate").path("spec").path("template");
                default -> null;
            };
        }
    }

    private static void checkFiles(Workflow workflow, List<String> problems) {
        Set<String> topLevel = new TreeSet<>();
        try (Stream<Path> entries = Files.list(Manifests.ROOT)) {
            entries.forEach(p -> topLevel.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> words = new ArrayList<>(workflow.withValues);
        workflow.commands.forEach(c -> words.addAll(c.words()));
        for (String word : words) {
            String candidate = word.contains("=") && !word.startsWith("-") ? word : word.replaceFirst("^--?[a-z-]+=", "");
            if (candidate.matches("[.\\w-]+(/[.\\w-]+)+/?") && topLevel.contains(candidate.substring(0, candidate.indexOf('/')))
                    && !Files.exists(Manifests.ROOT.resolve(candidate))) {
                problems.add(candidate + " does not exist in the repository");
            }
        }
    }

    /** registry/group/module:tag of every image a Maven step builds with Quarkus' container-image properties. */
    private static Set<String> built(Workflow workflow, List<String> problems) {
        Set<String> images = new TreeSet<>();
        for (Command c : workflow.commands) {
            if (!c.name().endsWith("mvnw") && !c.name().equals("mvn")) {
                continue;
            }
            Map<String, String> props = new HashMap<>();
            List<String> modules = List.of();
            List<String> w = c.words();
            for (int i = 0; i < w.size(); i++) {
                Matcher m = IMAGE_PROPERTY.matcher(w.get(i));
                if (m.matches()) {
                    props.put(m.group(1), m.group(2));
                } else if (w.get(i).equals("-pl") && i + 1 < w.size()) {
                    modules = List.of(w.get(i + 1).split(","));
                }
            }
            if (!"true".equals(props.get("build"))) {
                continue;
            }
            for (String module : modules) {
                String name = props.getOrDefault("name", module);
                images.add(props.get("registry") + "/" + props.get("group") + "/" + name + ":" + props.get("tag"));
            }
        }
        if (images.isEmpty()) {
            problems.add("no step builds an image (./mvnw -Dquarkus.container-image.build=true)");
        }
        return images;
    }

    private static Install install(Command c) {
        List<String> w = c.words();
        List<String> positional = new ArrayList<>();
        Map<String, String> sets = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        String namespace = "default";
        for (int i = 2; i < w.size(); i++) {
            String word = w.get(i);
            String flag = word.contains("=") && word.startsWith("--") ? word.substring(0, word.indexOf('=')) : word;
            String value = word.contains("=") && word.startsWith("--") ? word.substring(word.indexOf('=') + 1)
                    : i + 1 < w.size() ? w.get(i + 1) : "";
            boolean inline = !flag.equals(word);
            switch (flag) {
                case "--namespace", "-n" -> namespace = value;
                case "--set", "--set-string" -> sets.put("set: " + value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                case "--set-file" -> sets.put("file:" + value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                case "-f", "--values" -> files.add(value);
                case "--timeout", "--version", "--kube-context", "--description", "--post-renderer" -> {
                }
                default -> {
                    if (!word.startsWith("-")) {
                        positional.add(word);
                    }
                    continue;
                }
            }
            if (!inline && !flag.equals("--wait") && !flag.equals("--create-namespace")) {
                i++;
            }
        }
        return new Install(positional.get(0), namespace, positional.size() > 1 ? positional.get(1) : "", sets, files);
    }

    /** Renders the chart as helm install would with these flags (a --set-file stands in as one line of text). */
    private static String render(Install install, Map<String, String> sets) {
        var command = new Helm(Manifests.ROOT.resolve(install.chart())).template().withName(install.release())
                .withNamespace(install.namespace()).withKubeVersion(Manifests.KUBE_VERSION);
        for (String file : install.valuesFiles()) {
            command = command.withValuesFile(Manifests.ROOT.resolve(file));
        }
        for (var entry : sets.entrySet()) {
            String key = entry.getKey().substring(5);
            command = command.set(key, entry.getKey().startsWith("file:") ? "contents-of-" + entry.getValue() : entry.getValue());
        }
        return command.call();
    }

    /** Every --set key names a value of values.yaml (the schema refuses others, but say which one). */
    private static void checkKeys(Install install, List<String> problems) {
        JsonNode values;
        try {
            values = YAML.readTree(Manifests.ROOT.resolve(install.chart()).resolve("values.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String flag : install.sets().keySet()) {
            String key = flag.substring(5);
            JsonNode node = values;
            for (String part : key.split("\\.")) {
                node = node.path(part);
            }
            if (node.isMissingNode()) {
                problems.add(key + " is not a key of values.yaml");
            }
        }
        for (String file : install.valuesFiles()) {
            if (!Files.exists(Manifests.ROOT.resolve(file))) {
                problems.add("values file " + file + " does not exist");
            }
        }
    }

    private static void checkValues(Workflow workflow, Install install, String rendered, List<String> problems) {
        for (var entry : install.sets().entrySet()) {
            String key = entry.getKey().substring(5);
            if (entry.getKey().startsWith("file:") && !Files.exists(Manifests.ROOT.resolve(entry.getValue()))
                    && workflow.commands.stream().noneMatch(c -> !c.name().equals("helm") && c.words().contains(entry.getValue()))) {
                problems.add("--set-file " + key + "=" + entry.getValue() + ": no such file, and no step writes it");
            }
            // a flag the render ignores is a setting someone believes in that does not take effect
            Map<String, String> without = new LinkedHashMap<>(install.sets());
            without.remove(entry.getKey());
            String other;
            try {
                other = render(install, without);
            } catch (RuntimeException e) {
                continue; // needed to render at all
            }
            if (other.equals(rendered)) {
                problems.add("--" + (entry.getKey().startsWith("file:") ? "set-file " : "set ") + key + "="
                        + entry.getValue() + " changes nothing in the render");
            }
        }
    }

    private static void checkImages(String rendered, Install install, Set<String> built, Set<String> loaded,
                                    List<String> problems) {
        String registry = install.sets().getOrDefault("set: image.registry", null);
        if (registry == null) {
            try {
                registry = YAML.readTree(Manifests.ROOT.resolve(install.chart()).resolve("values.yaml").toFile())
                        .path("image").path("registry").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode pod : ImagePublishTest.podSpecs(rendered)) {
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : pod.path(list)) {
                    String image = container.path("image").asText();
                    boolean ours = image.startsWith(registry + "/");
                    boolean never = "Never".equals(container.path("imagePullPolicy").asText());
                    if ((ours || never) && seen.add(image)) {
                        if (!built.contains(image)) {
                            problems.add("the chart runs " + image + ", which no step builds (built: " + built + ")");
                        }
                        if (!loaded.contains(image)) {
                            problems.add("the chart runs " + image + " (imagePullPolicy "
                                    + container.path("imagePullPolicy").asText("default") + ") but " + image
                                    + " is not loaded into kind (loaded: " + loaded + ")");
                        }
                    }
                }
            }
        }
    }

    private static void checkKubectl(Workflow workflow, Install install, List<Rendered> objects, List<String> problems) {
        Map<String, Set<String>> rendered = new HashMap<>();
        for (Rendered o : objects) {
            rendered.computeIfAbsent(o.kind(), k -> new TreeSet<>()).add(o.name());
            if (o.kind().equals("StatefulSet")) {
                int replicas = o.node().path("spec").path("replicas").asInt(1);
                for (int i = 0; i < replicas; i++) {
                    rendered.computeIfAbsent("Pod", k -> new TreeSet<>()).add(o.name() + "-" + i);
                }
            }
        }
        Set<String> createdJobs = new TreeSet<>();
        for (Command c : workflow.commands) {
            List<String> w = c.words();
            if (!c.name().equals("kubectl")) {
                continue;
            }
            String namespace = null;
            List<String> args = new ArrayList<>();
            List<String> selectors = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (int i = 1; i < w.size(); i++) {
                String word = w.get(i);
                String flag = word.startsWith("-") && word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                String value = !flag.equals(word) ? word.substring(word.indexOf('=') + 1) : i + 1 < w.size() ? w.get(i + 1) : "";
                if (VALUE_FLAGS.contains(flag) || flag.equals("-A") || flag.equals("--all-namespaces")) {
                    switch (flag) {
                        case "-n", "--namespace" -> namespace = value;
                        case "-A", "--all-namespaces" -> namespace = "*";
                        case "-l", "--selector" -> selectors.add(value);
                        case "--from" -> refs.add(value);
                        default -> {
                        }
                    }
                    if (flag.equals(word) && !flag.equals("-A") && !flag.equals("--all-namespaces")) {
                        i++;
                    }
                } else if (!word.startsWith("-")) {
                    args.add(word);
                }
            }
            if (args.isEmpty()) {
                continue;
            }
            String verb = args.get(0);
            if (args.size() > 1 && Set.of("namespace", "namespaces", "ns").contains(args.get(1))) {
                continue; // the namespace itself is cluster-scoped (created and labelled before the install)
            }
            boolean local = w.contains("--local") || w.stream().anyMatch(x -> x.startsWith("--dry-run"))
                    && !verb.equals("create");
            if (NAMESPACED_VERBS.contains(verb) && namespace == null && !local && !(verb.equals("create") && args.size() == 1)) {
                problems.add("kubectl " + verb + " without a namespace (it would act on 'default'): " + c);
                continue;
            }
            if (namespace == null || !namespace.equals(install.namespace())) {
                continue;
            }
            if (verb.equals("create") && args.size() > 2 && args.get(1).equals("job")) {
                createdJobs.add(args.get(2));
            } else if (verb.equals("rollout") && args.size() > 2) {
                refs.add(args.get(2));
            } else if (args.size() > 1) {
                String first = args.get(1);
                if (first.contains("/")) {
                    refs.add(first);
                } else if (KINDS.containsKey(first) && args.size() > 2 && selectors.isEmpty()) {
                    refs.add(first + "/" + args.get(2));
                } else if (Set.of("exec", "logs", "port-forward", "attach", "cp").contains(verb) && !KINDS.containsKey(first)) {
                    refs.add("pod/" + first.replaceFirst(":.*", "")); // a bare name is a pod (cp: pod:path)
                }
            }
            for (String ref : refs) {
                String kind = KINDS.get(ref.substring(0, ref.indexOf('/')).toLowerCase());
                String name = ref.substring(ref.indexOf('/') + 1);
                if (kind == null) {
                    problems.add("kubectl names " + ref + ", a kind this check does not know: " + c);
                } else if (kind.equals("Job") && createdJobs.contains(name)) {
                    continue;
                } else if (name.contains("${")) {
                    problems.add(ref + ": a name this check cannot resolve (use the release's variables): " + c);
                } else if (!rendered.getOrDefault(kind, Set.of()).contains(name)) {
                    problems.add(kind + " " + name + " is not rendered by helm install " + install.release()
                            + " (rendered: " + rendered.getOrDefault(kind, Set.of()) + "): " + c);
                }
            }
            for (String selector : selectors) {
                Map<String, String> wanted = new LinkedHashMap<>();
                for (String pair : selector.split(",")) {
                    String[] kv = pair.split("=", 2);
                    wanted.put(kv[0], kv.length > 1 ? kv[1] : null);
                }
                boolean found = objects.stream().map(Rendered::podTemplate).filter(t -> t != null).anyMatch(t -> {
                    JsonNode labels = t.path("metadata").path("labels");
                    return wanted.entrySet().stream().allMatch(e -> labels.has(e.getKey())
                            && (e.getValue() == null || labels.path(e.getKey()).asText().equals(e.getValue())));
                });
                if (!found) {
                    problems.add("no rendered pod has the labels " + selector + ": " + c);
                }
            }
        }
    }

    /**
     * A Job made from the CronJob with other arguments (kubectl patch --local on its args): the container patched is
     * the batch's, and the arguments are a command of the batch CLI with options its picocli command declares.
     */
    private static void checkJobArguments(Workflow workflow, List<Rendered> objects, List<String> problems) {
        Set<String> commands = CrossReferenceTest.batchCommands();
        Pattern argsPath = Pattern.compile("/spec/template/spec/containers/([0-9]+)/args");
        for (Command c : workflow.commands) {
            List<String> w = c.words();
            int p = w.indexOf("-p");
            if (!c.name().equals("kubectl") || !w.contains("patch") || p < 0 || p + 1 >= w.size()) {
                continue;
            }
            JsonNode patch;
            try {
                patch = new ObjectMapper().readTree(w.get(p + 1).replaceAll("\\$\\{[A-Za-z_]+}", "2026-01-01"));
            } catch (IOException e) {
                problems.add("the patch is not JSON (" + e.getMessage() + "): " + c);
                continue;
            }
            for (JsonNode op : patch) {
                Matcher m = argsPath.matcher(op.path("path").asText());
                if (!m.matches()) {
                    continue;
                }
                int index = Integer.parseInt(m.group(1));
                boolean batch = objects.stream().filter(o -> o.kind().equals("CronJob")).anyMatch(o -> o.podTemplate()
                        .path("spec").path("containers").path(index).path("name").asText().equals("settlement-batch"));
                if (!batch) {
                    problems.add("containers/" + index + " of the CronJob's pod is not the settlement-batch container: " + c);
                }
                List<String> args = new ArrayList<>();
                op.path("value").forEach(a -> args.add(a.asText()));
                if (args.isEmpty() || !commands.contains(args.get(0))) {
                    problems.add("the Job runs " + args + ", not a command of the batch CLI " + commands + ": " + c);
                    continue;
                }
                Set<String> options = CrossReferenceTest.batchOptions(args.get(0));
                for (int i = 1; i < args.size(); i++) {
                    String arg = args.get(i);
                    if (arg.startsWith("--") && !options.contains(arg.split("=", 2)[0])) {
                        problems.add(args.get(0) + " " + arg + " is not an option of the batch CLI (" + options + "): " + c);
                    }
                }
            }
        }
    }

    private static void checkUrls(Workflow workflow, List<Rendered> objects, List<String> problems) {
        Set<String> hosts = new TreeSet<>();
        List<String> paths = new ArrayList<>();
        for (Rendered o : objects) {
            if (o.kind().equals("Ingress")) {
                for (JsonNode rule : o.node().path("spec").path("rules")) {
                    hosts.add(rule.path("host").asText());
                    rule.path("http").path("paths").forEach(p -> paths.add(p.path("path").asText()));
                }
            }
        }
        String api = workflow.env.get("API");
        Set<String> urls = new LinkedHashSet<>();
        if (api != null) {
            urls.add(api);
        }
        Set<String> methods = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
        for (Command c : workflow.commands) {
            List<String> w = c.words();
            for (int i = 0; i < w.size(); i++) {
                String word = w.get(i);
                // URLs of curl, anything under the API's address or /api, and a path right after an HTTP method
                boolean afterMethod = i > 0 && methods.contains(w.get(i - 1)) && word.startsWith("/");
                if (word.startsWith("/api/") || word.equals("/api") || c.name().equals("curl") && word.matches("https?://.*")
                        || api != null && word.startsWith(api) || afterMethod) {
                    urls.add(word);
                }
            }
        }
        for (String url : urls) {
            String path = url;
            Matcher m = Pattern.compile("^(https?)://([^/:$]+)(:[0-9]+)?(.*)$").matcher(url);
            if (m.matches()) {
                if (!hosts.contains(m.group(2))) {
                    problems.add(url + ": host " + m.group(2) + " is not the Ingress host " + String.join(", ", hosts));
                }
                int port = m.group(3) != null ? Integer.parseInt(m.group(3).substring(1)) : m.group(1).equals("https") ? 443 : 80;
                if (!kindMapsPort(port)) {
                    problems.add(url + ": .github/kind.yaml maps no host port " + port + " to the node");
                }
                path = m.group(4);
            }
            path = path.replaceFirst("[?#].*", "");
            int unknown = path.indexOf("${");
            String known = unknown < 0 ? path : path.substring(0, unknown);
            if (known.isEmpty()) {
                continue;
            }
            boolean served = paths.stream().anyMatch(p -> unknown < 0
                    ? known.equals(p) || known.startsWith(p + "/")
                    : known.startsWith(p + "/") || (p + "/").startsWith(known) && known.endsWith("/"));
            if (!served) {
                problems.add(path + ": no Ingress path serves it (paths: " + paths + ")");
            }
        }
    }

    private static boolean kindMapsPort(int port) {
        try {
            for (JsonNode node : YAML.readTree(Manifests.ROOT.resolve(".github/kind.yaml").toFile()).path("nodes")) {
                for (JsonNode mapping : node.path("extraPortMappings")) {
                    if (mapping.path("hostPort").asInt() == port && mapping.path("containerPort").asInt() == port) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}
