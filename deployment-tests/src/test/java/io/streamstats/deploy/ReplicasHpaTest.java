package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Deployment an HPA scales carries no {@code replicas}: a rendered count would reset the HPA's choice on every
 * {@code helm upgrade} or {@code kubectl apply} (scaling a loaded service down to the count in the file). Without
 * an HPA the count is rendered. Checked on every chart render and every kustomize build.
 */
class ReplicasHpaTest {

    @Test
    void noSetRendersReplicasForADeploymentAnHpaScales() {
        List<String> problems = new ArrayList<>();
        Manifests.allSets().forEach((set, objects) -> problems.addAll(conflicts(set, objects)));
        assertEquals(List.of(), problems);
    }

    @Test
    void withoutTheHpaTheReplicaCountIsRendered() {
        List<ObjectNode> objects = Manifests.allSets().get("helm without HPA");
        assertTrue(objects.stream().noneMatch(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler")));
        List<ObjectNode> deployments = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).toList();
        assertEquals(2, deployments.size());
        deployments.forEach(d -> assertEquals(2, d.path("spec").path("replicas").asInt(-1), d.path("metadata").toString()));
    }

    /** The prod overlay as it was: a replica patch on a Deployment its HPA owns. */
    @Test
    void anOverlayPinningReplicasUnderAnHpaIsFound() {
        List<ObjectNode> built = Manifests.read(Kubectl.kustomizeOrFail(KustomizeBuildTest.BROKEN.resolve("replicas-with-hpa")));
        assertEquals(List.of("seeded: Deployment streaming-platform-streaming-service has replicas: 4 and an HPA"),
                conflicts("seeded", built));
    }

    static List<String> conflicts(String set, List<ObjectNode> objects) {
        List<String> scaled = objects.stream()
                .filter(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler"))
                .filter(o -> o.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment"))
                .map(o -> o.path("spec").path("scaleTargetRef").path("name").asText())
                .toList();
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals("Deployment"))
                .filter(o -> o.path("spec").has("replicas") && scaled.contains(o.path("metadata").path("name").asText()))
                .map(o -> set + ": Deployment " + o.path("metadata").path("name").asText() + " has replicas: "
                        + o.path("spec").path("replicas").asText() + " and an HPA")
                .toList();
    }
}
