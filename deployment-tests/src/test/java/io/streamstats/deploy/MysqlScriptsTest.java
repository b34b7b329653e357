package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The MySQL init scripts as the chart mounts them (the rendered ConfigMap), run by bash with stand-ins for mysqld,
 * mysqladmin, mysql, mysql_tzinfo_to_sql and sleep on PATH ({@code src/test/resources/mysql-fakes}): they record every
 * call and the SQL sent, keep the "server's" state in files of the data directory, make the primary unreachable for a
 * number of attempts and can fail the initialisation or the clone half-way. What MySQL itself does with the SQL (clone,
 * replication) only the kind workflow shows.
 */
class MysqlScriptsTest {

    static final Path FAKES = Path.of("src/test/resources/mysql-fakes").toAbsolutePath();
    static final String ROOT_PASSWORD = "root-secret";
    static final String REPLICATION_PASSWORD = "repl-secret";
    static final String PRIMARY = "streaming-platform-mysql-primary-0.streaming-platform-mysql-primary";

    @TempDir
    Path dir;
    Path scripts;
    Path data;

    /** The ConfigMap the init containers mount at /scripts, from the default render. */
    static Map<String, String> renderedScripts() {
        Map<String, String> files = new HashMap<>();
        for (var doc : Manifests.read(Manifests.render(null, Map.of()))) {
            if (doc.path("kind").asText().equals("ConfigMap")
                    && doc.path("metadata").path("name").asText().endsWith("-mysql-init")) {
                doc.path("data").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
            }
        }
        assertTrue(files.containsKey("replica-init.sh") && files.containsKey("replica.cnf"), "mysql-init ConfigMap");
        return files;
    }

    @BeforeEach
    void mountScripts() throws IOException {
        scripts = Files.createDirectories(dir.resolve("scripts"));
        for (var file : renderedScripts().entrySet()) {
            Files.writeString(scripts.resolve(file.getKey()), file.getValue());
        }
        data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve("lost+found"));
        Files.createDirectories(dir.resolve("state"));
    }

    /** One run of an init container: exit code, its log (stderr) and the calls the stand-ins recorded since the last run. */
    record Run(int exit, String log, String calls) {
        List<String> sql() {
            return calls.lines().filter(l -> l.startsWith("  sql: ")).map(l -> l.substring(7)).toList();
        }

        long count(String text) {
            return calls.lines().filter(l -> l.contains(text)).count();
        }
    }

    Run run(String script, String hostname, Map<String, String> env) throws IOException, InterruptedException {
        Path calls = dir.resolve("state/calls.log");
        Files.deleteIfExists(calls);
        Files.deleteIfExists(dir.resolve("state/primary-attempts"));
        var pb = new ProcessBuilder("bash", scripts.resolve(script).toString());
        Map<String, String> e = pb.environment();
        e.put("PATH", FAKES + ":" + System.getenv("PATH"));
        e.put("FAKE_STATE", dir.resolve("state").toString());
        e.put("HOSTNAME", hostname);
        e.put("SCRIPTS_DIR", scripts.toString());
        e.put("DATADIR", data.toString());
        e.put("RUN_DIR", dir.resolve("run").toString());
        e.put("INSTANCE_CNF", dir.resolve("instance/instance.cnf").toString());
        e.put("MYSQL_ROOT_PASSWORD", ROOT_PASSWORD);
        e.put("REPLICATION_PASSWORD", REPLICATION_PASSWORD);
        e.put("FAKE_PRIMARY_ROOT_PASSWORD", ROOT_PASSWORD);
        e.put("TEMP_START_SECONDS", "5000");
        if (script.startsWith("primary")) {
            e.put("SERVER_ID_BASE", "1");
            e.put("APP_PASSWORD", "app-secret");
            e.put("APP_USER", "platform");
            e.put("USERS_DATABASE", "users");
            e.put("STREAMING_DATABASE", "streaming");
        } else {
            e.put("SERVER_ID_BASE", "100");
            e.put("PRIMARY_HOST", PRIMARY);
            e.put("PRIMARY_PORT", "3306");
        }
        e.putAll(env);
        // to a file, not a pipe: a server left running would hold a pipe open
        Path err = dir.resolve("state/stderr.log");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        Process p = pb.start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        String log = Files.readString(err);
        assertTrue(finished, script + " finished\n" + log);
        String recorded = Files.exists(calls) ? Files.readString(calls) : "";
        return new Run(p.exitValue(), log, recorded);
    }

    Run replica(Map<String, String> env) throws IOException, InterruptedException {
        return run("replica-init.sh", "streaming-platform-mysql-replica-0", env);
    }

    List<String> dataFiles() throws IOException {
        try (Stream<Path> s = Files.list(data)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    String instanceCnf() throws IOException {
        return Files.readString(dir.resolve("instance/instance.cnf"));
    }

    /** The delays the back-off slept, in order (start-up polling sleeps 1 s: left out). */
    static List<Integer> backOff(Run run) {
        List<Integer> delays = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^sleep (\\d+)$").matcher(run.calls());
        while (m.find()) {
            if (!m.group(1).equals("1")) {
                delays.add(Integer.parseInt(m.group(1)));
            }
        }
        return delays;
    }

    /** A new replica whose primary answers only at the 4th attempt: waits with doubling delays, then seeds and configures. */
    void assertWaitsThenSeeds(Run run) throws IOException {
        assertEquals(0, run.exit(), run.log());
        assertEquals(4, run.count("mysql --host=" + PRIMARY), "connection attempts to the primary\n" + run.calls());
        assertEquals(List.of(2, 4, 8), backOff(run), "back-off delays");
        assertTrue(run.log().contains("not ready (attempt 1 of 12: ERROR 2005"), run.log());
        assertTrue(run.log().contains("ready (attempt 4)"), run.log());
        // the wait comes before anything touches the data directory
        assertTrue(run.calls().indexOf("mysql --host=") < run.calls().indexOf("--initialize-insecure"), run.calls());
        String clone = String.join(" ", run.sql().stream().filter(s -> s.contains("CLONE") || s.contains("DATA DIRECTORY")).toList());
        assertTrue(clone.contains("CLONE INSTANCE FROM 'clone'@'" + PRIMARY + "':3306 IDENTIFIED BY '" + REPLICATION_PASSWORD + "'"), clone);
        assertTrue(clone.contains("DATA DIRECTORY = '" + data.resolve(".initializing/clone") + "' REQUIRE SSL"), clone);
        assertTrue(run.sql().contains("SET GLOBAL clone_valid_donor_list = '" + PRIMARY + ":3306';"), run.calls());
        String change = String.join(" ", run.sql().stream().dropWhile(s -> !s.startsWith("CHANGE REPLICATION SOURCE")).toList());
        assertTrue(change.contains("SOURCE_HOST = '" + PRIMARY + "', SOURCE_PORT = 3306"), change);
        assertTrue(change.contains("SOURCE_USER = 'repl', SOURCE_PASSWORD = '" + REPLICATION_PASSWORD + "'"), change);
        assertTrue(change.contains("SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 1"), change);
        assertFalse(run.calls().contains("START REPLICA"), "mysqld starts replication itself");
        // the clone is in place, with a server UUID of its own to come, and nothing of the staging area is left
        assertEquals(List.of("cloned-from-primary", "fake-replication", "fake-root-password", "lost+found", "mysql.ibd",
                "partial-tablespace"), dataFiles());
    }

    @Test
    void newReplicaWaitsForThePrimaryWithBackOffThenSeedsItself() throws Exception {
        assertWaitsThenSeeds(replica(Map.of("FAKE_PRIMARY_DOWN_FOR", "3")));
        String cnf = instanceCnf();
        assertTrue(cnf.contains("server-id=100\n") && cnf.contains("super-read-only=ON") && cnf.contains("read-only=ON"), cnf);
    }

    /** Seeded: the replica script without its wait tries the clone against a primary that is not there yet. */
    @Test
    void seededReplicaWithoutTheWaitIsCaught() throws Exception {
        Path script = scripts.resolve("replica-init.sh");
        String original = Files.readString(script);
        String broken = original.replace("  wait_for_primary\n  log \"seeding", "  log \"seeding");
        assertNotEquals(original, broken);
        Files.writeString(script, broken);
        Run run = replica(Map.of("FAKE_PRIMARY_DOWN_FOR", "3"));
        assertThrows(AssertionFailedError.class, () -> assertWaitsThenSeeds(run));
    }

    @Test
    void primaryThatNeverAnswersEndsTheWaitAfterTheBound() throws Exception {
        Run run = replica(Map.of("FAKE_PRIMARY_DOWN_FOR", "100", "WAIT_ATTEMPTS", "7"));
        assertNotEquals(0, run.exit());
        assertEquals(7, run.count("mysql --host="));
        assertEquals(List.of(2, 4, 8, 16, 30, 30), backOff(run), "doubling, capped at 30 s");
        assertTrue(run.log().contains("not ready after 7 attempts (ERROR 2005"), run.log());
        assertTrue(run.log().contains("exiting so the kubelet starts this container again"), run.log());
        assertEquals(List.of("lost+found"), dataFiles(), "nothing initialised without the primary");
    }

    @Test
    void restartOfAConfiguredReplicaRedoesNothing() throws Exception {
        assertEquals(0, replica(Map.of()).exit());
        Run restart = replica(Map.of());
        assertEquals(0, restart.exit(), restart.log());
        assertEquals(0, restart.count("mysql --host="), "no wait for the primary on a restart");
        assertFalse(restart.calls().contains("--initialize-insecure") || restart.calls().contains("CLONE"), restart.calls());
        assertFalse(restart.calls().contains("CHANGE REPLICATION SOURCE"), restart.calls());
        assertTrue(restart.log().contains("already configured: nothing to do"), restart.log());
        // the one server it started is unreachable from the network and does not start replication
        assertTrue(restart.calls().lines().filter(l -> l.startsWith("mysqld "))
                .allMatch(l -> l.contains("--skip-networking") && l.contains("--skip-replica-start")), restart.calls());
        assertTrue(dataFiles().contains("cloned-from-primary"));
    }

    @Test
    void rotatedReplicationPasswordIsUpdatedWithoutASeed() throws Exception {
        assertEquals(0, replica(Map.of()).exit());
        Run restart = replica(Map.of("REPLICATION_PASSWORD", "rotated"));
        assertEquals(0, restart.exit(), restart.log());
        assertFalse(restart.calls().contains("CLONE"), restart.calls());
        assertTrue(restart.calls().contains("SOURCE_PASSWORD = 'rotated'"), restart.calls());
        assertEquals(0, replica(Map.of("REPLICATION_PASSWORD", "rotated")).count("CHANGE REPLICATION SOURCE"));
    }

    @Test
    void interruptedSeedIsStartedOverOnTheNextStart() throws Exception {
        Run failed = replica(Map.of("FAKE_FAIL", "clone"));
        assertNotEquals(0, failed.exit());
        assertTrue(Files.isDirectory(data.resolve(".initializing/clone")), "the half clone stays in the staging area");
        assertEquals(List.of(".initializing", "lost+found"), dataFiles(), "nothing that looks like a data directory");
        Run again = replica(Map.of());
        assertTrue(again.log().contains("a seed did not finish: starting it over"), again.log());
        assertEquals(0, again.exit(), again.log());
        assertTrue(dataFiles().contains("cloned-from-primary") && !dataFiles().contains(".initializing"));
    }

    /** A data directory without replication (a seed interrupted after the move, or the old init half done): seeded again. */
    @Test
    void dataWithoutReplicationIsSeededAgain() throws Exception {
        Files.writeString(data.resolve("mysql.ibd"), "");
        Files.writeString(data.resolve("standalone-writes.ibd"), "");
        Files.writeString(data.resolve("fake-root-password"), ROOT_PASSWORD);
        Run run = replica(Map.of());
        assertEquals(0, run.exit(), run.log());
        assertTrue(run.log().contains("data without replication"), run.log());
        assertFalse(dataFiles().contains("standalone-writes.ibd"));
        assertTrue(dataFiles().contains("cloned-from-primary") && dataFiles().contains("fake-replication"));
    }

    @Test
    void serverIdComesFromThePodOrdinal() throws Exception {
        assertEquals(0, run("replica-init.sh", "sp-mysql-replica-7", Map.of()).exit());
        assertTrue(instanceCnf().endsWith("[mysqld]\nserver-id=107\n"), instanceCnf());
        Run bad = run("replica-init.sh", "not-a-statefulset-pod", Map.of());
        assertNotEquals(0, bad.exit());
        assertTrue(bad.log().contains("does not end in a StatefulSet ordinal"), bad.log());
    }

    /** Server-ids as lib.sh computes them: bash, the rendered script, a hostname and a base. */
    static int serverId(Path lib, String hostname, String base) throws IOException, InterruptedException {
        var pb = new ProcessBuilder("bash", "-c", "source \"$1\"; server_id \"$2\"", "bash", lib.toString(), hostname);
        pb.environment().put("SERVER_ID_BASE", base);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
        return Integer.parseInt(out);
    }

    @Test
    void freshPrimaryIsInitialisedInAStagingDirectoryThenSetUp() throws Exception {
        Run run = run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of());
        assertEquals(0, run.exit(), run.log());
        assertTrue(run.calls().lines().anyMatch(l -> l.contains("--initialize-insecure") && l.endsWith("--datadir=" + data.resolve(".initializing/data"))), run.calls());
        assertTrue(run.sql().contains("ALTER USER root@localhost IDENTIFIED BY '" + ROOT_PASSWORD + "';"), run.calls());
        assertTrue(run.calls().contains("mysql_tzinfo_to_sql /usr/share/zoneinfo"));
        List<String> sql = run.sql();
        for (String statement : List.of("CREATE DATABASE IF NOT EXISTS `users`;",
                "CREATE USER IF NOT EXISTS 'platform'@'%' IDENTIFIED BY 'app-secret';",
                "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';", "GRANT BACKUP_ADMIN ON *.* TO 'clone'@'%';")) {
            assertTrue(sql.contains(statement), statement + "\n" + run.calls());
        }
        assertEquals(List.of("auto.cnf", "fake-root-password", "lost+found", "mysql.ibd"), dataFiles());
        String cnf = instanceCnf();
        assertTrue(cnf.endsWith("server-id=1\n") && cnf.contains("plugin-load-add=mysql_clone.so"), cnf);
        assertFalse(cnf.contains("read-only"), cnf);
    }

    /** k8s/base/secrets.yaml applied as it is: refused before any server starts, on an empty and on a kept volume. */
    @Test
    void placeholderPasswordsAreRefusedBeforeAnyServerIsTouched() throws Exception {
        for (String variable : List.of("MYSQL_ROOT_PASSWORD", "APP_PASSWORD", "REPLICATION_PASSWORD")) {
            Run fresh = run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of(variable, "REPLACE_ME"));
            assertEquals(1, fresh.exit(), fresh.log());
            assertTrue(fresh.log().contains(variable + " is REPLACE_ME, the placeholder of k8s/base/secrets.yaml"),
                    fresh.log());
            assertEquals("", fresh.calls(), "nothing started or initialised");
            assertEquals(List.of("lost+found"), dataFiles());
        }
        assertEquals(0, run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of()).exit());
        Run kept = run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of("APP_PASSWORD", "REPLACE_ME"));
        assertEquals(1, kept.exit(), kept.log());
        assertFalse(kept.calls().contains("REPLACE_ME"), "the placeholder never reaches the server: " + kept.calls());
        Run replica = replica(Map.of("REPLICATION_PASSWORD", "REPLACE_ME"));
        assertEquals(1, replica.exit(), replica.log());
        assertEquals("", replica.calls());
    }

    @Test
    void primaryRestartKeepsItsDataAndRepairsUsersAndGrants() throws Exception {
        assertEquals(0, run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of()).exit());
        Files.writeString(data.resolve("watch_history.ibd"), "rows");
        Run restart = run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of("APP_PASSWORD", "rotated"));
        assertEquals(0, restart.exit(), restart.log());
        assertFalse(restart.calls().contains("--initialize-insecure"), restart.calls());
        assertTrue(restart.sql().contains("ALTER USER 'platform'@'%' IDENTIFIED BY 'rotated';"), restart.calls());
        assertTrue(dataFiles().contains("watch_history.ibd"));
    }

    /** The first start fails half-way through the initialisation; the next start completes it. */
    void assertInterruptedInitialisationIsRedone() throws Exception {
        Run failed = run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of("FAKE_FAIL", "initialize"));
        assertNotEquals(0, failed.exit());
        Run again = run("primary-init.sh", "streaming-platform-mysql-primary-0", Map.of());
        assertEquals(0, again.exit(), again.log());
        assertTrue(again.log().contains("an initialisation did not finish: starting it over"), again.log());
        assertEquals(List.of("auto.cnf", "fake-root-password", "lost+found", "mysql.ibd"), dataFiles());
    }

    @Test
    void interruptedPrimaryInitialisationIsStartedOver() throws Exception {
        assertInterruptedInitialisationIsRedone();
    }

    /**
     * Seeded: initialising in place, as the image's entrypoint does. It trips over the volume's lost+found, and an
     * interrupted run leaves a data directory the next start takes for a finished one (no root password: never ready).
     */
    @Test
    void seededPrimaryInitialisingInPlaceIsCaught() throws Exception {
        Path script = scripts.resolve("primary-init.sh");
        String original = Files.readString(script);
        String broken = original.replace("  mkdir -p \"$STAGE\"\n", "")
                .replace("\"$STAGE/data\"", "\"$DATADIR\"").replace("promote \"$DATADIR\"", ":");
        assertNotEquals(original, broken);
        assertFalse(broken.contains("$STAGE/data"), broken);
        Files.writeString(script, broken);
        assertThrows(AssertionFailedError.class, this::assertInterruptedInitialisationIsRedone);
    }
}
