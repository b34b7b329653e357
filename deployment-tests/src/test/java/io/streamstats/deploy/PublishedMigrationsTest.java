package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration, once published, never changes: Flyway stores each applied migration's checksum and refuses to migrate
 * an install whose applied migration differs from the image's (the pods' migrate init container then fails on every
 * start), and a changed statement would leave installs that ran the old one with another schema than new ones.
 * published-migrations.txt holds the SHA-256 of every migration of both services: a change to one fails here (write
 * a new migration instead), and a new one must be added to the list, which the failure message gives.
 */
class PublishedMigrationsTest {

    static final Map<String, Path> SERVICES = Map.of(
            "user-service", Path.of("../user-service/src/main/resources/db/migration"),
            "streaming-service", Path.of("../streaming-service/src/main/resources/db/migration"));
    static final Path PUBLISHED = Path.of("src/test/resources/published-migrations.txt");

    static Map<String, String> checksums(Map<String, Path> services) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (var service : services.entrySet()) {
            try (Stream<Path> files = Files.list(service.getValue())) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                    // line ends as committed (\n): a checkout with CRLF is the same migration to Flyway
                    String text = Files.readString(file).replace("\r\n", "\n");
                    sums.put(service.getKey() + "/" + file.getFileName(), sha256(text.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return sums;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> published() throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(PUBLISHED)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.trim().split("\\s+");
                sums.put(parts[0], parts[1]);
            }
        }
        return sums;
    }

    /** What differs between the migrations and the published list, one line each. */
    static List<String> problems(Map<String, String> actual, Map<String, String> published) {
        List<String> problems = new ArrayList<>();
        published.forEach((name, sum) -> {
            if (!actual.containsKey(name)) {
                problems.add(name + " was published and is gone: Flyway reports it missing on every install that applied it");
            } else if (!actual.get(name).equals(sum)) {
                problems.add(name + " changed after it was published: write a new migration instead (installs that"
                        + " applied it fail Flyway's checksum validation)");
            }
        });
        actual.forEach((name, sum) -> {
            if (!published.containsKey(name)) {
                problems.add(name + " is new: add the line '" + name + " " + sum + "' to " + PUBLISHED);
            }
        });
        return problems;
    }

    @Test
    void everyMigrationIsAsPublished() throws IOException {
        Map<String, String> actual = checksums(SERVICES);
        assertTrue(actual.size() >= 16, actual.toString());
        assertEquals(List.of(), problems(actual, published()));
    }

    @Test
    void anEditedARemovedAndANewMigrationAreNamed(@TempDir Path dir) throws IOException {
        // seeded: a copy of streaming-service's migrations with V13 edited, V15 removed and a V16 added
        Path copy = Files.createDirectories(dir.resolve("streaming"));
        try (Stream<Path> files = Files.list(SERVICES.get("streaming-service"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve("V13__viewer_credit.sql"), "-- a comment more\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(copy.resolve("V15__late_rows_sweep.sql"));
        Files.writeString(copy.resolve("V16__next.sql"), "SELECT 1;\n");
        Map<String, Path> services = Map.of("user-service", SERVICES.get("user-service"), "streaming-service", copy);
        List<String> problems = problems(checksums(services), published());
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("streaming-service/V13__viewer_credit.sql changed"), problems.toString());
        assertTrue(problems.get(1).startsWith("streaming-service/V15__late_rows_sweep.sql was published and is gone"),
                problems.toString());
        assertTrue(problems.get(2).startsWith("streaming-service/V16__next.sql is new"), problems.toString());
    }
}
