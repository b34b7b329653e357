package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ingress.tls puts the certificate (and the cert-manager issuer, when named) on both Ingresses, or on neither. */
class IngressTlsTest {

    static List<ObjectNode> ingresses(Map<String, Object> values) {
        return Manifests.read(Manifests.render(null, values)).stream()
                .filter(o -> o.path("kind").asText().equals("Ingress")).toList();
    }

    static List<ObjectNode> ingresses(String yaml) {
        return Manifests.read(yaml).stream().filter(o -> o.path("kind").asText().equals("Ingress")).toList();
    }

    @Test
    void offByDefault() {
        List<ObjectNode> ingresses = ingresses(Map.of());
        assertEquals(2, ingresses.size());
        for (ObjectNode i : ingresses) {
            assertTrue(i.path("spec").path("tls").isMissingNode(), i.toString());
            assertTrue(i.path("metadata").path("annotations").toString().indexOf("cert-manager") < 0);
        }
    }

    @Test
    void enabledPutsTheCertificateOnBothIngresses() {
        for (ObjectNode i : ingresses(Map.of("ingress.tls.enabled", true, "ingress.host", "api.example.org"))) {
            assertEquals("[{\"hosts\":[\"api.example.org\"],\"secretName\":\"streaming-platform-tls\"}]",
                    i.path("spec").path("tls").toString(), i.path("metadata").path("name").asText());
        }
        List<ObjectNode> named = ingresses(Map.of("ingress.tls.enabled", true, "ingress.tls.secretName", "edge-cert",
                "ingress.tls.clusterIssuer", "letsencrypt"));
        assertEquals(2, named.size());
        for (ObjectNode i : named) {
            assertEquals("edge-cert", i.path("spec").path("tls").get(0).path("secretName").asText());
            assertEquals("letsencrypt", i.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText());
        }
        for (ObjectNode i : ingresses(Map.of("ingress.tls.enabled", true, "ingress.tls.issuer", "local-ca"))) {
            assertEquals("local-ca", i.path("metadata").path("annotations").path("cert-manager.io/issuer").asText());
            assertTrue(i.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").isMissingNode());
        }
    }

    @Test
    void productionValuesServeHttps() {
        List<ObjectNode> prod = ingresses(Manifests.render(Manifests.CHART.resolve("values-prod.yaml"), Map.of()));
        assertEquals(2, prod.size());
        prod.forEach(i -> assertEquals("streaming-platform-tls", i.path("spec").path("tls").get(0).path("secretName").asText()));
    }

    @Test
    void badTlsValuesAreRefused() {
        assertThrows(IllegalStateException.class, () -> Manifests.render(null, Map.of("ingress.tls.enabled", true,
                "ingress.tls.clusterIssuer", "a", "ingress.tls.issuer", "b")), "one issuer, not both");
        assertThrows(IllegalStateException.class, () -> Manifests.render(null,
                Map.of("ingress.tls.secretName", "Not_A_Name")), "a Secret name");
        assertThrows(IllegalStateException.class, () -> Manifests.render(null,
                Map.of("ingress.tls.hosts", "x")), "unknown key");
        assertThrows(IllegalStateException.class, () -> Manifests.render(null,
                Map.of("ingress.tls.enabled", "yes")), "a boolean");
    }
}
