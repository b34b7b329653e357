package io.streamstats.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kubectl an operator runs (kustomize 5.5 inside kubectl 1.32), offline: {@code kubectl kustomize} and
 * {@code kubectl patch --local} need no API server. A missing binary fails the calling test, never skips it.
 */
final class Kubectl {

    /** Override with -Dkubectl=/path/to/kubectl. */
    static final Path BINARY = Path.of(System.getProperty("kubectl", "/usr/lib/google-cloud-sdk/bin/kubectl"));

    private Kubectl() {
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(String stdin, List<String> args) {
        return run(BINARY, stdin, args);
    }

    static Result run(Path binary, String stdin, List<String> args) {
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("kubectl is required and missing at " + binary
                    + " (install the Google Cloud SDK's kubectl, or pass -Dkubectl=<path>)");
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl timed out: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result kustomize(Path dir) {
        return run(null, List.of("kustomize", dir.toString()));
    }

    /** The build's output; an AssertionError naming the directory when kustomize fails (or panics). */
    static String kustomizeOrFail(Path dir) {
        Result result = kustomize(dir);
        if (result.exit() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + result.exit() + "):\n"
                    + firstLines(result.stderr(), 8));
        }
        return result.stdout();
    }

    /** Every directory under root holding a kustomization.yaml (the base and each overlay), in a stable order. */
    static List<Path> kustomizations(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLines(String text, int n) {
        return String.join("\n", text.lines().limit(n).toList());
    }
}
