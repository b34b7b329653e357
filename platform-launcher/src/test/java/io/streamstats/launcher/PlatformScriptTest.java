package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./platform script itself, in a copy of the project holding it, .mvn/find-jdk.sh, a stand-in Maven wrapper
 * that prints what Maven prints (a second between modules) and a stand-in JDK that prints what it is asked to run:
 * the build shows a line per module with the time since it began, keeps Maven's output in .run-data/logs/build.log,
 * shows the end of it when the build fails, and takes a JDK 21+ itself when JAVA_HOME is older.
 */
class PlatformScriptTest {

    static final Pattern MODULE_LINE = Pattern.compile("(?m)^  (\\d+):(\\d\\d)  \\[(\\d+)/3\\] (.+)$");
    static final List<String> MODULES = List.of("Streaming platform", "Platform :: domain", "Platform :: launcher");

    @TempDir
    Path dir;

    private Path copy(String platformScript, int mavenExit) throws Exception {
        Path home = Files.createDirectories(dir.resolve("project"));
        ShellRun.executable(home.resolve("platform"), platformScript);
        ShellRun.executable(home.resolve(".mvn/find-jdk.sh"), Files.readString(FindJdkTest.SCRIPT));
        StringBuilder maven = new StringBuilder("#!/bin/sh\necho \"mvnw $*\" >wrapper-ran\necho \"[INFO] Scanning for projects...\"\n");
        for (int i = 0; i < MODULES.size(); i++) {
            maven.append(i == 0 ? "" : "sleep 1\n")
                    .append("echo '[INFO] ------------------< io.streamstats:m").append(i).append(" >-------------------'\n")
                    .append("echo '[INFO] Building ").append(MODULES.get(i)).append(" 1.0.0-SNAPSHOT")
                    .append(" ".repeat(30 - MODULES.get(i).length())).append('[').append(i + 1).append("/3]'\n")
                    .append("echo '[INFO] --- compiler:3.14.0:compile (default-compile) @ m").append(i).append(" ---'\n");
        }
        maven.append("echo 'Downloading from central: https://repo.maven.apache.org/maven2/x.pom'\n");
        maven.append(mavenExit == 0 ? "echo '[INFO] BUILD SUCCESS'\n"
                : "echo '[ERROR] Failed to execute goal compile on project m2: Compilation failure' >&2\n");
        maven.append("exit ").append(mavenExit).append('\n');
        ShellRun.executable(home.resolve("mvnw"), maven.toString());
        return home;
    }

    private ShellRun.Result platform(Path home, Path javaHome) throws Exception {
        Path roots = Files.createDirectories(dir.resolve("no-jdks-here"));
        return ShellRun.run(home.resolve("platform"), List.of("--once"), Map.of("JAVA_HOME", javaHome.toString(),
                "PLATFORM_JDK_ROOTS", roots.toString(), "PATH", ShellRun.pathWith(javaHome)));
    }

    /** What is wrong with the build's progress as ./platform printed it: nothing, when a line per module shows. */
    static List<String> progressProblems(String out) {
        List<String> problems = new ArrayList<>();
        Matcher m = MODULE_LINE.matcher(out);
        List<String> seen = new ArrayList<>();
        int lastSeconds = 0;
        while (m.find()) {
            seen.add(m.group(4));
            lastSeconds = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        }
        if (!seen.equals(MODULES)) {
            problems.add("module lines " + seen + " instead of " + MODULES);
        }
        if (lastSeconds < 2) {
            problems.add("the last module started at " + lastSeconds + " s, not after the 2 s the modules before took");
        }
        if (out.contains("[INFO] ---")) {
            problems.add("Maven's own output reaches the terminal");
        }
        return problems;
    }

    @Test
    void theBuildShowsALinePerModuleWithItsTimeThenTheLauncherRuns() throws Exception {
        Path jdk = ShellRun.fakeJdk(dir.resolve("jdk-25"), "25.0.1", false);
        Path home = copy(Files.readString(ShellRun.ROOT.resolve("platform")), 0);
        ShellRun.Result r = platform(home, jdk);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), progressProblems(r.out()), r.toString());
        assertTrue(r.out().contains("downloading dependencies (the log has each)"), r.toString());
        assertTrue(Pattern.compile("(?m)^  \\d+:\\d\\d  built$").matcher(r.out()).find(), r.toString());
        assertTrue(r.out().contains("java ran: -jar platform-launcher/target/platform-launcher.jar --once"), r.toString());
        assertEquals("mvnw -B -DskipTests package", Files.readString(home.resolve("wrapper-ran")).strip());
        String log = Files.readString(home.resolve(".run-data/logs/build.log"));
        assertTrue(log.contains("[INFO] --- compiler:3.14.0:compile (default-compile) @ m2 ---"), log);
        assertTrue(log.contains("[INFO] BUILD SUCCESS"), log);
    }

    @Test
    void helpOnceTheLauncherIsBuiltRunsNoBuild() throws Exception {
        Path jdk = ShellRun.fakeJdk(dir.resolve("jdk-25"), "25.0.1", false);
        Path home = copy(Files.readString(ShellRun.ROOT.resolve("platform")), 0);
        Path roots = Files.createDirectories(dir.resolve("no-jdks-here"));
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "PLATFORM_JDK_ROOTS", roots.toString(),
                "PATH", ShellRun.pathWith(jdk));
        // not built yet: the build comes first, then the launcher prints its usage
        ShellRun.Result r = ShellRun.run(home.resolve("platform"), List.of("--help"), env);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(home.resolve("wrapper-ran")), r.toString());
        assertTrue(r.out().contains("java ran: -jar platform-launcher/target/platform-launcher.jar --help"), r.toString());

        Files.delete(home.resolve("wrapper-ran"));
        Files.createDirectories(home.resolve("platform-launcher/target"));
        Files.writeString(home.resolve("platform-launcher/target/platform-launcher.jar"), "a built launcher");
        for (String help : List.of("--help", "-h")) {
            r = ShellRun.run(home.resolve("platform"), List.of("--rows", "5", help), env);
            assertEquals(0, r.exit(), r.toString());
            assertFalse(Files.exists(home.resolve("wrapper-ran")), "no build for " + help + ": " + r);
            assertTrue(r.out().contains("java ran: -jar platform-launcher/target/platform-launcher.jar --help"),
                    r.toString());
        }
        // any other start still builds first
        r = ShellRun.run(home.resolve("platform"), List.of("--once"), env);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(home.resolve("wrapper-ran")), r.toString());
    }

    static final List<String> JARS = List.of("platform-launcher/target/platform-launcher.jar",
            "user-service/target/quarkus-app/quarkus-run.jar", "streaming-service/target/quarkus-app/quarkus-run.jar",
            "settlement-batch/target/quarkus-app/quarkus-run.jar", "settlement-bench/target/quarkus-app/quarkus-run.jar");

    @Test
    void upToDateJarsStartWithoutABuildAndAnyNewerSourceBuilds() throws Exception {
        Path jdk = ShellRun.fakeJdk(dir.resolve("jdk-25"), "25.0.1", false);
        Path home = copy(Files.readString(ShellRun.ROOT.resolve("platform")), 0);
        Path source = home.resolve("streaming-service/src/main/java/A.java");
        Path pom = home.resolve("pom.xml");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {}");
        Files.writeString(pom, "<project/>");
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        FileTime minutesAgo = FileTime.from(Instant.now().minusSeconds(600));
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, hourAgo);
            }
        }
        for (String jar : JARS) {
            Path p = home.resolve(jar);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "built");
        }
        // no build has run through the script yet: it builds once, and from then on only when something changed
        ShellRun.Result r = platform(home, jdk);
        assertTrue(Files.exists(home.resolve("wrapper-ran")), "the first start builds. " + r);
        Files.delete(home.resolve("wrapper-ran"));
        Files.setLastModifiedTime(home.resolve(".run-data/built"), minutesAgo);
        r = platform(home, jdk);
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(home.resolve("wrapper-ran")), "nothing changed since that build: no build. " + r);
        assertTrue(r.out().contains("Built and up to date"), r.toString());
        assertTrue(r.out().contains("java ran: -jar platform-launcher/target/platform-launcher.jar --once"), r.toString());

        // --rebuild builds anyway, and is not passed to the launcher
        r = ShellRun.run(home.resolve("platform"), List.of("--rebuild", "--once"), Map.of("JAVA_HOME", jdk.toString(),
                "PLATFORM_JDK_ROOTS", Files.createDirectories(dir.resolve("no-jdks-here")).toString(),
                "PATH", ShellRun.pathWith(jdk)));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(home.resolve("wrapper-ran")), r.toString());
        assertTrue(r.out().contains("java ran: -jar platform-launcher/target/platform-launcher.jar --once"), r.toString());
        assertFalse(r.out().contains("--rebuild"), r.toString());

        // a source, a POM or the build's own settings edited after the build, or a jar missing: a build
        for (Path edited : List.of(source, pom, home.resolve(".mvn/find-jdk.sh"))) {
            Files.delete(home.resolve("wrapper-ran"));
            Files.setLastModifiedTime(home.resolve(".run-data/built"), minutesAgo);
            Files.setLastModifiedTime(edited, FileTime.from(Instant.now()));
            r = platform(home, jdk);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(Files.exists(home.resolve("wrapper-ran")), "newer " + edited + ": a build. " + r);
            Files.setLastModifiedTime(edited, hourAgo);
        }
        Files.delete(home.resolve("wrapper-ran"));
        Files.setLastModifiedTime(home.resolve(".run-data/built"), minutesAgo);
        Files.delete(home.resolve(JARS.get(4)));
        r = platform(home, jdk);
        assertTrue(Files.exists(home.resolve("wrapper-ran")), "a jar missing: a build. " + r);
    }

    @Test
    void aFailedBuildShowsTheEndOfItsOutputAndStartsNothing() throws Exception {
        Path jdk = ShellRun.fakeJdk(dir.resolve("jdk-25"), "25.0.1", false);
        Path home = copy(Files.readString(ShellRun.ROOT.resolve("platform")), 1);
        ShellRun.Result r = platform(home, jdk);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("The build failed (exit 1)"), r.toString());
        assertTrue(r.err().contains("[ERROR] Failed to execute goal compile on project m2"), r.toString());
        assertFalse(r.out().contains("java ran"), r.toString());
        assertFalse(Files.exists(home.resolve(".run-data/built")), "a failed build leaves no mark of a build");
    }

    @Test
    void anOldJavaHomeIsReplacedByAnInstalledJdkOrRefusedBeforeBuilding() throws Exception {
        Path old = ShellRun.fakeJdk(dir.resolve("jdk-17"), "17.0.15", false);
        Path home = copy(Files.readString(ShellRun.ROOT.resolve("platform")), 0);
        ShellRun.Result r = platform(home, old);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("needs a JDK 21 or newer"), r.toString());
        assertFalse(Files.exists(home.resolve("wrapper-ran")), "nothing is built without a JDK 21+");

        Path installed = ShellRun.fakeJdk(dir.resolve("no-jdks-here/temurin-25"), "25.0.1", false);
        r = platform(home, old);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("JAVA_HOME=" + old + " is JDK 17, older than 21; using " + installed), r.toString());
        assertTrue(r.out().contains("java ran: -jar"), r.toString());
    }

    @Test
    void seededQuietBuildShowsNoProgress() throws Exception {
        // the script as it was: Maven's quiet flag, nothing on the terminal until the services start
        String quiet = """
                #!/bin/sh
                set -eu
                cd "$(dirname "$0")"
                JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
                ./mvnw -B -q -DskipTests package >/dev/null
                exec "$JAVA" -jar platform-launcher/target/platform-launcher.jar "$@"
                """;
        Path jdk = ShellRun.fakeJdk(dir.resolve("jdk-25"), "25.0.1", false);
        ShellRun.Result r = platform(copy(quiet, 0), jdk);
        assertEquals(0, r.exit(), r.toString());
        assertFalse(progressProblems(r.out()).isEmpty(), r.toString());
        // and a build that prints everything: Maven's lines reach the terminal
        String loud = quiet.replace(" -q", "").replace(" >/dev/null", "");
        List<String> problems = progressProblems(platform(copy(loud, 0), jdk).out());
        assertTrue(problems.contains("Maven's own output reaches the terminal"), problems.toString());
    }
}
