package io.streamstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.batch.support.BatchDatabase;
import io.streamstats.batch.support.History;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.ServiceProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged batch, as it runs in a Kubernetes Job, on a day loaded by this module's packaged generator: a run killed with SIGKILL in the middle of the aggregation
 * step and then restarted ends with exactly the same tables as an uninterrupted run over the same data.
 */
class SettlementRestartIT {

    static final Path BATCH_JAR = Path.of("../settlement-batch/target/quarkus-app/quarkus-run.jar");
    static final Path BENCH_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String DATE = "2026-09-15";

    @Test
    void killedRunRestartsToTheSameTablesAsAnUninterruptedOne() throws Exception {
        DatabaseServer server = DatabaseSwitch.server();
        List<List<String>> uninterrupted = settleIn(server, "batch_restart_reference", false);
        List<List<String>> restarted = settleIn(server, "batch_restart_killed", true);
        assertFalse(uninterrupted.isEmpty());
        assertEquals(uninterrupted, restarted);
    }

    private List<List<String>> settleIn(DatabaseServer server, String database, boolean kill) throws Exception {
        server.recreateDatabase(database);
        BatchDatabase.migrate(server, database);
        Map<String, String> env = Map.of("DB_URL", server.jdbcUrl(database), "DB_USERNAME", server.username(),
                "DB_PASSWORD", server.password(), "SETTLEMENT_PARTITIONS", "4");
        assertEquals(0, run(BENCH_JAR, env, null, "generate", "--date", DATE, "--rows", "200000", "--videos", "2000",
                "--viewers", "5000", "--seed", "7").exitCode());
        if (kill) {
            // each aggregation partition pauses 4 s after its work: kill once the first one is done
            Map<String, String> slow = new java.util.HashMap<>(env);
            slow.put("SETTLEMENT_AGGREGATE_PAUSE_MS", "4000");
            Run killed = run(BATCH_JAR, slow, "aggregate", "settle", "--date", DATE);
            assertTrue(killed.killed(), "the run was killed in the aggregation step");
            try (var c = java.sql.DriverManager.getConnection(server.jdbcUrl(database), server.username(),
                    server.password()); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM settled_dates")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the killed run did not finish");
            }
            Run restart = run(BATCH_JAR, env, null, "settle", "--date", DATE);
            assertEquals(0, restart.exitCode(), restart.output());
            assertTrue(restart.output().contains("Restarting the unfinished run"), restart.output());
        } else {
            Run run = run(BATCH_JAR, env, null, "settle", "--date", DATE);
            assertEquals(0, run.exitCode(), run.output());
        }
        return new History(() -> java.sql.DriverManager.getConnection(server.jdbcUrl(database), server.username(),
                server.password())).snapshot();
    }

    record Run(int exitCode, boolean killed, String output) {
    }

    /** Runs a packaged jar; with {@code killInStep}, SIGKILLs it when a partition of that step reports done. */
    private static Run run(Path jar, Map<String, String> env, String killInStep, String... args) throws Exception {
        List<String> command = ServiceProcess.javaJar(jar, List.of(), List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (killInStep != null && line.trim().startsWith(killInStep) && line.contains("partition")) {
                    process.destroyForcibly(); // SIGKILL
                    killed = true;
                    break;
                }
            }
        }
        process.waitFor(120, TimeUnit.SECONDS);
        return new Run(killed ? -9 : process.exitValue(), killed, output.toString());
    }
}
