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

    // Connections: user-service 7 pods x 8 + streaming-service 11 x 8 + batch 8 + partitions 2 + reserved 10 = 164 of
    // 200 by default (each Deployment at its HPA maximum + 1, the pod a rolling update adds).

    @Test
    void defaultsAndProdFitMaxConnections() {
        String defaults = Manifests.render(null, Map.of());
        // both servers' option files (ConfigMap <release>-mysql-init: primary.cnf, replica.cnf)
        assertEquals(2, defaults.split("\n    max-connections=200\n", -1).length - 1,
                "the in-cluster MySQL is started with the checked limit");
        var pools = Manifests.read(Manifests.render(null, Map.of("database.pool.batch", 7, "database.pool.partitions", 3)))
                .stream().filter(doc -> doc.path("kind").asText().equals("CronJob"))
                .collect(java.util.stream.Collectors.toMap(doc -> doc.path("metadata").path("name").asText(),
                        doc -> doc.findValues("env").stream()
                                .flatMap(env -> java.util.stream.StreamSupport.stream(env.spliterator(), false))
                                .filter(e -> e.path("name").asText().equals("DB_POOL_MAX"))
                                .map(e -> e.path("value").asText()).findFirst().orElse("")));
        // each CronJob's pool is the counted one
        assertEquals(Map.of("streaming-platform-settlement", "7", "streaming-platform-history-partitions", "3"),
                pools);
        Manifests.render(Manifests.CHART.resolve("values-prod.yaml"), Map.of());
        // the batch's connections are counted: 164 - 8 + 44 = 200 is the most the primary takes
        Manifests.render(null, Map.of("database.pool.batch", 44));
    }

    @Test
    void poolsTimesHpaMaximumAboveMaxConnectionsAreRefused() {
        // earlier defaults: 6 x 16 + 10 x 32 connections against the server's limit
        refused(Map.of("database.pool.userService", 16, "database.pool.streamingPrimary", 32),
                "MySQL primary connections", "7 pods x 16", "11 pods x 32", "above database.maxConnections (200)");
        // one more batch connection than fits
        refused(Map.of("database.pool.batch", 45), "MySQL primary connections", "batch 45", "= 201");
        // the partitions CronJob's too: it may hold its connections while it waits for the batch's lock
        refused(Map.of("database.pool.partitions", 39), "MySQL primary connections", "partitions 39", "= 201");
        // the HPA's maximum is what counts, not today's replicas, and a rolling update adds a pod to it: 6 x 8 +
        // 15 x 8 + 20 = 188 would fit, but during a rollout at the maximum 7 x 8 + 16 x 8 + 20 = 204 connect
        refused(Map.of("streamingService.autoscaling.maxReplicas", 15), "streaming-service 16 pods x 8", "= 204",
                "+ 1 each for a rolling update");
        // the same without an HPA: 15 fixed replicas, 16 during a rollout
        refused(Map.of("streamingService.autoscaling.enabled", false, "streamingService.replicas", 15),
                "streaming-service 16 pods x 8", "= 204");
        // the replica is counted on its own: 11 x 18 + 10 = 208
        refused(Map.of("database.pool.streamingReplica", 18), "MySQL replica connections", "= 208");
        // a server configured smaller than the chart assumes
        refused(Map.of("database.maxConnections", 100), "above database.maxConnections (100)");
    }

    @Test
    void anExternalDatabaseWithoutReplicaTakesTheReadsOnThePrimary() {
        Map<String, Object> external = Map.of("database.inCluster", false, "database.external.primaryHost", "db",
                "database.maxConnections", 200);
        // 164 + 11 x 8 reads = 252 on the one server
        refused(external, "+ reads 11 x 8", "= 252", "above database.maxConnections (200)");
        Manifests.render(null, Map.of("database.inCluster", false, "database.external.primaryHost", "db",
                "database.external.replicaHost", "replica", "database.maxConnections", 200));
    }

    @Test
    void aBatchPoolSmallerThanItsPartitionsIsRefused() {
        // each partition of a step holds a connection; the lock and the job repository take two more
        refused(Map.of("batch.partitions", 7), "database.pool.batch (8) is below batch.partitions (7) + 2");
        Manifests.render(null, Map.of("batch.partitions", 6));
        refused(Map.of("batch.partitions", 32, "database.pool.batch", 33), "database.pool.batch (33) is below batch.partitions (32) + 2");
    }

    @Test
    void fewerThanEightDaysOfPartitionsAheadAreRefused() {
        // the alert WatchHistoryPartitionsRunningOut fires under 7 days ahead: 7 would fire it on a healthy install
        refused(Map.of("batch.historyPartitions.ahead", 7), "batch.historyPartitions.ahead (7) must be at least 8");
        Manifests.render(null, Map.of("batch.historyPartitions.ahead", 8));
    }

    @Test
    void extraEnvThatTheChartSetsItselfIsRefused() {
        // in the container's own env
        refused(Map.of("streamingService.extraEnv.DB_URL", "jdbc:mysql://elsewhere/x"),
                "streamingService.extraEnv.DB_URL: the chart sets DB_URL itself");
        refused(Map.of("userService.extraEnv.JAVA_OPTS_APPEND", "-Xmx1g"), "userService.extraEnv.JAVA_OPTS_APPEND");
        refused(Map.of("batch.extraEnv.SETTLEMENT_OPEN_DAY_GRACE", "PT1H"),
                "batch.extraEnv.SETTLEMENT_OPEN_DAY_GRACE: the chart sets SETTLEMENT_OPEN_DAY_GRACE itself");
        refused(Map.of("batch.extraEnv.DB_POOL_MAX", 50), "batch.extraEnv.DB_POOL_MAX");
        // in the ConfigMap every pod reads: one service's own zone would split the platform's days
        refused(Map.of("userService.extraEnv.PLATFORM_ZONE", "UTC"), "userService.extraEnv.PLATFORM_ZONE");
        // a name no shell or container runtime takes
        refused(Map.of("streamingService.extraEnv.1BAD", "x"), "invalid propertyName '1BAD'");
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
