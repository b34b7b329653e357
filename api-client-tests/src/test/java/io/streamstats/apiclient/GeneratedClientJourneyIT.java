package io.streamstats.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.client.streaming.api.SettlementApi;
import io.streamstats.client.streaming.api.StatisticsApi;
import io.streamstats.client.streaming.api.VideosApi;
import io.streamstats.client.streaming.model.Metric;
import io.streamstats.client.streaming.model.PauseRequest;
import io.streamstats.client.streaming.model.PauseResponse;
import io.streamstats.client.streaming.model.PlayResponse;
import io.streamstats.client.streaming.model.RegisterVideoRequest;
import io.streamstats.client.streaming.model.SettlementItem;
import io.streamstats.client.streaming.model.SettlementResponse;
import io.streamstats.client.streaming.model.StatPeriod;
import io.streamstats.client.streaming.model.TopItem;
import io.streamstats.client.streaming.model.TopResponse;
import io.streamstats.client.streaming.model.VideoResponse;
import io.streamstats.client.users.ApiClient;
import io.streamstats.client.users.ApiException;
import io.streamstats.client.users.api.AuthApi;
import io.streamstats.client.users.api.UsersApi;
import io.streamstats.client.users.model.LoginRequest;
import io.streamstats.client.users.model.Problem;
import io.streamstats.client.users.model.RefreshRequest;
import io.streamstats.client.users.model.SignUpRequest;
import io.streamstats.client.users.model.TokenResponse;
import io.streamstats.client.users.model.UserResponse;
import io.streamstats.devkit.PackagedPlatform;
import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole journey through the Java clients that openapi-generator made from the services' published OpenAPI documents
 * (this module's build generates and compiles them; nothing in them is edited): sign-up, login, refresh, the signed-in
 * user, a creator's videos, plays and pauses, a settled day's Top 5 and settlement, logout, and errors surfacing as
 * the client's ApiException with a readable problem+json body. Against the packaged services and batch, on fresh
 * databases of the switch's server.
 */
class GeneratedClientJourneyIT {

    private static final String ZONE = "Asia/Seoul";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path work;
    private static PackagedPlatform platform;
    private static ServiceProcess users;
    private static ServiceProcess streaming;

    @BeforeAll
    static void startServices() {
        platform = PackagedPlatform.start(ROOT, work, "api_client", ZONE, 0, Map.of(), Map.of());
        users = platform.users();
        streaming = platform.streaming();
    }

    @AfterAll
    static void stopServices() {
        if (platform != null) {
            platform.close();
        }
    }

    /** A user-service client as generated, sending {@code accessToken} as its bearer token when not null. */
    private static ApiClient usersClient(String accessToken) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(users.baseUrl());
        if (accessToken != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
        }
        return client;
    }

    private static io.streamstats.client.streaming.ApiClient streamingClient(String accessToken) {
        io.streamstats.client.streaming.ApiClient client = new io.streamstats.client.streaming.ApiClient();
        client.updateBaseUri(streaming.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
        return client;
    }

    /**
     * Today in the platform zone, waiting for the next day when less than a minute of this one is left: the plays
     * (seconds) and the settle of their day must not straddle midnight.
     */
    static LocalDate dayWithAMinuteLeft() throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of(ZONE));
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(now.getZone());
        if (Duration.between(now, midnight).compareTo(Duration.ofMinutes(1)) < 0) {
            Thread.sleep(Duration.between(now, midnight).plusSeconds(1));
        }
        return LocalDate.now(ZoneId.of(ZONE));
    }

    @Test
    void aWholeJourneyThroughTheGeneratedClients() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AuthApi auth = new AuthApi(usersClient(null));
        UsersApi signUps = new UsersApi(usersClient(null));

        // sign up and log in: a creator and two viewers
        UserResponse creatorUser = signUps.signUp(new SignUpRequest().email("creator-" + run + "@example.com")
                .password("correct horse").nickname("Creator").role(SignUpRequest.RoleEnum.CREATOR));
        assertEquals(UserResponse.RoleEnum.CREATOR, creatorUser.getRole());
        String creator = login(auth, "creator-" + run + "@example.com").getAccessToken();
        signUps.signUp(new SignUpRequest().email("viewer1-" + run + "@example.com").password("correct horse")
                .nickname("Viewer one").role(SignUpRequest.RoleEnum.VIEWER));
        signUps.signUp(new SignUpRequest().email("viewer2-" + run + "@example.com").password("correct horse")
                .nickname("Viewer two").role(SignUpRequest.RoleEnum.VIEWER));
        TokenResponse first = login(auth, "viewer1-" + run + "@example.com");
        String viewer2 = login(auth, "viewer2-" + run + "@example.com").getAccessToken();

        // refresh: a new pair, and the new access token is the signed-in viewer's
        TokenResponse refreshed = auth.refresh(new RefreshRequest().refreshToken(first.getRefreshToken()));
        assertNotEquals(first.getRefreshToken(), refreshed.getRefreshToken());
        assertEquals("Bearer", refreshed.getTokenType());
        String viewer1 = refreshed.getAccessToken();
        UserResponse me = new UsersApi(usersClient(viewer1)).currentUser();
        assertEquals("viewer1-" + run + "@example.com", me.getEmail());
        assertEquals(UserResponse.RoleEnum.VIEWER, me.getRole());

        // the creator registers 15:00 and 5:01
        VideosApi creatorVideos = new VideosApi(streamingClient(creator));
        VideoResponse fifteen = creatorVideos.registerVideo(new RegisterVideoRequest().title("Fifteen minutes")
                .durationSeconds(900));
        VideoResponse fiveAndASecond = creatorVideos.registerVideo(new RegisterVideoRequest()
                .title("Five and a second").durationSeconds(301));
        assertEquals(List.of(300, 600), fifteen.getAdPositions());
        assertEquals(List.of(300), fiveAndASecond.getAdPositions());
        assertEquals(creatorUser.getId(), fifteen.getCreatorId());
        String a = Long.toString(fifteen.getId());
        String b = Long.toString(fiveAndASecond.getId());

        // plays and pauses, each pause right after its play unless said otherwise, all on one platform day
        LocalDate today = dayWithAMinuteLeft();
        VideosApi viewer1Videos = new VideosApi(streamingClient(viewer1));
        VideosApi viewer2Videos = new VideosApi(streamingClient(viewer2));
        PlayResponse play = viewer1Videos.play(a);
        assertTrue(play.getCountedAsView());
        assertEquals(0, play.getResumeFromSeconds());
        PauseResponse pause = viewer1Videos.pause(a, new PauseRequest().playbackId(play.getPlaybackId()).positionSeconds(2));
        assertEquals(List.of(2, 2, 0), List.of(pause.getPositionSeconds(), pause.getPlayedSeconds(), pause.getAdViews()));

        play = viewer2Videos.play(a);
        assertTrue(play.getCountedAsView());
        pause = viewer2Videos.pause(a, new PauseRequest().playbackId(play.getPlaybackId()).positionSeconds(2));
        assertEquals(2, pause.getPlayedSeconds());

        // viewer1 seeks to 4:59 of 5:01: credited only the seconds since the play (plus 2 s), no ad; a viewer's
        // pauses share the time that passed, so each of viewer1's later pauses comes 2.5 s after its play
        long beforePlay = System.nanoTime();
        play = viewer1Videos.play(b);
        assertTrue(play.getCountedAsView());
        Thread.sleep(2_500);
        pause = viewer1Videos.pause(b, new PauseRequest().playbackId(play.getPlaybackId()).positionSeconds(299));
        long sincePlay = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - beforePlay) + 1; // rounded up
        int seek = pause.getPlayedSeconds();
        // bounded by the time measured here, not by a guess of the machine's speed
        assertTrue(seek >= 2 && seek <= sincePlay + 2, "a seek is credited the time since the play ("
                + sincePlay + " s at most) plus 2 s: " + seek);
        assertEquals(0, pause.getAdViews());
        // a replay inside 30 s is no view; it resumes at 4:59 and passes the ad at 5:00
        play = viewer1Videos.play(b);
        assertFalse(play.getCountedAsView());
        assertEquals(299, play.getResumeFromSeconds());
        Thread.sleep(2_500);
        pause = viewer1Videos.pause(b, new PauseRequest().playbackId(play.getPlaybackId()).positionSeconds(301));
        assertEquals(List.of(2, 1), List.of(pause.getPlayedSeconds(), pause.getAdViews()));

        // the batch settles today (an open day, so --allow-open-day), then the reports of the settled day
        assertEquals(today, LocalDate.now(ZoneId.of(ZONE)), "the plays took more than a minute");
        settle(today);
        LocalDate day = today; // the document types date parameters as format: date
        StatisticsApi statistics = new StatisticsApi(streamingClient(viewer2));
        TopResponse byViews = statistics.topVideos(day, StatPeriod.DAILY, Metric.VIEWS, "ALL");
        assertEquals(List.of("Fifteen minutes:2:4", "Five and a second:1:" + (seek + 2)), items(byViews.getItems()));
        assertEquals(List.of(1, 2), byViews.getItems().stream().map(TopItem::getRank).toList());
        TopResponse byPlayTime = new StatisticsApi(streamingClient(creator))
                .topVideos(day, StatPeriod.DAILY, Metric.PLAY_TIME, "MINE");
        // play time 4 s and seek + 2 s (ties go to the lower video id, the 15:00 one)
        assertEquals(seek + 2 > 4 ? List.of("Five and a second", "Fifteen minutes")
                : List.of("Fifteen minutes", "Five and a second"), titles(byPlayTime.getItems()));

        // 3 views at 1 won and 1 ad view at 10 won (the first tier): every period holds just this day
        SettlementApi settlements = new SettlementApi(streamingClient(creator));
        for (StatPeriod period : StatPeriod.values()) {
            SettlementResponse settlement = settlements.settlement(day, period);
            assertEquals(List.of(3L, 10L, 13L), List.of(settlement.getVideoAmount(), settlement.getAdAmount(),
                    settlement.getTotalAmount()), period.toString());
            // today is not over: every period holding it may still grow
            assertEquals("provisional", String.valueOf(settlement.getStatus()), period.toString());
            assertEquals(List.of("Fifteen minutes:2:0:2", "Five and a second:1:1:11"),
                    settlement.getItems().stream().map(GeneratedClientJourneyIT::settled).toList(), period.toString());
        }
        assertEquals(today, LocalDate.now(ZoneId.of(ZONE)), "the settle and the reports took more than a minute");

        // logout: the session's tokens are refused by user-service at once and by streaming-service after its next
        // poll of the revocation feed (every second; RevocationTest holds that bound, 15 s here is for a slow machine)
        new AuthApi(usersClient(viewer2)).logout();
        ApiException refused = assertThrows(ApiException.class, () -> new UsersApi(usersClient(viewer2)).currentUser());
        assertEquals(401, refused.getCode());
        int streamingStatus = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (streamingStatus != 401 && System.nanoTime() < deadline) {
            try {
                statistics.topVideos(day, StatPeriod.DAILY, Metric.VIEWS, "ALL");
                Thread.sleep(100);
            } catch (io.streamstats.client.streaming.ApiException e) {
                streamingStatus = e.getCode();
            }
        }
        assertEquals(401, streamingStatus, "streaming-service refuses the logged-out token");

        // an error: the same email again is a 409 whose problem+json the client's own types read
        ApiException conflict = assertThrows(ApiException.class, () -> signUps.signUp(new SignUpRequest()
                .email("viewer1-" + run + "@example.com").password("correct horse").nickname("Again").role(SignUpRequest.RoleEnum.VIEWER)));
        assertEquals(409, conflict.getCode());
        assertTrue(conflict.getResponseHeaders().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"), conflict.getResponseHeaders().map().toString());
        Problem problem = usersClient(null).getObjectMapper().readValue(conflict.getResponseBody(), Problem.class);
        assertEquals(409, problem.getStatus());
        assertEquals("Conflict", problem.getTitle());
        assertEquals("An account with this email already exists", problem.getDetail());

        // and an invalid field: a 400 naming it in the problem's violations
        io.streamstats.client.streaming.ApiException invalid = assertThrows(
                io.streamstats.client.streaming.ApiException.class, () -> creatorVideos.registerVideo(
                        new RegisterVideoRequest().title("Too short").durationSeconds(0)));
        assertEquals(400, invalid.getCode());
        io.streamstats.client.streaming.model.Problem violation = streamingClient(creator).getObjectMapper()
                .readValue(invalid.getResponseBody(), io.streamstats.client.streaming.model.Problem.class);
        assertEquals(400, violation.getStatus());
        assertEquals(List.of("durationSeconds"), violation.getViolations().stream().map(v -> v.getField()).toList(),
                violation.toString());
    }

    private static TokenResponse login(AuthApi auth, String email) throws ApiException {
        TokenResponse tokens = auth.login(new LoginRequest().email(email).password("correct horse"));
        assertFalse(tokens.getAccessToken().isBlank());
        return tokens;
    }

    private static List<String> items(List<TopItem> items) {
        return items.stream().map(i -> i.getTitle() + ":" + i.getViews() + ":" + i.getPlaySeconds()).toList();
    }

    private static List<String> titles(List<TopItem> items) {
        return items.stream().map(TopItem::getTitle).toList();
    }

    private static String settled(SettlementItem item) {
        return item.getTitle() + ":" + item.getViews() + ":" + item.getAdViews() + ":" + item.getTotalAmount();
    }

    /** Runs the packaged batch for the day (retried while another build's batch holds the server's run lock). */
    private static void settle(LocalDate day) throws IOException, InterruptedException {
        platform.settle(day);
    }
}
