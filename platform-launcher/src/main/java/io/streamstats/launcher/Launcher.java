package io.streamstats.launcher;

import io.streamstats.devkit.DatabaseSwitch;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole platform on this machine with nothing installed beyond a JDK: the database, the migrations, the
 * services as packaged apps on fixed ports. Exit codes: 0 success, 1 a step failed, 2 the platform cannot start
 * here (old JDK, port taken, database unreachable, services not built).
 */
public final class Launcher {

    static final int REQUIRED_JDK = 21;

    /** The scenario's outcome of the last run in this JVM, for the end-to-end test. */
    static volatile Scenario.Result lastResult;
    static volatile StudioCheck lastStudio;

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return 0;
        }
        if (Runtime.version().feature() < REQUIRED_JDK) {
            System.err.println("This platform needs JDK " + REQUIRED_JDK + " or newer; this is JDK "
                    + Runtime.version().feature() + " (" + System.getProperty("java.home") + ")."
                    + " Point JAVA_HOME at a newer JDK, e.g. /usr/lib/jvm/temurin-25-jdk-amd64.");
            return 2;
        }
        Platform platform = new Platform(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            platform.checkPrerequisites();
            platform.startDatabase();
            platform.startServices();
            if (options.benchPlayback()) {
                printUrls(platform);
                benchPlayback(platform, options);
                return 0;
            }
            if (options.benchLogin()) {
                printUrls(platform);
                benchLogin(platform, options);
                return 0;
            }
            Scenario.Result result = new Scenario(platform.userService().baseUrl(),
                    platform.streamingService().baseUrl()).run(platform, options.rows());
            lastResult = result;
            printUrls(platform);
            if (result.batchExit() != 0) {
                System.err.println("The settlement batch failed (exit " + result.batchExit() + ")");
                return 1;
            }
            if (options.once()) {
                Progress.info("--once: stopping the services and the database now.");
                return 0;
            }
            keepUp(platform, result, options.resettleSeconds(), stopped);
            return 0;
        } catch (LaunchException e) {
            System.err.println();
            System.err.println("Cannot start the platform: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println();
            System.err.println("Failed: " + e.getMessage());
            return cannotStartHere(e) ? 2 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            platform.close();
        }
    }

    /** A database that cannot be reached or started here: exit 2, as a missing JDK or a taken port. */
    static boolean cannotStartHere(IllegalStateException e) {
        String message = e.getMessage();
        return message != null && (message.contains("unreachable") || message.startsWith(DatabaseSwitch.EMBEDDED_START_FAILED));
    }

    /**
     * Until Ctrl-C: every {@code resettleSeconds} (0: never) today is settled again when plays or pauses were
     * answered since its last settle, so the reports show what is played now, not only what was played at start.
     */
    private static void keepUp(Platform platform, Scenario.Result started, int resettleSeconds, CountDownLatch stopped)
            throws InterruptedException {
        if (resettleSeconds == 0) {
            Progress.info("Running. Today's reports keep the figures settled at start (--resettle-every 0)."
                    + " Press Ctrl-C to stop everything.");
            stopped.await();
            return;
        }
        TodayResettle resettle = new TodayResettle(platform, started.day(), started.playbackAnsweredAtSettle(),
                Clock.systemDefaultZone());
        Progress.info("Running. Today's reports follow what is played: every " + resettleSeconds + " s, if plays or"
                + " pauses were answered since, today is settled again (--resettle-every; a few seconds each)."
                + " Press Ctrl-C to stop everything.");
        while (!stopped.await(resettleSeconds, TimeUnit.SECONDS)) {
            try {
                resettle.check();
            } catch (RuntimeException e) {
                if (platform.closing()) {
                    return; // Ctrl-C while it ran: the platform is already stopping
                }
                Progress.info("==> Could not settle today again: " + e.getMessage());
            }
        }
    }

    private static void benchPlayback(Platform platform, Options options) throws InterruptedException {
        var urls = java.util.List.of(platform.streamingService().baseUrl());
        String users = platform.userService().baseUrl();
        Progress.info("");
        if (options.warmupPairs() > 0) {
            Progress.info(String.format("Warm-up: %d play+pause pairs, not measured", options.warmupPairs()));
            var warmup = new io.streamstats.devkit.PlayPauseLoad(io.streamstats.devkit.PlayPauseLoad.Settings.of(
                    urls, users, options.clients(), options.warmupPairs())).run();
            Progress.info("  " + warmup.summary());
        }
        Progress.info(String.format("Benchmark: %d play+pause pairs, %d concurrent clients, one streaming-service "
                + "instance, load generator on this machine", options.pairs(), options.clients()));
        var result = new io.streamstats.devkit.PlayPauseLoad(io.streamstats.devkit.PlayPauseLoad.Settings.of(
                urls, users, options.clients(), options.pairs())).run();
        Progress.info(result.summary());
        result.errorSamples().forEach(e -> Progress.info("  error: " + e));
    }

    private static void benchLogin(Platform platform, Options options) throws InterruptedException {
        Progress.info("");
        Progress.info(String.format("Login flood: %d s of a real user's logins alone, then %d s of them under %d wrong "
                + "logins/s; user-service login limits %s", options.phaseSeconds(), options.phaseSeconds(),
                options.floodRate(), options.loginLimitsOff() ? "OFF" : "on"));
        var result = new io.streamstats.devkit.LoginFloodLoad(io.streamstats.devkit.LoginFloodLoad.Settings.of(
                platform.userService().baseUrl(), options.floodRate(),
                java.time.Duration.ofSeconds(options.phaseSeconds()))).run();
        result.summary().lines().forEach(line -> Progress.info("  " + line));
    }

    /** Checks the creator studio (page, config, CORS); answers null when it can sign in, else what is wrong. */
    private static String checkStudio(Platform platform) {
        String streaming = platform.streamingService().baseUrl();
        String users = platform.userService().baseUrl();
        lastStudio = StudioCheck.run(streaming, users);
        return lastStudio.problem(streaming, users);
    }

    private static void printUrls(Platform platform) {
        String studioProblem = checkStudio(platform);
        String users = platform.userService().baseUrl();
        String streaming = platform.streamingService().baseUrl();
        Progress.info("");
        Progress.info("The platform is up:");
        Progress.info(String.format("  %-18s %-34s %s", "service", "API", "Swagger UI / metrics / health"));
        Progress.info(String.format("  %-18s %-34s %s", "user-service", users + "/api", users + "/q/swagger-ui"));
        Progress.info(String.format("  %-18s %-34s %s", "", "", users + "/q/metrics  " + users + "/q/health"));
        Progress.info(String.format("  %-18s %-34s %s", "streaming-service", streaming + "/api", streaming + "/q/swagger-ui"));
        Progress.info(String.format("  %-18s %-34s %s", "", "", streaming + "/q/metrics  " + streaming + "/q/health"));
        Progress.info("  creator studio: " + lastStudio.url() + (studioProblem == null ? "" : "  (" + studioProblem + ")"));
        Progress.info("  database: " + platform.database().baseUrl() + " (" + platform.database().kind() + ")"
                + ", logs: " + platform.runDir().resolve("logs"));
    }
}
