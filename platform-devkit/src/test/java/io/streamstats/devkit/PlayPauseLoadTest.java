package io.streamstats.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamstats.domain.ViewCounting;
import io.streamstats.devkit.ApiJson.Login;
import io.streamstats.devkit.ApiJson.NewUser;
import io.streamstats.devkit.ApiJson.NewVideo;
import io.streamstats.devkit.ApiJson.PauseAnswer;
import io.streamstats.devkit.ApiJson.PauseRequest;
import io.streamstats.devkit.ApiJson.PlayAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The load driver against a stand-in of the two services over real HTTP: an honest one (views, credits and ads by
 * {@link ViewCounting}, a second pause refused) gives no errors and exactly its own totals; each seeded wrong answer
 * is reported as an error that names it. The answer check itself is pinned with the service's tolerance.
 */
class PlayPauseLoadTest {

    static {
        // the stand-in answers in two writes; without this, delayed ACKs cost 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final PauseAnswer HONEST = new PauseAnswer(130, 2, 0);

    @Test
    void anHonestPauseAnswerPasses() {
        assertNull(PlayPauseLoad.pauseViolation(100, 130, 600, 1, HONEST));
        assertNull(PlayPauseLoad.pauseViolation(299, 400, 600, 1, new PauseAnswer(400, 2, 1)), "the ad at 300");
        assertNull(PlayPauseLoad.pauseViolation(100, 101, 600, 60_000, new PauseAnswer(101, 1, 0)), "the claim");
    }

    @Test
    void theCapIsTheTimeSeenPlusTheServicesTolerance() {
        assertEquals(Duration.ofSeconds(2), ViewCounting.CREDIT_TOLERANCE, "the figures below assume 2 s");
        assertNull(PlayPauseLoad.pauseViolation(0, 100, 600, 1_999, new PauseAnswer(100, 3, 0)));
        assertEquals("credited 3 s, at most 2 s allowed",
                PlayPauseLoad.pauseViolation(0, 100, 600, 999, new PauseAnswer(100, 3, 0)));
    }

    @Test
    void seededWrongPauseAnswersAreFlagged() {
        assertEquals("credited 31 s, at most 30 s allowed",
                PlayPauseLoad.pauseViolation(100, 130, 600, 60_000, new PauseAnswer(130, 31, 0)), "beyond the claim");
        assertEquals("credited -1 s, at most 2 s allowed",
                PlayPauseLoad.pauseViolation(100, 130, 600, 1, new PauseAnswer(130, -1, 0)));
        assertEquals("1 ad views for 100..102, at most 0",
                PlayPauseLoad.pauseViolation(100, 130, 600, 1, new PauseAnswer(130, 2, 1)));
        assertEquals("-1 ad views for 299..301, at most 1",
                PlayPauseLoad.pauseViolation(299, 400, 600, 1, new PauseAnswer(400, 2, -1)));
        // an ad passed but held back by the viewer's ad reserve: checked over the run, not per pause
        assertNull(PlayPauseLoad.pauseViolation(299, 400, 600, 1, new PauseAnswer(400, 2, 0)));
        assertEquals("position 129 answered for a claim of 130",
                PlayPauseLoad.pauseViolation(100, 130, 600, 1, new PauseAnswer(129, 2, 0)));
    }

    @Test
    void aUsersSumsKeepToTheViewersTimeAndAdReserve() {
        assertNull(PlayPauseLoad.userViolation(62, 3, 1, 59.2));
        assertNull(PlayPauseLoad.userViolation(600, 9, 3, 600), "1 + 600 / 300 ads");
        assertNull(PlayPauseLoad.userViolation(10, 0, 0, 10));
        assertEquals("credited 64 s in a run of 63 s", PlayPauseLoad.userViolation(64, 0, 0, 59.2));
        assertEquals("0 ad views of 4 passed, at least 1", PlayPauseLoad.userViolation(60, 4, 0, 60));
        assertEquals("4 ad views for 600 s of play: more than the reserve's 1 and one per 300 s",
                PlayPauseLoad.userViolation(600, 9, 4, 600));
        assertEquals("credited 900 s in a run of 63 s; 5 ad views for 900 s of play: more than the reserve's 1 and"
                + " one per 300 s", PlayPauseLoad.userViolation(900, 9, 5, 60));
    }

    @Test
    void answersAreReadStrictly() {
        assertEquals(new PlayAnswer(7, 12, true),
                ApiJson.read("{\"playbackId\":7,\"resumeFromSeconds\":12,\"countedAsView\":true,\"extra\":1}",
                        PlayAnswer.class), "unknown fields are ignored");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ApiJson.read("{\"positionSeconds\":5,\"playedSeconds\":2}", PauseAnswer.class));
        assertTrue(missing.getMessage().contains("adViews"), missing.getMessage());
        assertThrows(IllegalStateException.class,
                () -> ApiJson.read("{\"positionSeconds\":5,\"playedSeconds\":null,\"adViews\":0}", PauseAnswer.class));
        assertThrows(IllegalStateException.class, () -> ApiJson.read("<html>busy</html>", PauseAnswer.class));
        assertEquals("{\"playbackId\":3,\"positionSeconds\":40}", ApiJson.write(new PauseRequest(3, 40)));
    }

    @Test
    void anHonestServiceGivesNoErrorsAndItsOwnTotals() throws Exception {
        try (StandIn service = new StandIn(Fault.NONE)) {
            PlayPauseLoad.Result result = service.drive();
            assertEquals(0, result.errors(), result.errorSamples().toString());
            assertEquals(200, result.pairs());
            assertEquals(200, result.plays());
            assertEquals(200, result.pauses());
            assertTrue(result.rejectedDoublePauses() > 0, "some pauses were sent twice at once");
            assertTrue(result.expectedByVideo().values().stream().mapToLong(PlayPauseLoad.Expected::adViews).sum() > 0,
                    "some pauses passed an ad");
            assertEquals(service.stored(), result.expectedByVideo());
            assertTrue(result.summary().startsWith("pairs 200 in "), result.summary());
        }
    }

    @Test
    void seededWrongServicesAreFlagged() throws Exception {
        Map<Fault, List<String>> named = Map.of(
                Fault.OVER_CREDIT, List.of("at most"),
                Fault.WRONG_ADS, List.of("ad views for"),
                // every pause starting at 4:59 and claiming past 5:00 gets the tolerance and the ad
                Fault.PER_PLAYBACK, List.of("s in a run of", "more than the reserve's 1"),
                Fault.NO_ADS, List.of("passed, at least"),
                Fault.WRONG_POSITION, List.of("answered for a claim of"),
                Fault.SECOND_VIEW, List.of("a second view counted"),
                Fault.NO_VIEW, List.of("no play of viewer burst"),
                Fault.MISSING_FIELD, List.of("not a PauseAnswer"));
        for (var seeded : named.entrySet()) {
            try (StandIn service = new StandIn(seeded.getKey())) {
                PlayPauseLoad.Result result = service.drive();
                assertTrue(result.errors() > 0, seeded.getKey() + " went unnoticed");
                for (String message : seeded.getValue()) {
                    assertTrue(result.errorSamples().stream().anyMatch(e -> e.contains(message)),
                            seeded.getKey() + " (" + message + "): " + result.errorSamples());
                }
            }
        }
    }

    /** What the stand-in gets wrong. PER_PLAYBACK: each playback has its own time and ad reserve, not the viewer's. */
    enum Fault {
        NONE, OVER_CREDIT, WRONG_ADS, PER_PLAYBACK, NO_ADS, WRONG_POSITION, SECOND_VIEW, NO_VIEW, MISSING_FIELD
    }

    /** user-service and streaming-service as far as the driver uses them, on one port. */
    private static final class StandIn implements AutoCloseable {

        private record Video(long creator, int duration) {
        }

        private record Playback(long user, long video, int start, Instant playedAt) {
        }

        private final Fault fault;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final Map<String, Long> idByEmail = new HashMap<>();
        private final Map<Long, Video> videos = new HashMap<>();
        private final Map<Long, Playback> playbacks = new HashMap<>();
        private final Set<String> viewed = new HashSet<>();
        private final Set<Long> paused = new HashSet<>();
        private final Map<Long, ViewCounting.ViewerTime> viewerTimes = new HashMap<>();
        private final Map<Long, PlayPauseLoad.Expected> stored = new HashMap<>();
        private long nextId = 1;

        StandIn(Fault fault) throws IOException {
            this.fault = fault;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/api", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        PlayPauseLoad.Result drive() throws InterruptedException {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return new PlayPauseLoad(new PlayPauseLoad.Settings(List.of(url), url, 4, 200, 8, 3, 4, 4, 0.1, 0.2, 7))
                    .run();
        }

        synchronized Map<Long, PlayPauseLoad.Expected> stored() {
            return Map.copyOf(stored);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            long user = auth == null ? 0 : Long.parseLong(auth.substring("Bearer t".length()));
            String[] path = exchange.getRequestURI().getPath().split("/");
            int status;
            String answer;
            synchronized (this) {
                if (path.length == 3 && path[2].equals("users")) {
                    long id = nextId++;
                    idByEmail.put(ApiJson.read(body, NewUser.class).email(), id);
                    status = 201;
                    answer = "{\"id\":" + id + "}";
                } else if (path.length == 4 && path[3].equals("login")) {
                    status = 200;
                    answer = "{\"accessToken\":\"t" + idByEmail.get(ApiJson.read(body, Login.class).email()) + "\"}";
                } else if (path.length == 3 && path[2].equals("videos")) {
                    long id = nextId++;
                    videos.put(id, new Video(user, ApiJson.read(body, NewVideo.class).durationSeconds()));
                    status = 201;
                    answer = "{\"id\":" + id + "}";
                } else if (path.length == 5 && path[4].equals("play")) {
                    long video = Long.parseLong(path[3]);
                    boolean own = videos.get(video).creator() == user;
                    boolean counted = switch (fault) {
                        case SECOND_VIEW -> !own;
                        case NO_VIEW -> false;
                        default -> !own && viewed.add(user + "/" + video);
                    };
                    long playback = nextId++;
                    // resumed just before the ad at 300 where there is one, so that pauses reach ads
                    int start = videos.get(video).duration() > 300 ? 299 : 0;
                    playbacks.put(playback, new Playback(user, video, start, Instant.now()));
                    add(video, new PlayPauseLoad.Expected(counted ? 1 : 0, 0, 0, 1, 0));
                    status = 200;
                    answer = ApiJson.write(new PlayAnswer(playback, start, counted));
                } else if (path.length == 5 && path[4].equals("pause")) {
                    PauseRequest request = ApiJson.read(body, PauseRequest.class);
                    Playback playback = playbacks.get(request.playbackId());
                    if (!paused.add(request.playbackId())) {
                        status = 409;
                        answer = "{\"title\":\"already paused\"}";
                    } else {
                        Video video = videos.get(playback.video());
                        int position = request.positionSeconds();
                        ViewCounting.ViewerTime shared = viewerTimes.getOrDefault(playback.user(),
                                ViewCounting.ViewerTime.FRESH);
                        ViewCounting.ViewerTime viewerTime = fault == Fault.PER_PLAYBACK ? ViewCounting.ViewerTime.FRESH
                                : shared;
                        ViewCounting.Watched watchable = ViewCounting.watchable(playback.start(), position,
                                video.duration(), playback.playedAt(), viewerTime, Instant.now());
                        viewerTimes.put(playback.user(), watchable.viewer());
                        ViewCounting.Credit watched = watchable.credit();
                        int played = fault == Fault.OVER_CREDIT ? position - playback.start() : watched.playedSeconds();
                        int ads = switch (fault) {
                            case WRONG_ADS -> watched.adViews() + 1;
                            case NO_ADS -> 0;
                            default -> watched.adViews();
                        };
                        // the answer shows what was watched; a creator's own playback credits the statistics nothing
                        ViewCounting.Credit credited = ViewCounting.credit(playback.user(), video.creator(),
                                new ViewCounting.Credit(played, ads));
                        add(playback.video(), new PlayPauseLoad.Expected(0, credited.playedSeconds(),
                                credited.adViews(), 0, 0));
                        add(playback.video(), new PlayPauseLoad.Expected(0, 0, 0, 0, 1));
                        status = 200;
                        answer = fault == Fault.MISSING_FIELD
                                ? "{\"positionSeconds\":" + position + ",\"playedSeconds\":" + played + "}"
                                : ApiJson.write(new PauseAnswer(fault == Fault.WRONG_POSITION ? position - 1 : position,
                                        played, ads));
                    }
                } else {
                    status = 404;
                    answer = "{}";
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private void add(long video, PlayPauseLoad.Expected delta) {
            stored.merge(video, delta, PlayPauseLoad.Expected::plus);
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
