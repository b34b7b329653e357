package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file under k8s/ holds only what its name says, so applying a file never touches objects it does not name
 * (a "backfill" file once also held the CronJob and the Ingresses, and applying it reset them). A file's kinds are
 * the kinds of its documents plus, for a patch, the kind its kustomization targets. The first rule whose pattern
 * matches the path (relative to k8s/) decides; a file no rule matches is refused: name it after its kind.
 */
class KindsPerFileTest {

    /** Any kind: the chart's whole render, kept equal to the chart by HelmChartTest. */
    static final Set<String> ANY = Set.of("*");

    record Rule(String glob, Set<String> kinds) {
        boolean matches(String path) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return matcher.matches(Path.of("/" + path));
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule("/helm-values.yaml", Set.of()), // Helm values: no Kubernetes object at all
            new Rule("/base/platform.yaml", ANY),
            new Rule("**/kustomization.yaml", Set.of("Kustomization")),
            new Rule("**/namespace.yaml", Set.of("Namespace")),
            new Rule("**/{secrets,*-secret,*-secrets}.yaml", Set.of("Secret")),
            new Rule("**/{job,*-job,*-jobs}.yaml", Set.of("Job")),
            new Rule("**/*-cronjob.yaml", Set.of("CronJob")),
            new Rule("**/*-ingress.yaml", Set.of("Ingress")),
            new Rule("**/{hpa,*-hpa}.yaml", Set.of("HorizontalPodAutoscaler")),
            new Rule("**/*-deployment.yaml", Set.of("Deployment")),
            new Rule("**/*-configmap.yaml", Set.of("ConfigMap")),
            new Rule("**/{prometheusrule,*-prometheusrule}.yaml", Set.of("PrometheusRule")),
            new Rule("**/{servicemonitor,*-servicemonitor}.yaml", Set.of("ServiceMonitor")));

    @Test
    void everyFileUnderK8sHoldsOnlyWhatItsNameSays() {
        assertEquals(List.of(), problems(Manifests.K8S));
    }

    /** The backfill file as it was (a Job, the CronJob and both Ingresses), and patch files named after no kind. */
    @Test
    void aFileHoldingMoreThanItsNameIsRefused() {
        List<String> problems = problems(KustomizeBuildTest.BROKEN.resolveSibling("kinds-seeded"));
        assertTrue(problems.contains("jobs/backfill-job.yaml holds [CronJob, Ingress], its name allows only [Job]"),
                problems.toString());
        assertTrue(problems.contains("overlays/x/replicas.yaml: no rule for this name (name the file after its kind)"),
                problems.toString());
        assertTrue(problems.contains("overlays/x/user-hpa.yaml holds [Deployment], its name allows only [HorizontalPodAutoscaler]"),
                problems.toString());
        assertEquals(3, problems.size(), problems.toString());
    }

    static List<String> problems(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path file : yamlFiles(root)) {
            String path = root.relativize(file).toString();
            Rule rule = RULES.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
            if (rule == null) {
                problems.add(path + ": no rule for this name (name the file after its kind)");
                continue;
            }
            if (rule.kinds() == ANY) {
                continue;
            }
            Set<String> kinds = kinds(file);
            if (kinds.isEmpty() && !rule.kinds().isEmpty()) {
                problems.add(path + ": neither an object nor a patch any kustomization targets");
            }
            Set<String> extra = new TreeSet<>(kinds);
            extra.removeAll(rule.kinds());
            if (!extra.isEmpty()) {
                problems.add(path + " holds " + extra + ", its name allows only " + new TreeSet<>(rule.kinds()));
            }
        }
        return problems;
    }

    /** The kinds of the file's documents, plus the target kind of every kustomization entry that patches with it. */
    static Set<String> kinds(Path file) {
        Set<String> kinds = new TreeSet<>();
        Manifests.read(file).forEach(doc -> kinds.add(doc.path("kind").asText()));
        Path kustomization = file.resolveSibling("kustomization.yaml");
        if (Files.exists(kustomization) && !file.equals(kustomization)) {
            for (JsonNode patch : Manifests.read(kustomization).get(0).path("patches")) {
                if (file.getFileName().toString().equals(patch.path("path").asText()) && patch.has("target")) {
                    kinds.add(patch.path("target").path("kind").asText());
                }
            }
        }
        return kinds;
    }

    static List<Path> yamlFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
