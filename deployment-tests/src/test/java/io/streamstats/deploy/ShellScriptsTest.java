package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * shellcheck passes on every shell script of the project: the chart's MySQL scripts (files/mysql), .ci/run, the
 * launcher (./platform, ./test, .mvn/find-jdk.sh), the Maven wrapper, the test stand-ins, any *.sh or file starting
 * with a sh/bash shebang. Fails (never skips) when shellcheck is missing: .ci/run installs it (apt-get install
 * shellcheck).
 */
class ShellScriptsTest {

    static final Path SEEDED = Path.of("src/test/resources/shellcheck-seeded").toAbsolutePath();
    static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea");
    static final Pattern SHEBANG = Pattern.compile("^#!\\s*(/usr/bin/env\\s+)?(/usr)?(/bin/)?(ba|da)?sh\\b");

    static List<Path> scripts() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Manifests.ROOT)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = Manifests.ROOT.relativize(file);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= SKIPPED_DIRS.contains(part.toString());
                }
                if (skipped || file.startsWith(SEEDED) || !Files.isRegularFile(file)) {
                    continue;
                }
                if (file.toString().endsWith(".sh") || file.toString().endsWith(".bash") || shebang(file)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    static boolean shebang(Path file) throws IOException {
        byte[] head = new byte[64];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.read(head);
        }
        return n > 2 && SHEBANG.matcher(new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)).find();
    }

    record Result(int exit, String output) {
    }

    static Result shellcheck(Path script) throws IOException, InterruptedException {
        Process p;
        try {
            // -x follows `source`, resolved next to the script (lib.sh of the MySQL scripts)
            p = new ProcessBuilder("shellcheck", "--external-sources", "--source-path=SCRIPTDIR", "--format=gcc",
                    script.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("shellcheck not found on PATH (Debian: apt-get install shellcheck; .ci/run installs it): " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    @Test
    void everyShellScriptPassesShellcheck() throws Exception {
        List<Path> scripts = scripts();
        for (String expected : List.of("helm/streaming-platform/files/mysql/replica-init.sh",
                "helm/streaming-platform/files/mysql/primary-init.sh", "helm/streaming-platform/files/mysql/lib.sh",
                "helm/streaming-platform/files/mysql/ready.sh", ".ci/run", "mvnw", "platform", "test", ".mvn/find-jdk.sh",
                "deployment-tests/src/test/resources/mysql-fakes/mysql")) {
            assertTrue(scripts.contains(Manifests.ROOT.resolve(expected)), expected + " is scanned: " + scripts);
        }
        StringBuilder findings = new StringBuilder();
        for (Path script : scripts) {
            Result r = shellcheck(script);
            if (r.exit() != 0) {
                findings.append(r.output());
            }
        }
        assertEquals("", findings.toString(), "shellcheck findings");
    }

    @Test
    void seededBrokenScriptIsReported() throws Exception {
        Result r = shellcheck(SEEDED.resolve("wait-unquoted.sh"));
        assertNotEquals(0, r.exit());
        for (String code : List.of("SC2086", "SC2164", "SC2154")) {
            assertTrue(r.output().contains(code), code + " in\n" + r.output());
        }
    }
}
