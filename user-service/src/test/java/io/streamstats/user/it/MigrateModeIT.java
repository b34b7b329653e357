package io.streamstats.user.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.MigrateModeRun;
import io.streamstats.devkit.MigrateModeRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged service started as the chart's init container starts it ({@code java -jar quarkus-run.jar migrate}):
 * it brings a fresh schema to the latest version and exits 0 without listening for HTTP (its port is held by the
 * test all along, so a run that served would fail); run again it applies nothing; two at once both succeed (Flyway's
 * lock); a failing migration, an unreachable database and an unknown argument exit non-zero with the reason.
 */
class MigrateModeIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final DatabaseServer SERVER = DatabaseSwitch.server();
    static final int LATEST = MigrateModeRun.latestVersion(Path.of("src/main/resources/db/migration"));

    static Map<String, String> env(String database) {
        Path keys = Path.of("target/migrate-it-jwt").toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", SERVER.jdbcUrl(database));
        env.put("DB_USERNAME", SERVER.username());
        env.put("DB_PASSWORD", SERVER.password());
        env.put("JWT_PRIVATE_KEY", keys.resolve("private-key.pem").toString());
        env.put("JWT_PUBLIC_KEY", keys.resolve("public-key.pem").toString());
        env.put("PLATFORM_AUTH_KEYS_GENERATE_IF_MISSING", "true");
        env.put("INTERNAL_API_KEY", "migrate-it-key");
        return env;
    }

    @Test
    void migrateBringsAFreshSchemaToTheLatestVersionAndExitsWithoutServing() {
        String database = "users_migrate_it";
        SERVER.recreateDatabase(database);
        Result first = MigrateModeRun.run(JAR, env(database), TIMEOUT, "migrate");
        assertEquals(0, first.exitCode(), first.output());
        assertFalse(first.output().contains("Listening on: http"), first.output());
        assertTrue(first.output().contains("at version " + LATEST + ", " + LATEST + " migrations applied now"),
                first.output());
        assertEquals(new MigrateModeRun.History(IntStream.rangeClosed(1, LATEST).boxed().toList(), 0),
                MigrateModeRun.history(SERVER, database));

        Result again = MigrateModeRun.run(JAR, env(database), TIMEOUT, "migrate");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("at version " + LATEST + ", 0 migrations applied now"), again.output());
    }

    /** The held port is a real check: the same run without the argument serves, cannot bind it and fails. */
    @Test
    void withoutTheArgumentTheServiceServesSoTheHeldPortFailsIt() {
        String database = "users_migrate_it_serve";
        SERVER.recreateDatabase(database);
        Result serving = MigrateModeRun.run(JAR, env(database), TIMEOUT);
        assertNotEquals(0, serving.exitCode(), serving.output());
        assertTrue(serving.output().contains("seems to be in use"), serving.output());
    }

    @Test
    void twoMigrationRunsAtOnceBothSucceedAndApplyEachMigrationOnce() {
        String database = "users_migrate_it_together";
        SERVER.recreateDatabase(database);
        List<Result> results = MigrateModeRun.runTogether(2, JAR, env(database), TIMEOUT, "migrate");
        for (Result result : results) {
            assertEquals(0, result.exitCode(), result.output());
        }
        assertEquals(new MigrateModeRun.History(IntStream.rangeClosed(1, LATEST).boxed().toList(), 0),
                MigrateModeRun.history(SERVER, database));
    }

    @Test
    void aFailingMigrationExitsNonZeroWithTheReason() throws IOException {
        String database = "users_migrate_it_broken";
        SERVER.recreateDatabase(database);
        Path broken = Files.createDirectories(Path.of("target/migrate-it-broken"));
        Files.writeString(broken.resolve("V1__broken.sql"), "CREATE TABLE broken (id BIGINT PRIMARY KEY,);\n");
        Map<String, String> env = env(database);
        env.put("PLATFORM_MIGRATION_LOCATIONS", "filesystem:" + broken.toAbsolutePath());
        Result result = MigrateModeRun.run(JAR, env, TIMEOUT, "migrate");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Schema migration failed"), result.output());
        assertTrue(result.output().contains("V1__broken.sql"), result.output());
    }

    @Test
    void anUnreachableDatabaseExitsNonZeroWithTheReason() {
        Result result = migrateWith("DB_URL", "jdbc:mysql://127.0.0.1:1/users_migrate_it?connectTimeout=2000");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Schema migration failed"), result.output());
    }

    @Test
    void thePlaceholderInternalKeyIsRefusedAtStart() {
        // k8s/base/secrets.yaml applied as it is: the feed's key would be a word anyone can read in the repository
        Result result = migrateWith("INTERNAL_API_KEY", "REPLACE_ME");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("is REPLACE_ME, the placeholder of k8s/base/secrets.yaml"), result.output());
    }

    @Test
    void anUnknownArgumentIsRefused() {
        Result result = MigrateModeRun.run(JAR, env("users_migrate_it"), TIMEOUT, "migrat");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("the only argument is 'migrate'"), result.output());
    }

    /** A migrate run on users_migrate_it with one setting changed. */
    private static Result migrateWith(String setting, String value) {
        Map<String, String> env = env("users_migrate_it");
        env.put(setting, value);
        return MigrateModeRun.run(JAR, env, TIMEOUT, "migrate");
    }
}
