package io.streamstats.devkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a packaged service ({@code quarkus-run.jar}) to its end, as the chart's migration init container does
 * ({@code java -jar … migrate}), with its HTTP port held by this process the whole time: a run that tried to serve
 * would fail to bind it, so "exit 0 with the port held" shows the run never listened.
 */
public final class MigrateModeRun {

    /** Exit code and everything the process printed. */
    public record Result(int exitCode, String output) {
    }

    private MigrateModeRun() {
    }

    /** Runs {@code java -jar jar args…} with env plus {@code QUARKUS_HTTP_PORT} on a port held meanwhile. */
    public static Result run(Path jar, Map<String, String> env, Duration timeout, String... args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package the service first");
        }
        try (ServerSocket held = new ServerSocket(0)) {
            Path log = Files.createTempFile("migrate-mode-run", ".log");
            ProcessBuilder builder = new ProcessBuilder(ServiceProcess.javaJar(jar, List.of(), List.of(args)))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(held.getLocalPort()));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("still running after " + timeout.toSeconds() + " s:\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs several at once (to show Flyway's lock serializes them); results in the order started. */
    public static List<Result> runTogether(int count, Path jar, Map<String, String> env, Duration timeout,
                                           String... args) {
        List<Thread> threads = new ArrayList<>();
        Map<Integer, Result> results = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                Result result = run(jar, env, timeout, args);
                synchronized (results) {
                    results.put(index, result);
                }
            }, "migrate-mode-run-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<Result> ordered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ordered.add(results.get(i));
        }
        return ordered;
    }

    /** The highest {@code V<n>__*.sql} version in a migration directory (the service's latest schema version). */
    public static int latestVersion(Path migrationDirectory) {
        Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(migrationDirectory)) {
            return files.map(f -> versioned.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max()
                    .orElseThrow(() -> new IllegalStateException("no migrations in " + migrationDirectory));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code V<n>__*.sql} version in a migration directory, ascending (numbers may have gaps). */
    public static List<Integer> versions(Path migrationDirectory) {
        Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(migrationDirectory)) {
            return files.map(f -> versioned.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Schema history of a database: applied versions in order, and how many entries failed. */
    public record History(List<Integer> versions, int failed) {
    }

    public static History history(DatabaseServer server, String database) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.username(),
                server.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<Integer> versions = new ArrayList<>();
            int failed = 0;
            while (rs.next()) {
                versions.add(Integer.parseInt(rs.getString(1)));
                failed += rs.getBoolean(2) ? 0 : 1;
            }
            return new History(versions, failed);
        } catch (SQLException e) {
            throw new IllegalStateException("No schema history in " + database + ": " + e.getMessage(), e);
        }
    }
}
