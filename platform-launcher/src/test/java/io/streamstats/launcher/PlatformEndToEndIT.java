package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.ServiceProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, end to end, with the exact numbers of the scripted part: the packaged services and
 * batch as processes, the database from the switch, the scenario through the real API, then everything stopped.
 */
class PlatformEndToEndIT {

    @Test
    void theWholePlatformTellsTheScriptedStory() {
        int userPort = ServiceProcess.freePort();
        int streamingPort = ServiceProcess.freePort();
        int exit = Launcher.run(new String[] {"--once", "--rows", "20000", "--home", "..",
                "--user-port", Integer.toString(userPort), "--streaming-port", Integer.toString(streamingPort)});
        assertEquals(0, exit);
        Scenario.Result r = Launcher.lastResult;

        // the creator studio it prints: served by streaming-service, signing in at user-service, which allows the
        // page's origin (CORS)
        assertEquals(new StudioCheck("http://localhost:" + streamingPort + "/studio/", 200,
                "http://localhost:" + userPort, "http://localhost:" + streamingPort), Launcher.lastStudio);

        assertEquals(List.of(true, false, true, true, true, false, false), r.countedAsView(),
                "first plays count; the replays inside 30 s and the creator's own play do not");
        // first pauses right after their plays, second ones 2.5 s later: honest 2-second segments are credited in
        // full; the seeks to 4:59 and the creator's claim of 15:00 only get the seconds since the play plus the 2 s
        // tolerance
        List<Long> played = r.playedSeconds();
        for (int honest : new int[] {1, 2, 3, 5}) {
            assertEquals(2L, played.get(honest), "segment " + honest);
        }
        for (int capped : new int[] {0, 4, 6}) {
            assertTrue(played.get(capped) >= 2 && played.get(capped) <= 5, "segment " + capped + ": " + played);
        }
        assertEquals(List.of(0L, 1L, 0L, 0L, 0L, 1L, 0L), r.adViews(), "only the replays from 4:59 reach an ad");
        assertEquals(401, r.statusAfterLogout(), "the logged-out viewer is refused by streaming-service");
        assertEquals(0, r.batchExit());

        // views: 15:00 has 2, 5:00 and 5:01 one each (tie: lower id first)
        assertEquals(List.of("Fifteen minutes", "Exactly five", "Five and a second"), r.mineByViews());
        long fifteen = played.get(0) + played.get(1) + played.get(2);
        long fiveAndASecond = played.get(4) + played.get(5);
        assertEquals(fifteen >= fiveAndASecond
                        ? List.of("Fifteen minutes", "Five and a second", "Exactly five")
                        : List.of("Five and a second", "Fifteen minutes", "Exactly five"), r.mineByPlayTime(),
                "by play time (ties: lower id first): " + fifteen + ", " + fiveAndASecond + " and 2 s");
        // 4 first-tier views at 1 won, 2 first-tier ad views at 10 won: the first (and only) settled day, so every
        // period the API documents (read from it: the year is printed because the service offers it) holds just it
        assertEquals(List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY"), List.copyOf(r.settlementTotals().keySet()));
        for (String period : r.settlementTotals().keySet()) {
            assertArrayEquals(new long[] {4, 20, 24}, r.settlementTotals().get(period), period);
        }
        // the channel's last 7 days: nothing before today, today's 24 won
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 24L), r.channelWeekTotals());
        assertEquals(5, r.topByViews().size(), "the generated day fills the platform-wide Top 5");
        assertEquals(5, r.topByPlayTime().size());
    }
}
