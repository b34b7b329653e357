package io.streamstats.streaming.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.MigrateModeRun;
import io.streamstats.devkit.MigrateModeRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in the chart's init-container mode ({@code java -jar quarkus-run.jar migrate}): a fresh
 * schema ends at the latest version, the process exits 0 and never listened (its HTTP port is held by the test, so
 * serving would have failed the run), and no revocation feed is polled (there is no user-service here). The other
 * outcomes (failure, unknown argument, two runs at once) are covered by user-service's MigrateModeIT.
 */
class MigrateModeIT {

    @Test
    void migrateBringsAFreshSchemaToTheLatestVersionAndExitsWithoutServing() throws Exception {
        DatabaseServer server = DatabaseSwitch.server();
        String database = "streaming_migrate_it";
        server.recreateDatabase(database);
        int latest = MigrateModeRun.latestVersion(Path.of("src/main/resources/db/migration"));
        Path publicKey = Files.createDirectories(Path.of("target/migrate-it-jwt")).resolve("public-key.pem");
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Map<String, String> env = Map.of(
                "DB_URL", server.jdbcUrl(database),
                "DB_USERNAME", server.username(),
                "DB_PASSWORD", server.password(),
                "JWT_PUBLIC_KEY", publicKey.toAbsolutePath().toString(),
                "USER_SERVICE_URL", "http://127.0.0.1:1",
                "INTERNAL_API_KEY", "migrate-it-key");

        Result result = MigrateModeRun.run(Path.of("target/quarkus-app/quarkus-run.jar"), env,
                Duration.ofSeconds(120), "migrate");
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("Listening on: http"), result.output());
        assertFalse(result.output().contains("Revocation feed"), result.output());
        java.util.List<Integer> versions = MigrateModeRun.versions(Path.of("src/main/resources/db/migration"));
        assertTrue(result.output().contains("at version " + latest + ", " + versions.size() + " migrations applied now"),
                result.output());
        assertEquals(new MigrateModeRun.History(versions, 0),
                MigrateModeRun.history(server, database));

        // k8s/base/secrets.yaml applied as it is: the placeholder key is refused at start, naming the cause
        Map<String, String> placeholder = new java.util.HashMap<>(env);
        placeholder.put("INTERNAL_API_KEY", "REPLACE_ME");
        Result refused = MigrateModeRun.run(Path.of("target/quarkus-app/quarkus-run.jar"), placeholder,
                Duration.ofSeconds(120), "migrate");
        assertTrue(refused.exitCode() != 0, refused.output());
        assertTrue(refused.output().contains("is REPLACE_ME, the placeholder of k8s/base/secrets.yaml"), refused.output());
    }
}
