package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's default images are ones .github/workflows/images.yml really publishes: the workflow's shell steps run
 * here in bash (Maven replaced by a stub that records its arguments) for a push to main and for a release tag, and
 * every image the default render names must be among the pushed ones.
 */
class ImagePublishTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path WORKFLOW = Manifests.ROOT.resolve(".github/workflows/images.yml");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");
    private static final Pattern IMAGE_PROPERTY = Pattern.compile("-Dquarkus\\.container-image\\.([a-z-]+)=(\\S*)");

    @TempDir
    Path work;

    @Test
    void everyDefaultImageIsPublishedOnAPushToMain() throws Exception {
        Set<String> published = publishedImages(WORKFLOW, "branch", "main");
        Set<String> named = imagesOf(Manifests.render(null, Map.of()));
        assertEquals(3, named.size(), named.toString());
        assertTrue(published.containsAll(named), "named by the chart " + named + ", published on main " + published);
        String sha = "0123456789abcdef0123456789abcdef01234567";
        String registry = "ghcr.io/" + owner().toLowerCase(java.util.Locale.ROOT);
        assertTrue(published.contains(registry + "/user-service:main")
                && published.contains(registry + "/user-service:" + sha), published.toString());
    }

    @Test
    void aReleaseTagPublishesTheChartsAppVersionAndRefusesAnyOther() throws Exception {
        String appVersion = chart().path("appVersion").asText();
        Set<String> published = publishedImages(WORKFLOW, "tag", "v" + appVersion);
        assertTrue(published.containsAll(imagesOf(Manifests.render(null, Map.of()))), published.toString());
        // a tag the chart does not name would publish images no default install pulls: the workflow stops
        assertThrows(AssertionError.class, () -> publishedImages(WORKFLOW, "tag", "v9.9.9"));
    }

    @Test
    void seededMismatchesAreCaught() throws Exception {
        Set<String> published = publishedImages(WORKFLOW, "branch", "main");
        // the chart naming another owner's namespace, or a version nobody pushed
        assertFalse(published.containsAll(imagesOf(Manifests.render(null, Map.of("image.registry", "ghcr.io/someone-else")))));
        assertFalse(published.containsAll(imagesOf(Manifests.render(null, Map.of("image.tag", "1.0.0")))));
        // the earlier workflow pushed on version tags only: nothing a default install on main could pull
        Path tagsOnly = Path.of("src/test/resources/seeded/images-tags-only.yml");
        Set<String> old = publishedImages(tagsOnly, "branch", "main");
        assertTrue(old.isEmpty(), old.toString());
        assertFalse(old.containsAll(imagesOf(Manifests.render(null, Map.of()))));
    }

    /**
     * What the kustomize overlays pull must be published too: a tag pushed on every push to main (appVersion,
     * {@code main}) or a commit sha an operator pins; a tag nobody pushes leaves the pods in ImagePullBackOff.
     */
    @Test
    void everyOverlayPullsAPublishedImage() throws Exception {
        Set<String> published = publishedImages(WORKFLOW, "branch", "main");
        List<String> problems = new ArrayList<>();
        for (Path dir : Kubectl.kustomizations(Manifests.K8S)) {
            problems.addAll(unpublished(Manifests.K8S.relativize(dir).toString(), Kubectl.kustomizeOrFail(dir), published));
        }
        assertEquals(List.of(), problems);

        Path seeded = KustomizeBuildTest.BROKEN.resolve("unpublished-tag");
        assertEquals(List.of("seeded: ghcr.io/streamstats/user-service:dev is never pushed"),
                unpublished("seeded", Kubectl.kustomizeOrFail(seeded), published));
    }

    private static List<String> unpublished(String set, String built, Set<String> published) {
        Pattern commit = Pattern.compile(".+:[0-9a-f]{40}");
        List<String> problems = new ArrayList<>();
        for (String image : imagesOf(built)) {
            if (!published.contains(image) && !commit.matcher(image).matches()) {
                problems.add(set + ": " + image + " is never pushed");
            }
        }
        return problems;
    }

    @Test
    void pullSecretsReachEveryPodWhenSet() {
        String rendered = Manifests.render(null, Map.of("imagePullSecrets[0].name", "ghcr-pull"));
        List<JsonNode> pods = podSpecs(rendered);
        assertTrue(pods.size() >= 5, "two services, the CronJob's batch, two MySQL StatefulSets: " + pods.size());
        for (JsonNode pod : pods) {
            assertEquals("ghcr-pull", pod.path("imagePullSecrets").path(0).path("name").asText(), pod.toString());
        }
        for (JsonNode pod : podSpecs(Manifests.render(null, Map.of()))) {
            assertTrue(pod.path("imagePullSecrets").isMissingNode(), "none by default");
        }
        assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("imagePullSecrets[0].secret", "ghcr-pull")), "entries are {name: ...}");
    }

    /** The owner of the repository that publishes the images, from Chart.yaml's sources. */
    private static String owner() throws IOException {
        String source = chart().path("sources").path(0).asText();
        Matcher m = Pattern.compile("^https://github\\.com/([^/]+)/[^/]+$").matcher(source);
        assertTrue(m.matches(), "Chart.yaml sources[0] names the GitHub repository: " + source);
        return m.group(1);
    }

    private static JsonNode chart() throws IOException {
        return YAML.readTree(Manifests.CHART.resolve("Chart.yaml").toFile());
    }

    static Set<String> imagesOf(String rendered) {
        Set<String> images = new TreeSet<>();
        for (JsonNode pod : podSpecs(rendered)) {
            for (JsonNode container : pod.path("containers")) {
                String image = container.path("image").asText();
                if (!image.startsWith("mysql:")) {
                    images.add(image);
                }
            }
        }
        return images;
    }

    static List<JsonNode> podSpecs(String rendered) {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode doc : Manifests.read(rendered)) {
            JsonNode spec = switch (doc.path("kind").asText()) {
                case "Deployment", "StatefulSet", "Job" -> doc.path("spec").path("template").path("spec");
                case "CronJob" -> doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
                default -> null;
            };
            if (spec != null) {
                pods.add(spec);
            }
        }
        return pods;
    }

    /**
     * Runs the workflow's steps for one push: {@code run} steps in bash in a scratch directory holding the chart's
     * Chart.yaml and a stub {@code ./mvnw}; returns registry/group/module:tag for every image the stub was asked to
     * push. Fails (AssertionError) when a step exits non-zero.
     */
    private Set<String> publishedImages(Path workflowFile, String refType, String refName) throws Exception {
        JsonNode workflow = YAML.readTree(workflowFile.toFile());
        // YAML 1.1 reads the key `on` as a boolean
        JsonNode push = (workflow.has("on") ? workflow.path("on") : workflow.path("true")).path("push");
        boolean triggered = "branch".equals(refType)
                ? contains(push.path("branches"), refName)
                : contains(push.path("tags"), refName);
        if (!triggered) {
            return Set.of();
        }
        Path dir = Files.createTempDirectory(work, refType);
        Files.createDirectories(dir.resolve("helm/streaming-platform"));
        Files.copy(Manifests.CHART.resolve("Chart.yaml"), dir.resolve("helm/streaming-platform/Chart.yaml"));
        Path calls = dir.resolve("mvnw-calls");
        Files.writeString(dir.resolve("mvnw"), "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"" + calls + "\"\n");
        dir.resolve("mvnw").toFile().setExecutable(true);

        Map<String, String> context = new HashMap<>();
        context.put("github.repository_owner", owner());
        context.put("github.actor", "ci");
        context.put("secrets.GITHUB_TOKEN", "token");
        for (var job : workflow.path("jobs").properties()) {
            for (JsonNode step : job.getValue().path("steps")) {
                if (!step.has("run")) {
                    continue;
                }
                Path output = dir.resolve("output-" + step.path("id").asText("none"));
                Files.writeString(output, "");
                String script = substitute(step.path("run").asText(), context);
                var process = new ProcessBuilder("bash", "-e", "-c", script).directory(dir.toFile())
                        .redirectErrorStream(true);
                Map<String, String> env = process.environment();
                env.put("GITHUB_REPOSITORY_OWNER", owner());
                env.put("GITHUB_REF_TYPE", refType);
                env.put("GITHUB_REF_NAME", refName);
                env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
                env.put("GITHUB_OUTPUT", output.toString());
                for (var e : step.path("env").properties()) {
                    env.put(e.getKey(), substitute(e.getValue().asText(), context));
                }
                Process p = process.start();
                String log = new String(p.getInputStream().readAllBytes());
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                if (p.exitValue() != 0) {
                    throw new AssertionError("step '" + step.path("name").asText() + "' failed: " + log);
                }
                if (step.has("id")) {
                    for (String line : Files.readAllLines(output)) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            context.put("steps." + step.path("id").asText() + ".outputs." + line.substring(0, eq),
                                    line.substring(eq + 1));
                        }
                    }
                }
            }
        }
        assertTrue(Files.exists(calls), "the workflow never ran ./mvnw");
        List<String> args = Files.readAllLines(calls);
        Map<String, String> props = new LinkedHashMap<>();
        List<String> modules = List.of();
        for (int i = 0; i < args.size(); i++) {
            Matcher m = IMAGE_PROPERTY.matcher(args.get(i));
            if (m.matches()) {
                props.put(m.group(1), m.group(2));
            } else if (args.get(i).equals("-pl")) {
                modules = List.of(args.get(i + 1).split(","));
            }
        }
        if (!"true".equals(props.get("push"))) {
            return Set.of();
        }
        List<String> tags = new ArrayList<>();
        tags.add(props.get("tag"));
        for (String extra : props.getOrDefault("additional-tags", "").split(",")) {
            if (!extra.isBlank()) {
                tags.add(extra);
            }
        }
        String prefix = props.get("registry") + "/" + props.get("group");
        assertNotEquals(null, props.get("tag"), "a tag is always given");
        Set<String> images = new TreeSet<>();
        for (String module : modules) {
            for (String tag : tags) {
                images.add(prefix + "/" + module + ":" + tag);
            }
        }
        return images;
    }

    private static String substitute(String text, Map<String, String> context) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = context.get(m.group(1));
            if (value == null) {
                throw new AssertionError("the workflow uses ${{ " + m.group(1) + " }}, which this test does not model"
                        + " (known: " + context.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean contains(JsonNode globs, String ref) {
        for (JsonNode glob : globs) {
            String regex = Pattern.quote(glob.asText()).replace("*", "\\E.*\\Q");
            if (ref.matches(regex)) {
                return true;
            }
        }
        return false;
    }
}
