package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamstats.devkit.PackagedPlatform;
import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kind workflow's journey (.github/e2e/journey.sh) run here, unchanged, against the packaged services on this
 * machine: user-service and streaming-service behind a proxy that routes paths as the chart's Ingress does, and a
 * kubectl stand-in (src/test/resources/journey-rehearsal/kubectl) that answers the platform zone, plays a replica pod
 * that is away for a moment, and runs the settlement Job as the packaged batch with the arguments the journey patches
 * into it. What this proves: the journey's expected numbers are the ones the services and the batch produce, and its
 * checks fail on a wrong number. What it does not: anything about the cluster (the workflow on GitHub does that).
 * Needs the packaged services (./mvnw package, which ./mvnw verify does first) and the database of PLATFORM_DB_URL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyRehearsalIT {

    private static final Path JOURNEY = Manifests.ROOT.resolve(".github/e2e/journey.sh");
    private static final String ZONE = "Asia/Seoul";

    @TempDir
    static Path work;
    private static ServiceProcess users;
    private static ServiceProcess streaming;
    private static HttpServer ingress;
    private static PackagedPlatform platform;

    @BeforeAll
    static void startPlatform() throws IOException {
        platform = PackagedPlatform.start(Manifests.ROOT, work, "e2e_journey", ZONE, 0, Map.of(), Map.of());
        users = platform.users();
        streaming = platform.streaming();
        ingress = ingress(users.baseUrl(), streaming.baseUrl());
    }

    @AfterAll
    static void stopPlatform() {
        if (ingress != null) {
            ingress.stop(0);
        }
        if (platform != null) {
            platform.close();
        }
    }

    // first, on the fresh databases: the platform-wide Top 5 must hold only this run's videos
    @Test
    @Order(1)
    void theJourneyPassesAgainstTheRealServicesAndBatch() throws Exception {
        Run run = journey(Manifests.text(JOURNEY));
        assertEquals(0, run.exit(), () -> run.output() + "\n--- user-service:\n" + users.tail(40)
                + "\n--- streaming-service:\n" + streaming.tail(40));
        for (String check : List.of("ok   plays 1-4, 6", "ok   Top 5 by views, platform-wide",
                "ok   Top 5 by play time, the creator's own", "ok   settlement DAILY", "ok   settlement MONTHLY",
                "job created: settle --date ", "==> The journey passed")) {
            assertTrue(run.output().contains(check), "expected '" + check + "' in:\n" + run.output());
        }
    }

    @Test
    @Order(2)
    void aWrongExpectedNumberFailsTheJourney() throws Exception {
        // seeded: the journey expecting no ad in the 5:01 video (it stops before any play, so nothing is counted)
        String text = Manifests.text(JOURNEY);
        String expected = "'[[300,600],[],[300]]'";
        assertTrue(text.contains(expected), "journey.sh still states the expected ad positions");
        Run run = journey(text.replace(expected, "'[[300,600],[],[]]'"));
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL: ad positions of 15:00, 5:00, 5:01: got"), run.output());
    }

    record Run(int exit, String output) {
    }

    private static Run journey(String script) throws Exception {
        Path dir = Files.createTempDirectory(work, "run");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path kubectl = bin.resolve("kubectl");
        Files.copy(Path.of("src/test/resources/journey-rehearsal/kubectl"), kubectl);
        assertTrue(kubectl.toFile().setExecutable(true));
        Path file = dir.resolve("journey.sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("RELEASE", "sp");
        env.put("NAMESPACE", "sp");
        env.put("API", "http://127.0.0.1:" + ingress.getAddress().getPort());
        env.put("REHEARSAL_STATE", dir.toString());
        env.put("REHEARSAL_ZONE", ZONE);
        env.put("REHEARSAL_BATCH_JAR", platform.jar("settlement-batch").toString());
        env.put("REHEARSAL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("PLATFORM_ZONE", ZONE);
        env.putAll(platform.streamingDatabaseEnv(""));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("bash is needed to run the journey: " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the journey did not finish in 5 minutes:\n" + output);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    /** Routes as the chart's Ingress does: /api/users and /api/auth to user-service, the rest to streaming-service. */
    private static HttpServer ingress(String usersUrl, String streamingUrl) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (HttpExchange exchange) -> {
            try (exchange) {
                String path = exchange.getRequestURI().toString();
                String target = path.startsWith("/api/users") || path.startsWith("/api/auth") ? usersUrl : streamingUrl;
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "Authorization")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }
}
