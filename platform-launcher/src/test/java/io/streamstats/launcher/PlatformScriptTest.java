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
import java.util.UUID;
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
        return copy(platformScript, mavenExit, "project");
    }

    private Path copy(String platformScript, int mavenExit, String name) throws Exception {
        return copy(platformScript, mavenExit, name, true);
    }

    /** {@code paced}: a second between modules, as the progress lines are checked against; else no pause. */
    private Path copy(String platformScript, int mavenExit, String name, boolean paced) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        ShellRun.executable(home.resolve("platform"), platformScript);
        ShellRun.executable(home.resolve(".mvn/find-jdk.sh"), Files.readString(FindJdkTest.SCRIPT));
        StringBuilder maven = new StringBuilder("#!/bin/sh\necho \"mvnw $*\" >wrapper-ran\necho \"[INFO] Scanning for projects...\"\n");
        for (int i = 0; i < MODULES.size(); i++) {
            maven.append(i == 0 || !paced ? "" : "sleep 1\n")
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
        return ShellRun.run(home.resolve("platform"), List.of("--once"), env(javaHome));
    }

    /** The script's environment: that JAVA_HOME, no installed JDKs to fall back on. */
    private Map<String, String> env(Path javaHome) throws Exception {
        Path roots = Files.createDirectories(dir.resolve("no-jdks-here"));
        return Map.of("JAVA_HOME", javaHome.toString(), "PLATFORM_JDK_ROOTS", roots.toString(),
                "PATH", ShellRun.pathWith(javaHome));
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
        Map<String, String> env = env(jdk);
        // not built yet: the build comes first, then the launcher prints its usage
        ShellRun.Result r = ShellRun.run(home.resolve("platform"), List.of("--help"), env);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(home.resolve("wrapper-ran")), r.toString());
        assertTrue(r.out().contains("The options come from the launcher, which is not built yet: building first"),
                r.toString());
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

    /**
     * What is wrong with when a script builds, over a run of starts in a copy of the project with every jar in
     * place: the first start builds; then none until a source, a POM or a .mvn file is edited, a source is added,
     * renamed or removed, a jar goes missing, or --rebuild is given (which the launcher never sees); a build that
     * failed is tried again on the next start.
     */
    private List<String> buildDecisionProblems(String script) throws Exception {
        List<String> problems = new ArrayList<>();
        Path jdk = ShellRun.fakeJdk(dir.resolve("jdk-25"), "25.0.1", false);
        Path home = copy(script, 0, "project-" + UUID.randomUUID(), false);
        Path source = home.resolve("streaming-service/src/main/java/A.java");
        Path pom = home.resolve("pom.xml");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {}");
        Files.writeString(pom, "<project/>");
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, hourAgo);
            }
        }
        for (String jar : JARS) {
            Files.createDirectories(home.resolve(jar).getParent());
            Files.writeString(home.resolve(jar), "built");
        }
        Path ran = home.resolve("wrapper-ran");
        Path stamp = home.resolve(".run-data/built");
        Map<String, String> env = env(jdk);
        // one start; returns whether it built (and the launcher started after it)
        java.util.function.Function<List<String>, Boolean> start = args -> {
            try {
                Files.deleteIfExists(ran);
                if (Files.exists(stamp)) { // the last build a while ago: what changes next is newer
                    Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minusSeconds(600)));
                }
                ShellRun.Result r = ShellRun.run(home.resolve("platform"), args, env);
                if (!r.out().contains("java ran: -jar platform-launcher/target/platform-launcher.jar --once")) {
                    problems.add("the launcher did not start with --once: " + r);
                }
                if (r.out().lines().anyMatch(l -> l.contains("java ran:") && l.contains("--rebuild"))) {
                    problems.add("--rebuild reached the launcher");
                }
                return Files.exists(ran);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        List<String> once = List.of("--once");
        if (!start.apply(once)) {
            problems.add("the first start did not build");
        }
        if (start.apply(once)) {
            problems.add("built though nothing changed");
        }
        if (!start.apply(List.of("--rebuild", "--once"))) {
            problems.add("--rebuild did not build");
        }
        for (Path edited : List.of(source, pom, home.resolve(".mvn/find-jdk.sh"))) {
            Files.setLastModifiedTime(edited, FileTime.from(Instant.now()));
            if (!start.apply(once)) {
                problems.add("no build after " + home.relativize(edited) + " changed");
            }
            Files.setLastModifiedTime(edited, hourAgo);
        }
        // a package named target is a source, not a module's build output
        Path inTargetPackage = source.resolveSibling("target/T.java");
        Files.createDirectories(inTargetPackage.getParent());
        Files.writeString(inTargetPackage, "package target; class T {}");
        if (!start.apply(once)) {
            problems.add("no build after a source in a package named target was added");
        }
        Files.setLastModifiedTime(inTargetPackage, hourAgo);
        Path renamed = source.resolveSibling("B.java");
        Files.move(source, renamed); // a move keeps the old time
        if (!start.apply(once)) {
            problems.add("no build after a source was renamed");
        }
        Files.delete(renamed);
        if (!start.apply(once)) {
            problems.add("no build after a source was removed");
        }
        Files.delete(home.resolve(JARS.get(4)));
        if (!start.apply(once)) {
            problems.add("no build with a jar missing");
        }
        Files.writeString(home.resolve(JARS.get(4)), "built"); // what that build made
        // a build that fails is tried again on the next start, never taken as done (the jars are the old ones)
        Path mvnw = home.resolve("mvnw");
        Files.writeString(mvnw, Files.readString(mvnw).replace("exit 0\n", "exit 1\n"));
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minusSeconds(600)));
        Files.writeString(source.resolveSibling("C.java"), "class C {}"); // an edit that does not compile
        for (int attempt = 1; attempt <= 2; attempt++) {
            Files.deleteIfExists(ran);
            ShellRun.Result r = ShellRun.run(home.resolve("platform"), once, env);
            if (!Files.exists(ran)) {
                problems.add("no build after a failed build");
            } else if (r.exit() != 1 || r.out().contains("java ran")) {
                problems.add("failed build " + attempt + " started the launcher: " + r);
            }
        }
        return problems;
    }

    @Test
    void theBuildRunsOnlyWhenSomethingChanged() throws Exception {
        assertEquals(List.of(), buildDecisionProblems(Files.readString(ShellRun.ROOT.resolve("platform"))));
    }

    @Test
    void seededBuildDecisionsAreCaught() throws Exception {
        String script = Files.readString(ShellRun.ROOT.resolve("platform"));
        // the script before the check: it builds on every start
        String always = script.replace("if [ -z \"$rebuild\" ] && [ -f \"$stamp\" ]; then",
                "if false; then");
        assertTrue(buildDecisionProblems(always).contains("built though nothing changed"));
        // POMs left out of the inputs
        String noPoms = script.replace(" -o -name pom.xml", "");
        assertEquals(List.of("no build after pom.xml changed"), buildDecisionProblems(noPoms));
        // times only, not the list of files
        String timesOnly = script.replace("inputs | cmp -s - \"$stamp\"", "true");
        assertEquals(List.of("no build after a source was renamed", "no build after a source was removed"),
                buildDecisionProblems(timesOnly));
        // every directory named target left out, not only the modules' build output
        String everyTarget = script.replace("\\( -path './*/target' ! -path './*/*/*' \\) -prune", "-path '*/target' -prune");
        assertEquals(List.of("no build after a source in a package named target was added"),
                buildDecisionProblems(everyTarget));
        // the mark of a build written whatever the build's outcome
        String markedAnyway = script.replace("if [ \"$status\" -ne 0 ]; then",
                "cp \"$stamp.next\" \"$stamp\"\nif [ \"$status\" -ne 0 ]; then");
        assertEquals(List.of("no build after a failed build"), buildDecisionProblems(markedAnyway));
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
