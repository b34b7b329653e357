package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart refuses values that would break at run time: more database connections than MySQL accepts
 * (templates/checks.yaml), and nonsense the schema can state (values.schema.json: unknown keys, negative or missing
 * resources, wrong enums, ports out of range, cron schedules the CronJob controller refuses, time zones outside the
 * IANA database, an Ingress host that is no DNS name) or the template checks (min above max replicas). Each refusal
 * is a rendered failing case.
 */
class ValuesGuardTest {

    /** Renders and expects a refusal whose message names the cause. */
    private static void refused(Map<String, Object> values, String... expected) {
        var error = assertThrows(IllegalStateException.class, () -> Manifests.render(null, values), values.toString());
        for (String text : expected) {
            assertTrue(error.getMessage().contains(text), "expected '" + text + "' in: " + error.getMessage());
        }
    }

    // Connections: user-service 6 pods x 8 + streaming-service 10 x 8 + batch 8 + partitions 2 + reserved 10 = 148 of
    // 151 by default.

    @Test
    void defaultsAndProdFitMaxConnections() {
        String defaults = Manifests.render(null, Map.of());
        // both servers' option files (ConfigMap <release>-mysql-init: primary.cnf, replica.cnf)
        assertEquals(2, defaults.split("\n    max-connections=151\n", -1).length - 1,
                "the in-cluster MySQL is started with the checked limit");
        var pools = Manifests.read(Manifests.render(null, Map.of("database.pool.batch", 5, "database.pool.partitions", 3)))
                .stream().filter(doc -> doc.path("kind").asText().equals("CronJob"))
                .collect(java.util.stream.Collectors.toMap(doc -> doc.path("metadata").path("name").asText(),
                        doc -> doc.findValues("env").stream()
                                .flatMap(env -> java.util.stream.StreamSupport.stream(env.spliterator(), false))
                                .filter(e -> e.path("name").asText().equals("DB_POOL_MAX"))
                                .map(e -> e.path("value").asText()).findFirst().orElse("")));
        // each CronJob's pool is the counted one
        assertEquals(Map.of("streaming-platform-settlement", "5", "streaming-platform-history-partitions", "3"),
                pools);
        Manifests.render(Manifests.CHART.resolve("values-prod.yaml"), Map.of());
        // the batch's connections are counted: 148 - 8 + 11 = 151 is the most the primary takes
        Manifests.render(null, Map.of("database.pool.batch", 11));
    }

    @Test
    void poolsTimesHpaMaximumAboveMaxConnectionsAreRefused() {
        // the earlier defaults: 6 x 16 + 10 x 32 connections against a server that accepts 151
        refused(Map.of("database.pool.userService", 16, "database.pool.streamingPrimary", 32),
                "MySQL primary connections", "6 pods x 16", "10 pods x 32", "above database.maxConnections (151)");
        // one more batch connection than fits
        refused(Map.of("database.pool.batch", 12), "MySQL primary connections", "batch 12", "= 152");
        // the partitions CronJob's too: it may hold its connections while it waits for the batch's lock
        refused(Map.of("database.pool.partitions", 6), "MySQL primary connections", "partitions 6", "= 152");
        // the HPA's maximum is what counts, not today's replicas
        refused(Map.of("streamingService.autoscaling.maxReplicas", 11), "streaming-service 11 pods x 8", "= 156");
        // the replica is counted on its own: 10 x 16 + 10 = 170
        refused(Map.of("database.pool.streamingReplica", 16), "MySQL replica connections", "= 170");
        // a server configured smaller than the chart assumes
        refused(Map.of("database.maxConnections", 100), "above database.maxConnections (100)");
    }

    @Test
    void anExternalDatabaseWithoutReplicaTakesTheReadsOnThePrimary() {
        Map<String, Object> external = Map.of("database.inCluster", false, "database.external.primaryHost", "db",
                "database.maxConnections", 200);
        // 148 + 10 x 8 reads = 228 on the one server
        refused(external, "+ reads 10 x 8", "= 228", "above database.maxConnections (200)");
        Manifests.render(null, Map.of("database.inCluster", false, "database.external.primaryHost", "db",
                "database.external.replicaHost", "replica", "database.maxConnections", 200));
    }

    @Test
    void minReplicasAboveMaxReplicasIsRefused() {
        refused(Map.of("userService.autoscaling.minReplicas", 7), "userService.autoscaling.minReplicas (7) is above maxReplicas (6)");
        refused(Map.of("streamingService.autoscaling.maxReplicas", 1), "streamingService.autoscaling.minReplicas (2) is above maxReplicas (1)");
    }

    @Test
    void negativeOrMissingResourcesAreRefused() {
        refused(Map.of("userService.resources.requests.cpu", -1), "/userService/resources/requests/cpu");
        refused(Map.of("batch.resources.limits.memory", "-1Gi"), "/batch/resources/limits/memory");
        refused(Map.of("mysql.resources.requests.cpu", "lots"), "/mysql/resources/requests/cpu");
        refused(Map.of("streamingService.resources.requests.memory", "null"), "/streamingService/resources/requests", "memory");
        refused(Map.of("mysql.resources.limits", "null"), "/mysql/resources", "limits");
        refused(Map.of("database.pool.batch", 0), "/database/pool/batch");
    }

    @Test
    void unknownKeysAreRefusedAtEveryLevel() {
        // typos that would otherwise be ignored silently, leaving the default in place
        refused(Map.of("userService.replica", 3), "/userService", "replica");
        refused(Map.of("imagePullSecret[0].name", "ghcr-pull"), "imagePullSecret");
        refused(Map.of("database.pool.streaming", 4), "/database/pool", "streaming");
        refused(Map.of("streamingService.autoscaling.maxReplica", 4), "/streamingService/autoscaling", "maxReplica");
        refused(Map.of("mysql.resources.requests.gpu", 1), "/mysql/resources/requests", "gpu");
        refused(Map.of("monitoring.serviceMonitors", true), "/monitoring", "serviceMonitors");
    }

    @Test
    void wrongEnumValuesAreRefused() {
        refused(Map.of("image.pullPolicy", "Sometimes"), "/image/pullPolicy");
        refused(Map.of("image.pullPolicy", "never"), "/image/pullPolicy");
    }

    @Test
    void portsOutsideTheirRangeAreRefused() {
        refused(Map.of("userService.port", 0), "/userService/port");
        refused(Map.of("streamingService.port", 65536), "/streamingService/port");
        refused(Map.of("database.inCluster", false, "database.external.primaryHost", "db",
                "database.external.port", 70000), "/database/external/port");
    }

    @Test
    void badCronSchedulesAreRefused() {
        // what the CronJob controller would refuse only at install time, or run at an unintended hour
        refused(Map.of("batch.schedule", "30 0 * *"), "/batch/schedule");
        refused(Map.of("batch.schedule", "30 24 * * *"), "/batch/schedule");
        refused(Map.of("batch.schedule", "60 0 * * *"), "/batch/schedule");
        refused(Map.of("batch.schedule", "0 0 * * 7"), "/batch/schedule");
        refused(Map.of("batch.schedule", "@nightly"), "/batch/schedule");
        refused(Map.of("batch.schedule", "CRON_TZ=Asia/Seoul 30 0 * * *"), "/batch/schedule");
        refused(Map.of("batch.schedule", "*/0 * * * *"), "/batch/schedule");
        // and the forms the controller takes are kept
        for (String schedule : List.of("@daily", "*/15 0-6,22 1-31/2 JAN-mar mon-FRI", "0 1 ? * 0", "5 4 1,15 * *")) {
            Manifests.render(null, Map.of("batch.schedule", schedule));
        }
    }

    @Test
    void timeZonesOutsideTheIanaDatabaseAreRefused() {
        refused(Map.of("batch.timeZone", "Asia/Seol"), "/batch/timeZone");
        refused(Map.of("batch.timeZone", "asia/seoul"), "/batch/timeZone");
        refused(Map.of("batch.timeZone", "KST"), "/batch/timeZone");
        refused(Map.of("platform.zone", "+09:00"), "/platform/zone");
        refused(Map.of("platform.zone", "Local"), "/platform/zone");
        Manifests.render(null, Map.of("batch.timeZone", "UTC", "platform.zone", "UTC"));
        Manifests.render(null, Map.of("batch.timeZone", "Europe/Berlin", "platform.zone", "Europe/Berlin"));
    }

    @Test
    void everyZoneTheSchemaAllowsIsOneTheServicesCanRead() throws Exception {
        // platform.zone reaches the JVMs (PLATFORM_ZONE): a name the schema lets through must be one ZoneId knows
        JsonNode zones = new ObjectMapper().readTree(Manifests.CHART.resolve("values.schema.json").toFile())
                .path("definitions").path("ianaTimeZone").path("enum");
        assertTrue(zones.size() > 300, "the IANA zone list: " + zones.size());
        for (JsonNode zone : zones) {
            ZoneId.of(zone.asText());
        }
    }

    @Test
    void anIngressHostThatIsNotADnsNameIsRefused() {
        refused(Map.of("ingress.host", "https://streaming.example.com"), "/ingress/host");
        refused(Map.of("ingress.host", "Streaming.Example.com"), "/ingress/host");
        refused(Map.of("ingress.host", "localhost:8080"), "/ingress/host");
        Manifests.render(null, Map.of("ingress.host", "localhost"));
    }
}
