package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamstats.devkit.ServiceProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, end to end, with the exact numbers of the scripted part: the packaged services and
 * batch as processes, the database from the switch, the scenario through the real API, then everything stopped.
 */
class PlatformEndToEndTest {

    @Test
    void theWholePlatformTellsTheScriptedStory() {
        int exit = Launcher.run(new String[] {"--once", "--rows", "20000", "--home", "..",
                "--user-port", Integer.toString(ServiceProcess.freePort()),
                "--streaming-port", Integer.toString(ServiceProcess.freePort())});
        assertEquals(0, exit);
        Scenario.Result r = Launcher.lastResult;

        assertEquals(List.of(true, false, true, true, true, false), r.countedAsView(),
                "first plays count; the replay inside 30 s and the creator's own play do not");
        assertEquals(List.of(600L, 300L, 300L, 300L, 301L, 900L), r.playedSeconds());
        assertEquals(List.of(2L, 0L, 1L, 0L, 1L, 2L), r.adViews());
        assertEquals(401, r.statusAfterLogout(), "the logged-out viewer is refused by streaming-service");
        assertEquals(0, r.batchExit());

        // views: 15:00 has 2, 5:00 and 5:01 one each (tie: lower id first); play time 1200, 301, 300
        assertEquals(List.of("Fifteen minutes", "Exactly five", "Five and a second"), r.mineByViews());
        assertEquals(List.of("Fifteen minutes", "Five and a second", "Exactly five"), r.mineByPlayTime());
        // 4 first-tier views at 1 won, 4 first-tier ad views at 10 won: the first (and only) settled day
        for (String period : List.of("DAILY", "WEEKLY", "MONTHLY")) {
            assertArrayEquals(new long[] {4, 40, 44}, r.settlementTotals().get(period), period);
        }
        assertEquals(5, r.topByViews().size(), "the generated day fills the platform-wide Top 5");
        assertEquals(5, r.topByPlayTime().size());
    }
}
