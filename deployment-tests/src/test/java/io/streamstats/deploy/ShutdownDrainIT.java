package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged user-service, with the shutdown timeout the chart sets, while a request is in flight: the
 * request still gets its answer, and the process then exits. The request is a sign-up whose body is still being sent
 * when the signal arrives (Quarkus counts a request from its headers on). Seeded: the same with the shutdown timeout
 * off, where the in-flight request loses its connection. Needs the packaged service and PLATFORM_DB_URL's database.
 */
class ShutdownDrainIT {

    @TempDir
    static Path work;

    @Test
    void anInFlightRequestIsAnsweredAfterSigterm() throws Exception {
        String timeout = chartShutdownTimeout();
        Outcome outcome = signUpAcrossSigterm(timeout, "drain", false);
        assertTrue(outcome.statusLine().startsWith("HTTP/1.1 201"), "answered after SIGTERM: " + outcome);
        // Quarkus logs "stopped in" when it shuts down by itself; ServiceProcess would SIGKILL it after 10 s
        assertTrue(outcome.log().contains("stopped in"), "exits by itself once the request is done: " + outcome);
    }

    /** Seeded: without quarkus.shutdown.timeout the same request is cut off. */
    @Test
    void withoutTheShutdownTimeoutTheRequestIsCutOff() throws Exception {
        Outcome outcome = signUpAcrossSigterm("0s", "cut", true);
        assertTrue(!outcome.statusLine().startsWith("HTTP/1.1 2"), "the request must be lost: " + outcome);
        // and the process went by itself with the request in flight, not by ServiceProcess's SIGKILL at 10 s
        assertTrue(outcome.exitedWithinSeconds() < 10, "exited without waiting for the request: " + outcome);
    }

    record Outcome(String statusLine, long exitedWithinSeconds, String log) {
    }

    /** QUARKUS_SHUTDOWN_TIMEOUT as the chart's default render gives it to user-service. */
    static String chartShutdownTimeout() {
        var deployment = Manifests.read(Manifests.render(null, Map.of())).stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")
                        && o.path("metadata").path("name").asText().endsWith("-user-service"))
                .findFirst().orElseThrow();
        for (JsonNode env : deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
            if (env.path("name").asText().equals("QUARKUS_SHUTDOWN_TIMEOUT")) {
                return env.path("value").asText();
            }
        }
        throw new AssertionError("the chart sets no QUARKUS_SHUTDOWN_TIMEOUT for user-service");
    }

    /**
     * The sign-up's first bytes, SIGTERM, then the rest: 1.5 s after the signal, or, with {@code afterExit}, once the
     * process is gone (the cut-off case: a slow exit must not let the request be answered after all).
     */
    static Outcome signUpAcrossSigterm(String shutdownTimeout, String name, boolean afterExit) throws Exception {
        Path jar = Manifests.ROOT.resolve("user-service/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "user-service is not packaged: ./mvnw package -DskipTests -pl user-service -am");
        DatabaseServer database = DatabaseSwitch.server();
        String db = "shutdown_drain_" + name;
        database.recreateDatabase(db);
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", database.jdbcUrl(db));
        env.put("DB_USERNAME", database.username());
        env.put("DB_PASSWORD", database.password());
        env.put("JWT_PRIVATE_KEY", work.resolve(name + "/private-key.pem").toString());
        env.put("JWT_PUBLIC_KEY", work.resolve(name + "/public-key.pem").toString());
        env.put("PLATFORM_AUTH_KEYS_GENERATE_IF_MISSING", "true");
        env.put("INTERNAL_API_KEY", "shutdown-drain-internal-key-0123456789");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", shutdownTimeout);
        ServiceProcess service = ServiceProcess.start("user-service", jar, ServiceProcess.freePort(), env,
                work.resolve(name + "/user-service.log"), Duration.ofSeconds(120));
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(30_000);
            byte[] body = ("{\"email\":\"drain-" + name + "@example.com\",\"password\":\"drain-password\","
                    + "\"nickname\":\"drain\",\"role\":\"VIEWER\"}").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(500);
            long signalled = System.nanoTime();
            // SIGTERM (ServiceProcess.stop: destroy, then SIGKILL after 10 s), while the body is still coming
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(service::stop);
            if (afterExit) {
                stopped.get();
            } else {
                Thread.sleep(1500); // the drain: leaves 8.5 s of ServiceProcess's 10 s for the answer and the exit
            }
            String status;
            try {
                out.write(body, 10, body.length - 10);
                out.flush();
                status = statusLine(socket.getInputStream());
            } catch (IOException e) {
                status = "connection lost: " + e.getMessage();
            }
            stopped.get();
            long seconds = Duration.ofNanos(System.nanoTime() - signalled).toSeconds();
            Outcome outcome = new Outcome(status, seconds, service.tail(15));
            System.out.println("shutdown timeout " + shutdownTimeout + ": " + status + " (" + seconds + " s after SIGTERM)");
            return outcome;
        } finally {
            service.stop();
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.isEmpty() ? "connection closed without an answer" : line.toString().trim();
    }

    @Test
    void theDurationParserReadsTheChartsValue() {
        assertEquals(Duration.ofSeconds(20), GracefulShutdownTest.duration(chartShutdownTimeout()));
    }
}
