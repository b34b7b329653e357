package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.GatedDatabase;
import io.streamstats.streaming.support.Metrics;
import io.streamstats.streaming.support.Users;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MySQL replica restarts (its gate is cut: connections dropped, new ones refused) while the primary stays up:
 * the instance stays ready, play and pause answer 200, the reports answer 200 with the right figures from the
 * primary within a couple of seconds, and the fallbacks are counted; once the replica is back, reads return to it.
 * Liveness holds no database check at all: it stays UP with both databases unreachable.
 */
@QuarkusTest
class ReplicaOutageTest {

    static final LocalDate WEEKS = LocalDate.parse("2032-05-03"); // Mondays no other test uses
    static final LocalDate MONTH = LocalDate.parse("2032-05-01");

    @Inject
    AgroalDataSource primaryPool;

    /** A creator with two videos and their settled week and month, written as the batch writes them. */
    record Fixture(Users.User creator, Users.User viewer, long a, long b, LocalDate week) {
    }

    @AfterEach
    void reopen() {
        GatedDatabase.replica().open();
        GatedDatabase.primary().open();
    }

    @Test
    void aReplicaOutageLeavesTheInstanceReadyAndReportsComeFromThePrimary() throws Exception {
        Fixture f = fixture(0);
        awaitReadsOnTheReplica(f); // another test may have cut it a moment ago
        double before = fallbacks();
        long carried = GatedDatabase.replica().bytesCarried();
        reports(f);
        assertEquals(before, fallbacks(), "a read fell back with the replica up");
        assertTrue(GatedDatabase.replica().bytesCarried() > carried, "the reports did not go through the replica");

        GatedDatabase.replica().cut();
        duringReplicaOutage(f, before);
        assertEquals(0.0, metric("streaming_replica_up"));
        given().get("/q/health/group/replica").then().statusCode(503)
                .body("checks[0].name", equalTo("replica")).body("checks[0].status", equalTo("DOWN"))
                .body("checks[0].data.readsFrom", equalTo("primary"));

        GatedDatabase.replica().open();
        awaitReadsOnTheReplica(f); // within streaming.replica.retry-after (5 s) and a read
        double settled = fallbacks();
        carried = GatedDatabase.replica().bytesCarried();
        reports(f);
        assertEquals(settled, fallbacks(), "a read fell back although the replica is back");
        assertTrue(GatedDatabase.replica().bytesCarried() > carried, "the reports did not go through the replica");
        given().get("/q/health/group/replica").then().statusCode(200).body("checks[0].status", equalTo("UP"))
                .body("checks[0].data.readsFrom", equalTo("replica"));
    }

    static void awaitReadsOnTheReplica(Fixture f) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (metric("streaming_replica_up") < 1.0) {
            assertTrue(System.nanoTime() < deadline, "reads did not return to the replica within 30 s");
            reports(f);
            Thread.sleep(500);
        }
        // a pooled replica connection from before a cut (another test's) meets its end on its first read and that
        // read falls back once: read until a round of reads has none, so the checks that follow see the steady state
        double fallbacks = fallbacks();
        reports(f);
        while (fallbacks() != fallbacks) {
            assertTrue(System.nanoTime() < deadline, "reads kept falling back with the replica up for 30 s");
            fallbacks = fallbacks();
            reports(f);
        }
    }

    /**
     * What must hold while the replica is cut; {@code ReplicaOutageSeededTest} shows it does not on the old
     * configuration (replica in readiness, no fallback).
     */
    static void duringReplicaOutage(Fixture f, double fallbacksBefore) {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(not(containsString("replica")));
        long playback = Api.playbackId(Api.play(f.viewer(), f.a()));
        Api.pause(f.viewer(), f.a(), playback, 30).statusCode(200);
        for (int i = 0; i < 3; i++) { // the first read meets the dead connection, the next go straight to the primary
            reports(f);
        }
        double grown = fallbacks() - fallbacksBefore;
        assertTrue(grown >= 3, "fallback reads not counted: " + grown);
    }

    /** Top 5 (platform-wide and the creator's own) and the settlement, with their figures; each within 3 s. */
    static void reports(Fixture f) {
        given().auth().oauth2(f.creator().accessToken()).queryParam("period", "WEEKLY")
                .queryParam("date", f.week().toString()).queryParam("by", "VIEWS").queryParam("scope", "MINE")
                .get("/api/stats/top").then().time(lessThan(3000L)).statusCode(200)
                .body("items.videoId", contains((int) f.b(), (int) f.a()))
                .body("items.views", contains(70, 40));
        given().auth().oauth2(f.creator().accessToken()).queryParam("period", "WEEKLY")
                .queryParam("date", f.week().toString()).queryParam("by", "PLAY_TIME").queryParam("scope", "ALL")
                .get("/api/stats/top").then().time(lessThan(3000L)).statusCode(200)
                .body("items.videoId", contains((int) f.a(), (int) f.b()))
                .body("items.playSeconds", contains(900, 100));
        given().auth().oauth2(f.creator().accessToken()).queryParam("period", "MONTHLY")
                .queryParam("date", MONTH.toString()).get("/api/settlements").then().time(lessThan(3000L))
                .statusCode(200).body("items.videoId", contains((int) f.a(), (int) f.b()))
                .body("videoAmount", equalTo(1_500)).body("adAmount", equalTo(70))
                .body("totalAmount", equalTo(1_570));
    }

    @Test
    void livenessHoldsNoDatabaseCheckAndStaysUpWithBothDatabasesUnreachable() throws Exception {
        List<String> live = given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .extract().path("checks.name");
        List<String> ready = given().get("/q/health/ready").then().extract().path("checks.name");
        assertFalse(live.stream().anyMatch(ReplicaOutageTest::databaseCheck), live.toString());
        assertTrue(ready.stream().anyMatch(ReplicaOutageTest::databaseCheck), ready.toString()); // the test can see one
        try {
            GatedDatabase.primary().cut();
            GatedDatabase.replica().cut();
            // the cut is real: readiness (the primary's check) goes DOWN ...
            given().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("Database connections health check"));
            // ... and liveness does not: a database outage never gets the pods restarted
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            GatedDatabase.primary().open();
            GatedDatabase.replica().open();
            primaryPool.flush(AgroalDataSource.FlushMode.ALL); // its connections died with the cut
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready again 20 s after the primary came back");
            Thread.sleep(200);
        }
    }

    static boolean databaseCheck(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("database") || lower.contains("datasource") || lower.contains("replica");
    }

    /** The n-th fixture of a run: each ranks its own week. */
    static Fixture fixture(int n) {
        LocalDate week = WEEKS.plusWeeks(n);
        Users.User creator = Users.create("CREATOR");
        Users.User viewer = Users.create("VIEWER");
        long a = Api.video(creator, 600);
        long b = Api.video(creator, 600);
        insert("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds,"
                + " ad_views, video_amount, ad_amount) VALUES ('W', ?, ?, ?, 40, 900, 0, 0, 0),"
                + " ('W', ?, ?, ?, 70, 100, 0, 0, 0), ('M', ?, ?, ?, 40, 900, 50, 1000, 50),"
                + " ('M', ?, ?, ?, 70, 100, 20, 500, 20)",
                week, a, creator.id(), week, b, creator.id(), MONTH, a, creator.id(), MONTH, b, creator.id());
        // the platform-wide ranking by play time as the batch writes it (this week holds only these two videos)
        insert("INSERT INTO period_top (period, period_start, metric, rank_no, video_id, views, play_seconds)"
                + " VALUES ('W', ?, 'P', 1, ?, 40, 900), ('W', ?, 'P', 2, ?, 70, 100)", week, a, week, b);
        return new Fixture(creator, viewer, a, b, week);
    }

    /** Straight to the server, past both gates: the fixture is there whatever a test cut. */
    private static void insert(String sql, Object... values) {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(GatedDatabase.directJdbcUrl(),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double fallbacks() {
        return metric("streaming_replica_fallback_total");
    }

    static double metric(String name) {
        return Metrics.value(name);
    }
}
