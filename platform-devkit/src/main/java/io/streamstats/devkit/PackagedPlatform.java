package io.streamstats.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * user-service and streaming-service started from their packaged jars ({@code target/quarkus-app}) on two fresh
 * databases of the test database server ({@link DatabaseSwitch}), as the end-to-end tests run them: keys generated
 * into the work folder, one internal API key, one platform zone; and the packaged batch run against the same
 * streaming database. Each test adds only what it needs (extra environment, a fixed streaming port).
 */
public final class PackagedPlatform implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final long BATCH_MINUTES = 3;

    private final Path root;
    private final DatabaseServer database;
    private final String streamingDatabase;
    private final String zone;
    private final ServiceProcess users;
    private final ServiceProcess streaming;

    private PackagedPlatform(Path root, DatabaseServer database, String streamingDatabase, String zone,
            ServiceProcess users, ServiceProcess streaming) {
        this.root = root;
        this.database = database;
        this.streamingDatabase = streamingDatabase;
        this.zone = zone;
        this.users = users;
        this.streaming = streaming;
    }

    /**
     * Starts both services on the databases {@code <prefix>_users} and {@code <prefix>_streaming} (recreated empty).
     *
     * @param root the repository's root (where the modules' {@code target/} folders are)
     * @param work a folder for keys and logs
     * @param streamingPort the port of streaming-service, or 0 for any free one (a test that must name its origin
     *        before user-service starts picks one with {@link ServiceProcess#freePort()})
     */
    public static PackagedPlatform start(Path root, Path work, String prefix, String zone, int streamingPort,
            Map<String, String> userEnv, Map<String, String> streamingEnv) {
        requirePackaged(root, "user-service", "streaming-service", "settlement-batch");
        DatabaseServer database = DatabaseSwitch.server();
        String usersDatabase = prefix + "_users";
        String streamingDatabase = prefix + "_streaming";
        database.recreateDatabase(usersDatabase);
        database.recreateDatabase(streamingDatabase);
        String key = prefix + "-internal-key-0123456789";

        Map<String, String> userService = new HashMap<>(databaseEnv(database, usersDatabase, ""));
        userService.put("JWT_PRIVATE_KEY", work.resolve("jwt/private-key.pem").toString());
        userService.put("JWT_PUBLIC_KEY", work.resolve("jwt/public-key.pem").toString());
        userService.put("PLATFORM_AUTH_KEYS_GENERATE_IF_MISSING", "true");
        userService.put("INTERNAL_API_KEY", key);
        userService.put("PLATFORM_ZONE", zone);
        // the tests on it sign up all their users from 127.0.0.1
        userService.put("PLATFORM_SIGNUP_THROTTLE_BURST", "100000");
        userService.putAll(userEnv);
        ServiceProcess users = ServiceProcess.start("user-service", jar(root, "user-service"),
                ServiceProcess.freePort(), userService, work.resolve("logs/user-service.log"), START_TIMEOUT);

        Map<String, String> streamingService = new HashMap<>(databaseEnv(database, streamingDatabase, ""));
        streamingService.putAll(databaseEnv(database, streamingDatabase, "REPLICA_"));
        streamingService.put("JWT_PUBLIC_KEY", work.resolve("jwt/public-key.pem").toString());
        streamingService.put("USER_SERVICE_URL", users.baseUrl());
        streamingService.put("INTERNAL_API_KEY", key);
        streamingService.put("PLATFORM_ZONE", zone);
        // where the studio page (served by streaming-service) signs in
        streamingService.put("STUDIO_USER_SERVICE_URL", "http://localhost:" + users.port());
        streamingService.putAll(streamingEnv);
        ServiceProcess streaming;
        try {
            streaming = ServiceProcess.start("streaming-service", jar(root, "streaming-service"),
                    streamingPort == 0 ? ServiceProcess.freePort() : streamingPort, streamingService,
                    work.resolve("logs/streaming-service.log"), START_TIMEOUT);
        } catch (RuntimeException e) {
            users.stop();
            throw e;
        }
        return new PackagedPlatform(root, database, streamingDatabase, zone, users, streaming);
    }

    /** A module's packaged jar. */
    public static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Fails (never skips) when a module is not packaged, saying how to package it. */
    public static void requirePackaged(Path root, String... modules) {
        for (String module : modules) {
            if (!Files.isRegularFile(jar(root, module))) {
                throw new IllegalStateException(module + " is not packaged: ./mvnw package -DskipTests -pl " + module
                        + " -am (./test does it first)");
            }
        }
    }

    public ServiceProcess users() {
        return users;
    }

    public ServiceProcess streaming() {
        return streaming;
    }

    public Path jar(String module) {
        return jar(root, module);
    }

    /** DB_URL, DB_USERNAME and DB_PASSWORD (each after {@code prefix}) of the streaming database: the batch's. */
    public Map<String, String> streamingDatabaseEnv(String prefix) {
        return databaseEnv(database, streamingDatabase, prefix);
    }

    /**
     * Runs the packaged batch's {@code settle} for the day (an open day too) and returns its output; fails unless
     * it exits 0. Its run lock is per database: another run on the same database (the platform's own re-settle)
     * makes it exit 2 at once; then it is tried again, for up to {@value #BATCH_MINUTES} minutes.
     */
    public String settle(LocalDate day) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("settle", "--date", day.toString(), "--allow-open-day"));
        List<String> command = ServiceProcess.javaJar(jar("settlement-batch"), List.of(), args);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(BATCH_MINUTES);
        while (true) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(streamingDatabaseEnv(""));
            builder.environment().put("PLATFORM_ZONE", zone);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(BATCH_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the batch did not finish in " + BATCH_MINUTES + " minutes:\n"
                        + output);
            }
            boolean locked = process.exitValue() == 2 && output.contains("holds the lock");
            if (!locked || System.nanoTime() > deadline) {
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("settle --date " + day + " exited " + process.exitValue() + ":\n"
                            + output);
                }
                return output;
            }
            Thread.sleep(2000);
        }
    }

    @Override
    public void close() {
        streaming.stop();
        users.stop();
    }

    private static Map<String, String> databaseEnv(DatabaseServer database, String name, String prefix) {
        return Map.of(prefix + "DB_URL", database.jdbcUrl(name), prefix + "DB_USERNAME", database.username(),
                prefix + "DB_PASSWORD", database.password());
    }
}
