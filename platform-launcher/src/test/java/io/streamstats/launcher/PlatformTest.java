package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the platform: once it began, no batch or bench run starts any more (the re-settle thread may ask for one
 * while Ctrl-C stops everything). Seeded: without the check, the start went on (and failed here on a NullPointerException,
 * as this platform never started a database).
 */
class PlatformTest {

    @TempDir
    Path home;

    @Test
    void onceStoppingItStartsNoBatchOrBench() {
        Platform platform = new Platform(Options.parse(new String[] {"--home", home.toString()}));
        platform.close();
        assertTrue(platform.closing());
        List<Executable> starts = List.of(() -> platform.runBatch("settle"), () -> platform.runBench("generate"),
                () -> platform.runBatchQuietly("settle", "--date", "2026-12-07"));
        for (Executable start : starts) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, start);
            assertTrue(refused.getMessage().startsWith("The platform is stopping: settlement-"), refused.getMessage());
        }
        assertDoesNotThrow(platform::close);
    }
}
