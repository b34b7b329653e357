package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-cluster MySQL as rendered: N replicas with unique server-ids, the read Service over all replica pods, the
 * database TLS mode in every JDBC URL of every pod, the trust store mounted where it is named.
 */
class MysqlChartTest {

    static List<ObjectNode> render(Map<String, Object> set) {
        return Manifests.read(Manifests.render(null, set));
    }

    static ObjectNode find(List<ObjectNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                        && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError(name + " not in " + container.path("name").asText());
    }

    /** Every server-id the pods of a render get: lib.sh's computation on each pod's hostname and SERVER_ID_BASE. */
    static List<Integer> serverIds(List<ObjectNode> docs, Path lib) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (ObjectNode sts : docs) {
            if (!sts.path("kind").asText().equals("StatefulSet")) {
                continue;
            }
            String name = sts.path("metadata").path("name").asText();
            String base = env(sts.path("spec").path("template").path("spec").path("initContainers").get(0), "SERVER_ID_BASE");
            for (int ordinal = 0; ordinal < sts.path("spec").path("replicas").asInt(); ordinal++) {
                ids.add(MysqlScriptsTest.serverId(lib, name + "-" + ordinal, base));
            }
        }
        return ids;
    }

    @Test
    void serverIdsAreUniqueForAnyReplicaCount(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib.sh");
        Files.writeString(lib, MysqlScriptsTest.renderedScripts().get("lib.sh"));
        for (int replicas : List.of(1, 3, 50)) {
            List<ObjectNode> docs = render(Map.of("mysql.replica.replicas", replicas));
            assertEquals(replicas, find(docs, "StatefulSet", Manifests.RELEASE + "-mysql-replica").path("spec").path("replicas").asInt());
            List<Integer> ids = serverIds(docs, lib);
            assertEquals(replicas + 1, ids.size(), ids.toString());
            assertEquals(ids.size(), ids.stream().distinct().count(), "server-ids collide: " + ids);
            assertEquals(1, ids.get(0), "the primary");
        }
        // seeded: one base for both roles (the chart's old fixed ids did the same) collides
        List<ObjectNode> sameBase = render(Map.of("mysql.replica.replicas", 2));
        for (ObjectNode sts : sameBase) {
            if (sts.path("kind").asText().equals("StatefulSet")) {
                for (JsonNode e : sts.path("spec").path("template").path("spec").path("initContainers").get(0).path("env")) {
                    if (e.path("name").asText().equals("SERVER_ID_BASE")) {
                        ((ObjectNode) e).put("value", "1");
                    }
                }
            }
        }
        List<Integer> colliding = serverIds(sameBase, lib);
        assertTrue(colliding.stream().distinct().count() < colliding.size(), colliding.toString());
        assertThrows(IllegalStateException.class, () -> render(Map.of("mysql.replica.replicas", 0)));
        assertThrows(IllegalStateException.class, () -> render(Map.of("mysql.replica.replicas", 51)));
    }

    /** The services read through one Service whose selector matches every replica pod and nothing else. */
    @Test
    void readServiceSpreadsOverEveryReplicaPod() {
        List<ObjectNode> docs = render(Map.of("mysql.replica.replicas", 3));
        ObjectNode read = find(docs, "Service", Manifests.RELEASE + "-mysql-read");
        assertFalse(read.path("spec").path("clusterIP").asText().equals("None"), "kube-proxy balances connections");
        Map<String, String> selector = new HashMap<>();
        read.path("spec").path("selector").properties().forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
        assertFalse(selector.isEmpty());
        Map<String, Boolean> selected = new LinkedHashMap<>();
        for (ObjectNode doc : docs) {
            JsonNode labels = doc.path("spec").path("template").path("metadata").path("labels");
            if (labels.isObject()) {
                selected.put(doc.path("metadata").path("name").asText(),
                        selector.entrySet().stream().allMatch(e -> labels.path(e.getKey()).asText().equals(e.getValue())));
            }
        }
        assertEquals(Boolean.TRUE, selected.get(Manifests.RELEASE + "-mysql-replica"), selected.toString());
        assertEquals(1, selected.values().stream().filter(b -> b).count(), "only the replica StatefulSet: " + selected);
        // what streaming-service reads from
        ObjectNode streaming = find(docs, "Deployment", Manifests.RELEASE + "-streaming-service");
        String replicaUrl = env(streaming.path("spec").path("template").path("spec").path("containers").get(0), "REPLICA_DB_URL");
        assertTrue(replicaUrl.startsWith("jdbc:mysql://" + Manifests.RELEASE + "-mysql-read:3306/"), replicaUrl);
    }

    /** The containers and init containers of a pod template. */
    static List<JsonNode> containers(PodSecurity.PodTemplate pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.spec().path("initContainers").forEach(all::add);
        pod.spec().path("containers").forEach(all::add);
        return all;
    }

    /** Every JDBC URL of every container and init container (services, batch) as rendered. */
    static List<String> jdbcUrls(List<ObjectNode> docs) {
        List<String> urls = new ArrayList<>();
        for (var pod : PodSecurity.podTemplates("render", docs)) {
            for (JsonNode c : containers(pod)) {
                for (JsonNode e : c.path("env")) {
                    if (e.path("value").asText().startsWith("jdbc:")) {
                        urls.add(pod.where() + " " + e.path("name").asText() + "=" + e.path("value").asText());
                    }
                }
            }
        }
        return urls;
    }

    static void assertEveryUrlHasMode(List<ObjectNode> docs, String mode) {
        List<String> urls = jdbcUrls(docs);
        for (String env : List.of("user-service DB_URL", "streaming-service DB_URL", "streaming-service REPLICA_DB_URL",
                "settlement DB_URL")) {
            assertTrue(urls.stream().anyMatch(u -> u.contains(env.split(" ")[0]) && u.contains(" " + env.split(" ")[1] + "=")),
                    env + " among " + urls);
        }
        for (String url : urls) {
            assertTrue(url.contains("sslMode=" + mode + "&"), url);
            assertFalse(url.contains("useSSL"), url);
            assertEquals(List.of("DISABLED", "PREFERRED").contains(mode), url.contains("allowPublicKeyRetrieval=true"), url);
        }
    }

    @Test
    void tlsModeReachesEveryJdbcUrl() {
        for (String mode : List.of("DISABLED", "PREFERRED", "REQUIRED")) {
            assertEveryUrlHasMode(render(Map.of("database.tls.mode", mode)), mode);
        }
        String external = "database.external.primaryHost";
        for (String mode : List.of("VERIFY_CA", "VERIFY_IDENTITY")) {
            assertEveryUrlHasMode(render(Map.of("database.inCluster", false, external, "db.example.com",
                    "database.external.replicaHost", "db-replica.example.com", "database.tls.mode", mode)), mode);
        }
        // the default: encrypted, and the in-cluster MySQL refuses unencrypted TCP clients
        List<ObjectNode> defaults = render(Map.of());
        jdbcUrls(defaults).forEach(url -> assertTrue(url.contains("sslMode=REQUIRED&"), url));
        String cnf = find(defaults, "ConfigMap", Manifests.RELEASE + "-mysql-init").path("data").path("primary.cnf").asText();
        assertTrue(cnf.contains("require-secure-transport=ON"), cnf);
    }

    /** Seeded: the batch's URL with the old hard-coded parameters. */
    @Test
    void seededUrlWithoutTheModeIsCaught() {
        List<ObjectNode> docs = render(Map.of());
        for (var pod : PodSecurity.podTemplates("render", docs)) {
            for (JsonNode e : pod.spec().path("containers").get(0).path("env")) {
                if (pod.where().contains("settlement") && e.path("value").asText().startsWith("jdbc:")) {
                    ((ObjectNode) e).put("value", e.path("value").asText().replaceFirst("\\?.*",
                            "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"));
                }
            }
        }
        assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertEveryUrlHasMode(docs, "REQUIRED"));
    }

    @Test
    void badTlsValuesAreRefused() {
        assertThrows(IllegalStateException.class, () -> render(Map.of("database.tls.mode", "SOMETIMES")));
        assertThrows(IllegalStateException.class, () -> render(Map.of("database.tls.mode", "required")));
        var verifyInCluster = assertThrows(IllegalStateException.class,
                () -> render(Map.of("database.tls.mode", "VERIFY_CA")));
        assertTrue(verifyInCluster.getMessage().contains("self-signed"), verifyInCluster.getMessage());
    }

    /** A trust store named in the values is mounted into every pod with a JDBC URL, at the path the URL names. */
    @Test
    void trustStoreIsMountedWhereTheUrlsPointAt() {
        List<ObjectNode> docs = render(Map.of("database.inCluster", false, "database.external.primaryHost", "db.example.com",
                "database.external.replicaHost", "db-replica.example.com", "database.tls.mode", "VERIFY_IDENTITY", "database.tls.trustStore.secretName", "db-ca",
                "database.tls.trustStore.password", "p&ss"));
        List<String> pods = new ArrayList<>();
        for (var pod : PodSecurity.podTemplates("render", docs)) {
            for (JsonNode c : containers(pod)) {
                boolean jdbc = c.path("env").findValuesAsText("value").stream().anyMatch(v -> v.startsWith("jdbc:"));
                if (!jdbc) {
                    continue;
                }
                pods.add(pod.where());
                String url = c.path("env").findValuesAsText("value").stream().filter(v -> v.startsWith("jdbc:")).findFirst().orElseThrow();
                assertTrue(url.contains("trustCertificateKeyStoreUrl=file:/var/run/secrets/db-tls/truststore.p12"
                        + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=p%26ss&"), url);
                assertTrue(c.path("volumeMounts").toString().contains("\"mountPath\":\"/var/run/secrets/db-tls\""), pod.where());
                assertTrue(pod.spec().path("volumes").toString().contains("\"secretName\":\"db-ca\""), pod.where());
            }
        }
        assertEquals(4, pods.stream().distinct().count(),
                "user-service, streaming-service, the batch's settle and partitions: " + pods);
        // without one nothing is mounted
        assertFalse(Manifests.render(null, Map.of()).contains("db-tls"));
    }
}
