package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .mvn/find-jdk.sh, which ./platform and ./test use to pick the JDK that runs Maven, against stand-in JDK layouts
 * (PLATFORM_JDK_ROOTS replaces /usr/lib/jvm, SDKMAN, … and a stand-in java 17 heads the PATH, as on this machine).
 */
class FindJdkTest {

    static final Path SCRIPT = ShellRun.ROOT.resolve(".mvn/find-jdk.sh");

    @TempDir
    Path dir;

    private Path jvm;
    private Path sdkman;
    private Path pathJdk;

    private void layout() throws Exception {
        jvm = Files.createDirectories(dir.resolve("usr-lib-jvm"));
        sdkman = Files.createDirectories(dir.resolve("sdkman-candidates-java"));
        pathJdk = ShellRun.fakeJdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.15", false);
        ShellRun.fakeJdk(jvm.resolve("java-8-openjdk-amd64"), "1.8.0_292", false);
    }

    private ShellRun.Result find(Path script, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "PLATFORM_JDK_ROOTS", jvm + ":" + sdkman, "PATH", ShellRun.pathWith(pathJdk)));
        env.putAll(extra);
        return ShellRun.run(script, List.of(), env);
    }

    @Test
    void onlyOldJdksIsAClearErrorSayingWhereItLooked() throws Exception {
        layout();
        ShellRun.fakeJdk(sdkman.resolve("25.0.1-tem"), "25.0.1", true); // a JRE: no javac, cannot build
        ShellRun.Result r = find(SCRIPT, Map.of());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out(), r.toString());
        for (String expected : List.of("needs a JDK 21 or newer", "JAVA_HOME is not set",
                "java-17-openjdk-amd64, JDK 17", "looked in: " + jvm + ":" + sdkman, "set JAVA_HOME")) {
            assertTrue(r.err().contains(expected), expected + " in " + r);
        }
        // the same with JAVA_HOME on the JDK 17
        r = find(SCRIPT, Map.of("JAVA_HOME", pathJdk.toString()));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("JAVA_HOME=" + pathJdk + " is JDK 17, older than 21"), r.toString());
    }

    @Test
    void theNewestInstalledJdkIsTakenAndNamed() throws Exception {
        layout();
        // listed in this order: jdk-21, temurin-25 (SDKMAN), zulu-17 — neither first nor last is the newest
        ShellRun.fakeJdk(jvm.resolve("jdk-21"), "21.0.5", false);
        Path newest = ShellRun.fakeJdk(sdkman.resolve("25.0.1-tem"), "25.0.1", false);
        ShellRun.fakeJdk(sdkman.resolve("zulu-17"), "17.0.9", false);
        ShellRun.fakeJdk(sdkman.resolve("26-ea-jre"), "26-ea", true); // a JRE is no candidate, however new
        ShellRun.Result r = find(SCRIPT, Map.of());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(newest + "\n", r.out(), r.toString());
        assertTrue(r.err().contains("JAVA_HOME is not set; using " + newest + " (JDK 25)"), r.toString());

        r = find(SCRIPT, Map.of("JAVA_HOME", pathJdk.toString()));
        assertEquals(newest + "\n", r.out(), r.toString());
        assertTrue(r.err().contains("JAVA_HOME=" + pathJdk + " is JDK 17, older than 21; using " + newest), r.toString());
    }

    @Test
    void aMacOsLayoutIsSearchedToo() throws Exception {
        layout();
        Path home = ShellRun.fakeJdk(jvm.resolve("temurin-25.jdk/Contents/Home"), "25", false);
        ShellRun.Result r = find(SCRIPT, Map.of());
        assertEquals(home + "\n", r.out(), r.toString());
    }

    @Test
    void aGoodJavaHomeOrPathJavaIsKeptQuietly() throws Exception {
        layout();
        ShellRun.fakeJdk(jvm.resolve("temurin-25"), "25.0.1", false);
        Path jdk21 = ShellRun.fakeJdk(dir.resolve("opt/jdk-21"), "21.0.5", false);
        ShellRun.Result r = find(SCRIPT, Map.of("JAVA_HOME", jdk21.toString()));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(jdk21 + "\n", r.out(), "JAVA_HOME is the user's choice when it is new enough");
        assertEquals("", r.err());

        pathJdk = jdk21;
        r = find(SCRIPT, Map.of());
        assertEquals(jdk21 + "\n", r.out(), "so is the java on the PATH: " + r);
        assertTrue(r.err().contains("using the java on the PATH, " + jdk21 + " (JDK 21)"), r.toString());
    }

    @Test
    void seededFirstFoundInsteadOfNewestPicksTheWrongJdk() throws Exception {
        layout();
        ShellRun.fakeJdk(jvm.resolve("jdk-21"), "21.0.5", false);
        Path newest = ShellRun.fakeJdk(jvm.resolve("temurin-25"), "25.0.1", false);
        String text = Files.readString(SCRIPT);
        String compare = "[ \"$version\" -gt \"$best_version\" ]";
        assertTrue(text.contains(compare), "find-jdk.sh still compares versions so");
        Path broken = ShellRun.executable(dir.resolve("broken/find-jdk.sh"),
                text.replace(compare, "[ \"$best_version\" -eq 0 ] && [ \"$version\" -ge 21 ]"));
        ShellRun.Result r = find(broken, Map.of());
        assertEquals(0, r.exit(), r.toString());
        assertNotEquals(newest + "\n", r.out(), "the seeded finder takes the first JDK 21+ it sees: " + r);
        assertEquals(newest + "\n", find(SCRIPT, Map.of()).out());
    }
}
