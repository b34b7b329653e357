package io.streamstats.launcher;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The running platform: its database and its service processes; {@link #close()} stops all of them. */
final class Platform implements AutoCloseable {

    /** Databases of a local run; re-created at every start, so each run tells the same story. */
    static final String USERS_DB = "platform_users";
    static final String STREAMING_DB = "platform_streaming";

    private final List<ServiceProcess> services = new ArrayList<>();
    private final Options options;
    private final Path runDir;
    private DatabaseServer database;
    private ServiceProcess userService;
    private ServiceProcess streamingService;
    private volatile Process batch;
    private volatile boolean closing;
    private boolean closed;

    Platform(Options options) {
        this.options = options;
        this.runDir = options.home().resolve(".run-data").toAbsolutePath().normalize();
    }

    DatabaseServer database() {
        return database;
    }

    ServiceProcess userService() {
        return userService;
    }

    ServiceProcess streamingService() {
        return streamingService;
    }

    Path runDir() {
        return runDir;
    }

    /** Fails with a clear message when a port is taken or a service is not built, before starting anything. */
    void checkPrerequisites() {
        checkPortFree(options.userPort(), "user-service", "--user-port");
        checkPortFree(options.streamingPort(), "streaming-service", "--streaming-port");
        for (String module : List.of("user-service", "streaming-service", "settlement-batch", "settlement-bench")) {
            Path jar = jar(module);
            if (!jar.toFile().isFile()) {
                throw new LaunchException(module + " is not built (" + jar + " is missing): run ./mvnw package -DskipTests");
            }
        }
    }

    void startDatabase() {
        Progress.step("Database");
        database = DatabaseSwitch.choose(System.getenv(), null, 0);
        database.checkReachable();
        database.recreateDatabase(USERS_DB);
        database.recreateDatabase(STREAMING_DB);
        Progress.done(database.kind() + " at " + database.baseUrl());
    }

    void startServices() {
        String internalKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path keys = runDir.resolve("jwt");
        Map<String, String> userEnv = new HashMap<>(databaseEnv(USERS_DB, ""));
        userEnv.put("JWT_PRIVATE_KEY", keys.resolve("private-key.pem").toString());
        userEnv.put("JWT_PUBLIC_KEY", keys.resolve("public-key.pem").toString());
        userEnv.put("PLATFORM_AUTH_KEYS_GENERATE_IF_MISSING", "true");
        userEnv.put("INTERNAL_API_KEY", internalKey);
        // the demo, the benchmarks and whoever tries the platform here sign up their users from this one address
        userEnv.put("PLATFORM_SIGNUP_THROTTLE_BURST", "100000");
        if (options.loginLimitsOff()) {
            userEnv.put("PLATFORM_LOGIN_THROTTLE_ENABLED", "false");
        }
        // the creator studio is served by streaming-service (another port, so another origin): let its page call
        // login / refresh / logout / me here (CORS), by either name of this machine
        userEnv.put("STUDIO_CORS_ENABLED", "true");
        userEnv.put("STUDIO_ORIGINS", "http://localhost:" + options.streamingPort() + ",http://127.0.0.1:"
                + options.streamingPort());
        Progress.step("user-service on port " + options.userPort());
        userService = start("user-service", options.userPort(), userEnv);

        Map<String, String> streamingEnv = new HashMap<>(databaseEnv(STREAMING_DB, ""));
        streamingEnv.putAll(databaseEnv(STREAMING_DB, "REPLICA_"));
        streamingEnv.put("JWT_PUBLIC_KEY", keys.resolve("public-key.pem").toString());
        streamingEnv.put("USER_SERVICE_URL", userService.baseUrl());
        streamingEnv.put("INTERNAL_API_KEY", internalKey);
        // where the studio page (/studio/) signs in: user-service on its own port
        streamingEnv.put("STUDIO_USER_SERVICE_URL", userService.baseUrl());
        Progress.step("streaming-service on port " + options.streamingPort());
        streamingService = start("streaming-service", options.streamingPort(), streamingEnv);
    }

    /** Runs the packaged settlement batch with the given arguments, its output shown as it comes; returns its exit code. */
    int runBatch(String... args) {
        return runTool("settlement-batch", args);
    }

    /** Runs the packaged settlement-bench (the history generator, not part of the production image), as runBatch. */
    int runBench(String... args) {
        return runTool("settlement-bench", args);
    }

    /** A run of the batch whose output was kept rather than shown. */
    record ToolRun(int exit, String output) {
    }

    /** Runs the packaged settlement batch as {@link #runBatch}, keeping its output instead of showing it. */
    ToolRun runBatchQuietly(String... args) {
        StringBuilder output = new StringBuilder();
        int exit = runTool("settlement-batch", line -> output.append(line).append('\n'), args);
        return new ToolRun(exit, output.toString());
    }

    private int runTool(String module, String... args) {
        return runTool(module, line -> Progress.info("    " + line), args);
    }

    private int runTool(String module, java.util.function.Consumer<String> lines, String... args) {
        if (closing) {
            throw new IllegalStateException("The platform is stopping: " + module + " not started");
        }
        List<String> command = ServiceProcess.javaJar(jar(module), List.of(), List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(databaseEnv(STREAMING_DB, ""));
        builder.environment().put("QUARKUS_LOG_CONSOLE_LEVEL", "WARN");
        try {
            Process process = builder.start();
            batch = process;
            if (closing) {
                // the stop began while this one started and found no batch to end; started after Ctrl-C, the
                // process got no SIGINT of its own
                process.destroyForcibly();
                throw new IllegalStateException("The platform is stopping: " + module + " ended");
            }
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.accept(line);
                }
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + module + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Process running = batch;
            if (running != null) {
                running.destroyForcibly();
            }
            throw new IllegalStateException("Interrupted while " + module + " ran");
        } finally {
            batch = null;
        }
    }

    /** DB_URL etc. for a service's datasource (prefix "" for the primary, "REPLICA_" for the replica). */
    Map<String, String> databaseEnv(String databaseName, String prefix) {
        return Map.of(prefix + "DB_URL", database.jdbcUrl(databaseName),
                prefix + "DB_USERNAME", database.username(),
                prefix + "DB_PASSWORD", database.password());
    }

    private ServiceProcess start(String module, int port, Map<String, String> serviceEnv) {
        Map<String, String> env = new HashMap<>(serviceEnv);
        String jvmOptions = System.getenv("SERVICE_JVM_OPTIONS"); // e.g. heap size or a profiler for both services
        if (jvmOptions != null) {
            env.put("SERVICE_JVM_OPTIONS", jvmOptions.replace("{service}", module));
        }
        long started = System.nanoTime();
        ServiceProcess process = ServiceProcess.start(module, jar(module), port, env,
                runDir.resolve("logs").resolve(module + ".log"), Duration.ofSeconds(120));
        services.add(process);
        Progress.done(String.format("ready in %.1f s, log %s", (System.nanoTime() - started) / 1e9, process.log()));
        return process;
    }

    Path jar(String module) {
        return options.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
    }

    private static void checkPortFree(int port, String service, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new LaunchException("Port " + port + " for " + service + " is taken; stop what uses it or choose "
                    + "another with " + option);
        }
    }

    /** Whether {@link #close} began: what fails from then on is the stopping, not a fault to report. */
    boolean closing() {
        return closing;
    }

    /**
     * Stops the batch, the services and the embedded database, once: the shutdown hook (Ctrl-C) and the launcher's
     * own exit can both call this, and the later call waits for the first to finish.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopAll();
        }
    }

    private void stopAll() {
        Process running = batch;
        if (running != null) {
            running.destroyForcibly();
        }
        // an interrupted caller still waits for each service to exit, so their ports are free when this returns
        boolean interrupted = Thread.interrupted();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        DatabaseSwitch.stopEmbedded();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
