package io.streamstats.streaming.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.PlayPauseLoad;
import io.streamstats.devkit.ServiceProcess;
import io.streamstats.streaming.support.UserServiceTestResource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances of streaming-service on different ports against one database, 20,000 play/pause pairs
 * from 64 concurrent clients spread across both: bursts by one viewer on one video inside the 30-second window,
 * creators playing their own videos, pauses sent twice at once. Afterwards the stored views, play seconds and ad
 * views equal what the rules give, to the unit, and no segment is lost or duplicated.
 */
class MultiInstanceConcurrencyIT {

    static final String DATABASE = "streaming_concurrency_it";
    static final int PAIRS = 20_000;
    static final int CLIENTS = 64;

    static ServiceProcess userService;
    static final List<ServiceProcess> instances = new ArrayList<>();
    static DatabaseServer server;

    @BeforeAll
    static void startTwoInstances() {
        userService = UserServiceTestResource.startUserService("users_concurrency_it");
        server = DatabaseSwitch.server();
        server.recreateDatabase(DATABASE);
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", server.jdbcUrl(DATABASE));
        env.put("DB_USERNAME", server.username());
        env.put("DB_PASSWORD", server.password());
        env.put("REPLICA_DB_URL", server.jdbcUrl(DATABASE));
        env.put("JWT_PUBLIC_KEY", UserServiceTestResource.publicKeyLocation());
        env.put("USER_SERVICE_URL", userService.baseUrl());
        env.put("INTERNAL_API_KEY", UserServiceTestResource.INTERNAL_KEY);
        for (int i = 1; i <= 2; i++) {
            // both start at once: Flyway's lock lets one migrate while the other waits
            instances.add(ServiceProcess.start("streaming-service-" + i,
                    Path.of("target/quarkus-app/quarkus-run.jar"), ServiceProcess.freePort(), env,
                    Path.of("target/streaming-service-" + i + ".log"), Duration.ofSeconds(120)));
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(ServiceProcess::stop);
        if (userService != null) {
            userService.stop();
        }
    }

    @Test
    void countsAreExactAcrossInstances() throws Exception {
        List<String> urls = instances.stream().map(ServiceProcess::baseUrl).toList();
        PlayPauseLoad.Result result = new PlayPauseLoad(
                PlayPauseLoad.Settings.of(urls, userService.baseUrl(), CLIENTS, PAIRS)).run();
        System.out.println("Two instances: " + result.summary());

        assertEquals(List.of(), result.errorSamples(), "no request failed");
        assertEquals(0, result.errors());
        assertEquals(PAIRS, result.pairs());
        assertTrue(result.maxBurstSpanMillis() < 25_000,
                "every burst stayed inside one 30-second window (" + result.maxBurstSpanMillis() + " ms)");
        assertTrue(result.rejectedDoublePauses() > 0, "some pauses were sent twice at once");

        Map<Long, PlayPauseLoad.Expected> stored = new HashMap<>();
        long closedPlaybacks;
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.username(), server.password());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT video_id, SUM(counted_view), SUM(played_seconds), SUM(ad_views),"
                    + " SUM(record_type = 0), SUM(record_type = 1) FROM watch_history GROUP BY video_id")) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), new PlayPauseLoad.Expected(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM playbacks WHERE closed_at IS NOT NULL")) {
                rs.next();
                closedPlaybacks = rs.getLong(1);
            }
        }
        assertEquals(result.expectedByVideo(), stored, "per video: views, play seconds, ad views, plays, segments");
        assertEquals(result.pauses(), closedPlaybacks, "every playback closed exactly once");
        long views = stored.values().stream().mapToLong(PlayPauseLoad.Expected::views).sum();
        System.out.printf("Stored: %d plays, %d segments, %d views over %d videos%n",
                result.plays(), result.pauses(), views, stored.size());
    }
}
