package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The README's run command left running (no {@code --once}): a creator who signs up after the start and whose video
 * is played and paused sees that view in today's settlement within the re-settle interval, though the scenario
 * settled today before the play. Then its thread is interrupted, which ends the wait for Ctrl-C, and the launcher,
 * stopping everything on its way out, leaves its ports free.
 */
class PlatformKeepsTodaySettledIT {

    private final Http http = new Http();

    @Test
    void playsAfterTheStartReachTodaysSettlement() throws Exception {
        int userPort = ServiceProcess.freePort();
        int streamingPort = ServiceProcess.freePort();
        Launcher.lastResult = null;
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(Launcher.run(new String[] {"--rows", "2000", "--resettle-every", "1",
                "--home", "..", "--user-port", Integer.toString(userPort),
                "--streaming-port", Integer.toString(streamingPort)})), "platform");
        run.start();
        try {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (Launcher.lastResult == null && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Scenario.Result started = Launcher.lastResult;
            assertNotNull(started, "the platform started and ran its scenario (exit " + exit.get() + ")");
            LocalDate today = started.day();
            String users = "http://localhost:" + userPort;
            String streaming = "http://localhost:" + streamingPort;

            Scenario api = new Scenario(users, streaming);
            String creator = api.user("late-creator", "CREATOR");
            String viewer = api.user("late-viewer", "VIEWER");
            long video = api.video(creator, "Played after the start", 600);
            String settlement = streaming + "/api/settlements?period=DAILY&date=" + today;
            assertEquals(0, http.expect(200, http.get(settlement, creator), "settlement").number("videoAmount"),
                    "nothing settled for a video registered after the start");

            Http.Response play = http.expect(200, http.post(streaming + "/api/videos/" + video + "/play", viewer,
                    null), "play");
            assertTrue(play.flag("countedAsView"));
            Thread.sleep(2_500);
            http.expect(200, http.post(streaming + "/api/videos/" + video + "/pause", viewer,
                    "{\"playbackId\":" + play.number("playbackId") + ",\"positionSeconds\":2}"), "pause");

            // one first-tier view: 1 won, once today is settled again (every second while plays come in)
            Http.Response after = http.get(settlement, creator);
            deadline = System.nanoTime() + 90_000_000_000L;
            while (after.number("videoAmount") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                after = http.expect(200, http.get(settlement, creator), "settlement");
            }
            assertEquals(1, after.number("videoAmount"), "today settled again with the play: " + after.body());
            assertEquals(1, after.number("views"), after.body());
        } finally {
            run.interrupt(); // stops the wait for Ctrl-C; the launcher stops everything on its way out
            run.join(120_000);
        }
        assertTrue(!run.isAlive(), "the launcher returned once interrupted");
        for (int port : new int[] {userPort, streamingPort}) {
            try (ServerSocket free = new ServerSocket(port)) {
                assertEquals(port, free.getLocalPort());
            } catch (IOException e) {
                throw new AssertionError("port " + port + " still taken after the stop", e);
            }
        }
    }
}
