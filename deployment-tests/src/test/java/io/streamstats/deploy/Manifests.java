package io.streamstats.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the chart and reads manifests, for the deployment tests. */
final class Manifests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/streaming-platform");
    static final Path K8S = ROOT.resolve("k8s");
    static final Path RENDERED = Path.of("target/rendered").toAbsolutePath();
    static final String RELEASE = "streaming-platform";
    /** The oldest Kubernetes the chart supports (CronJob time zones). */
    static final String KUBE_VERSION = "1.27.0";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Values that make the chart render every optional object (dev Secrets, alert rules, ServiceMonitor). */
    static final Map<String, Object> EVERYTHING = Map.ofEntries(
            Map.entry("secrets.create", true),
            Map.entry("secrets.dbPassword", "test"),
            Map.entry("secrets.dbRootPassword", "test"),
            Map.entry("secrets.replicationPassword", "test"),
            Map.entry("secrets.internalApiKey", "test"),
            Map.entry("secrets.jwtPrivateKey", "test"),
            Map.entry("secrets.jwtPublicKey", "test"),
            Map.entry("monitoring.prometheusRule.enabled", true),
            Map.entry("monitoring.serviceMonitor.enabled", true));

    /** Fixed replica counts instead of the HPAs. */
    static final Map<String, Object> WITHOUT_HPA = Map.of(
            "userService.autoscaling.enabled", false, "streamingService.autoscaling.enabled", false);

    /** Every manifest set the project ships: the chart with default, prod and all-optional values, and k8s/. */
    static Map<String, List<ObjectNode>> allSets() {
        Map<String, List<ObjectNode>> sets = new java.util.LinkedHashMap<>();
        sets.put("helm default", read(render(null, Map.of())));
        sets.put("helm prod", read(render(CHART.resolve("values-prod.yaml"), Map.of())));
        sets.put("helm everything", read(render(null, EVERYTHING)));
        List<ObjectNode> base = new ArrayList<>();
        for (String file : List.of("base/namespace.yaml", "base/secrets.yaml", "base/platform.yaml")) {
            base.addAll(read(K8S.resolve(file)));
        }
        sets.put("k8s base", base);
        sets.put("helm without HPA", read(render(null, WITHOUT_HPA)));
        for (Path overlay : Kubectl.kustomizations(K8S)) {
            sets.put("kustomize " + K8S.relativize(overlay), read(Kubectl.kustomizeOrFail(overlay)));
        }
        return sets;
    }

    /** The files a schema check must cover: rendered charts, every hand-written object under k8s/ and every kustomize build. */
    static List<Path> filesToValidate() {
        List<Path> files = new ArrayList<>();
        files.add(write("helm-default.yaml", render(null, Map.of())));
        files.add(write("helm-prod.yaml", render(CHART.resolve("values-prod.yaml"), Map.of())));
        files.add(write("helm-everything.yaml", render(null, EVERYTHING)));
        files.add(write("helm-without-hpa.yaml", render(null, WITHOUT_HPA)));
        for (String file : List.of("base/namespace.yaml", "base/secrets.yaml", "base/platform.yaml")) {
            files.add(K8S.resolve(file));
        }
        // what kubectl really applies: every kustomization built by kubectl's own kustomize
        for (Path overlay : Kubectl.kustomizations(K8S)) {
            files.add(write("kustomize-" + K8S.relativize(overlay).toString().replace('/', '-') + ".yaml",
                    Kubectl.kustomizeOrFail(overlay)));
        }
        return files;
    }

    static String render(Path valuesFile, Map<String, Object> set) {
        var command = new Helm(CHART).template().withName(RELEASE).withNamespace("streaming-platform")
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (var entry : set.entrySet()) {
            command = command.set(entry.getKey(), entry.getValue());
        }
        return command.call();
    }

    static Path write(String name, String yaml) {
        try {
            Files.createDirectories(RENDERED);
            Path file = RENDERED.resolve(name);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> read(String yaml) {
        List<ObjectNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && doc.has("kind")) {
                    docs.add((ObjectNode) doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static List<ObjectNode> read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
