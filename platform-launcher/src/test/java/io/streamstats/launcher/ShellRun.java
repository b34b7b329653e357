package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell scripts (./platform, .mvn/find-jdk.sh) against stand-in JDKs and a stand-in wrapper. */
final class ShellRun {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private ShellRun() {
    }

    /** Runs {@code script} with JAVA_HOME and PLATFORM_JDK_ROOTS unset unless {@code env} gives them. */
    static Result run(Path script, List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(script.getParent().toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("PLATFORM_JDK_ROOTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish in 60 s");
        return new Result(process.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A stand-in JDK at {@code home}: bin/java answers -version (and -XshowSettings) as a JDK of {@code version}
     * does, and otherwise prints the arguments it was run with; bin/javac exists unless {@code jre}.
     */
    static Path fakeJdk(Path home, String version, boolean jre) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("java"), """
                #!/bin/sh
                case "$*" in
                  *-version*) printf 'openjdk version "%s" 2025-10-21\\n    java.home = %s\\n' >&2; exit 0 ;;
                esac
                echo "java ran: $*"
                """.formatted(version, home));
        if (!jre) {
            executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        return home;
    }

    static Path executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    /** A PATH whose java is the stand-in {@code jdk}'s, ahead of the machine's own. */
    static String pathWith(Path jdk) {
        return jdk.resolve("bin") + ":" + System.getenv("PATH");
    }
}
