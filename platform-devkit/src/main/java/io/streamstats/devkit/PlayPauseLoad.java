package io.streamstats.devkit;

import io.streamstats.domain.ViewCounting;
import io.streamstats.devkit.ApiJson.Created;
import io.streamstats.devkit.ApiJson.Login;
import io.streamstats.devkit.ApiJson.NewUser;
import io.streamstats.devkit.ApiJson.NewVideo;
import io.streamstats.devkit.ApiJson.PauseAnswer;
import io.streamstats.devkit.ApiJson.PauseRequest;
import io.streamstats.devkit.ApiJson.PlayAnswer;
import io.streamstats.devkit.ApiJson.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives play+pause pairs against one or more streaming-service instances with N concurrent clients, over real
 * HTTP, and keeps what the rules say the stored totals must be. Each (user, video) pair gets a burst of plays
 * that run concurrently on different clients and instances, all inside one 30-second window: exactly one play of
 * a burst by a viewer counts as a view, none by the video's creator. Some pauses are sent twice at once: exactly
 * one must succeed. Pauses claim random positions up to the end, as fast as the service answers: each answer must
 * credit at most the time the client saw pass since its play plus the service's tolerance
 * ({@link ViewCounting#CREDIT_TOLERANCE}) and at most the ads inside that; over the run, each user (new to the
 * service) must be credited at most the run's time plus the tolerance (a viewer watches one thing at a time), the
 * first ad passed (a new viewer's ad reserve) and no more than one plus one per 5 minutes credited; and the stored
 * totals must equal what was answered. Half the pauses stop just before the next ad, so that later plays of the
 * burst resume there and their pauses pass it. Used by the cross-process test and by the playback benchmark.
 */
public final class PlayPauseLoad {

    public record Settings(List<String> streamingUrls, String userServiceUrl, int clients, int pairs, int viewers,
                           int creators, int videosPerCreator, int burstSize, double ownPlayShare,
                           double doublePauseShare, long seed) {

        public static Settings of(List<String> streamingUrls, String userServiceUrl, int clients, int pairs) {
            // enough (user, video) pairs that each burst of 4 plays gets its own
            return new Settings(streamingUrls, userServiceUrl, clients, pairs, Math.max(60, clients), 10,
                    Math.max(10, pairs / 2_000), 4, 0.05, 0.02, 42);
        }
    }

    /** Expected totals per video, as the rules give them for what the clients did. */
    public record Expected(long views, long playSeconds, long adViews, long plays, long pauses) {

        static final Expected ONE_VIEW = new Expected(1, 0, 0, 0, 0);
        static final Expected ONE_PLAY = new Expected(0, 0, 0, 1, 0);

        static Expected pause(long playSeconds, long adViews) {
            return new Expected(0, playSeconds, adViews, 0, 1);
        }

        Expected plus(Expected other) {
            return new Expected(views + other.views, playSeconds + other.playSeconds, adViews + other.adViews,
                    plays + other.plays, pauses + other.pauses);
        }
    }

    public record Result(long pairs, long errors, double seconds, long[] pairLatenciesMicros,
                         long[] requestLatenciesMicros, Map<Long, Expected> expectedByVideo, long plays,
                         long pauses, long rejectedDoublePauses, long maxBurstSpanMillis, List<String> errorSamples,
                         long adsPassed, long adViews) {

        public double pairsPerSecond() {
            return pairs / seconds;
        }

        public double requestPercentileMillis(double p) {
            return percentile(requestLatenciesMicros, p) / 1000.0;
        }

        public double pairPercentileMillis(double p) {
            return percentile(pairLatenciesMicros, p) / 1000.0;
        }

        public String summary() {
            return String.format("pairs %d in %.1f s = %.0f pairs/s; request latency p50 %.1f ms, p99 %.1f ms; "
                            + "pair (play+pause) p50 %.1f ms, p99 %.1f ms; errors %d; double pauses refused %d; "
                            + "ad views %d of %d passed",
                    pairs, seconds, pairsPerSecond(), requestPercentileMillis(50), requestPercentileMillis(99),
                    pairPercentileMillis(50), pairPercentileMillis(99), errors, rejectedDoublePauses, adViews,
                    adsPassed);
        }
    }

    private record User(long id, boolean creator, String token) {
    }

    private record Video(long id, long creatorId, int duration) {
    }

    /** One play+pause by one user of one video, against one instance. */
    private record Task(int burst, User user, Video video, String baseUrl, boolean doublePause, long positionSeed) {
    }

    /** When the plays of one burst were answered, in ms since the epoch. */
    private record Span(long first, long last) {

        Span with(Span other) {
            return new Span(Math.min(first, other.first), Math.max(last, other.last));
        }
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public PlayPauseLoad(Settings settings) {
        this.settings = settings;
    }

    public Result run() throws InterruptedException {
        Random random = new Random(settings.seed());
        List<User> creators = new ArrayList<>();
        List<User> viewers = new ArrayList<>();
        List<Video> videos = new ArrayList<>();
        for (int i = 0; i < settings.creators(); i++) {
            creators.add(signUp(true));
        }
        for (int i = 0; i < settings.viewers(); i++) {
            viewers.add(signUp(false));
        }
        int[] durations = {60, 299, 300, 301, 600, 900, 1800, 3600};
        for (User creator : creators) {
            for (int v = 0; v < settings.videosPerCreator(); v++) {
                videos.add(register(creator, durations[(v + (int) creator.id()) % durations.length]));
            }
        }
        // bursts of plays by one user of one video; every (user, video) pair is used by at most one burst
        ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
        Map<Integer, Task> burstFirstTask = new HashMap<>();
        Map<String, Boolean> usedPairs = new HashMap<>();
        int planned = 0;
        int burst = 0;
        while (planned < settings.pairs()) {
            Video video = videos.get(random.nextInt(videos.size()));
            User user;
            if (random.nextDouble() < settings.ownPlayShare()) {
                user = creators.stream().filter(c -> c.id() == video.creatorId()).findFirst().orElseThrow();
            } else {
                user = viewers.get(random.nextInt(viewers.size()));
            }
            if (usedPairs.putIfAbsent(user.id() + "/" + video.id(), true) != null) {
                if (usedPairs.size() >= (long) videos.size() * (viewers.size() + 1)) {
                    throw new IllegalStateException("Not enough (user, video) pairs for " + settings.pairs() + " plays");
                }
                continue;
            }
            int size = Math.min(settings.burstSize(), settings.pairs() - planned);
            for (int k = 0; k < size; k++) {
                String url = settings.streamingUrls().get((planned + k) % settings.streamingUrls().size());
                Task task = new Task(burst, user, video, url, random.nextDouble() < settings.doublePauseShare(),
                        random.nextLong());
                queue.add(task);
                burstFirstTask.putIfAbsent(burst, task);
            }
            planned += size;
            burst++;
        }

        // per video, what was answered (views are added per burst at the end); merge is atomic per key
        Map<Long, Expected> expected = new ConcurrentHashMap<>();
        Map<Integer, Span> burstSpan = new ConcurrentHashMap<>();
        Map<Integer, Boolean> burstCounted = new ConcurrentHashMap<>();
        java.util.Set<Integer> burstPlayed = ConcurrentHashMap.newKeySet();
        // per user, over all their pauses: seconds credited, ads passed inside them, ads credited
        Map<Long, long[]> byUser = new ConcurrentHashMap<>();
        long[] pairLatencies = new long[settings.pairs()];
        long[] requestLatencies = new long[settings.pairs() * 3];
        AtomicLong pairIndex = new AtomicLong();
        AtomicLong requestIndex = new AtomicLong();
        LongAdder errors = new LongAdder();
        LongAdder plays = new LongAdder();
        LongAdder pauses = new LongAdder();
        LongAdder refusedDoubles = new LongAdder();
        List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            workers.add(pool.submit(() -> {
                Map<String, RawHttpConnection> connections = new HashMap<>();
                Map<String, RawHttpConnection> twins = new HashMap<>(); // the second of a double pause
                Task task;
                while ((task = queue.poll()) != null) {
                    RawHttpConnection connection = connections.computeIfAbsent(task.baseUrl(), RawHttpConnection::new);
                    long pairStart = System.nanoTime();
                    try {
                        long t0 = System.nanoTime();
                        String playAnswer = fast(connection, "/api/videos/" + task.video().id() + "/play",
                                task.user().token(), null);
                        requestLatencies[(int) requestIndex.getAndIncrement()] = (System.nanoTime() - t0) / 1000;
                        long now = System.currentTimeMillis();
                        burstSpan.merge(task.burst(), new Span(now, now), Span::with);
                        plays.increment();
                        burstPlayed.add(task.burst());
                        PlayAnswer played = ApiJson.read(playAnswer, PlayAnswer.class);
                        int start = played.resumeFromSeconds();
                        expected.merge(task.video().id(), Expected.ONE_PLAY, Expected::plus);
                        if (played.countedAsView()) {
                            if (task.user().creator() || burstCounted.putIfAbsent(task.burst(), true) != null) {
                                throw new IllegalStateException("a second view counted in one 30-second window"
                                        + " (or a creator's own play counted): video " + task.video().id());
                            }
                        }
                        int duration = task.video().duration();
                        int nextAd = (start / 300 + 1) * 300;
                        int position = task.positionSeed() % 2 == 0 && nextAd < duration ? nextAd - 1
                                : start + (int) Math.floorMod(task.positionSeed(), (long) (duration - start + 1));
                        String body = ApiJson.write(new PauseRequest(played.playbackId(), position));
                        String pausePath = "/api/videos/" + task.video().id() + "/pause";
                        long t1 = System.nanoTime();
                        String paused;
                        if (task.doublePause()) {
                            RawHttpConnection twin = twins.computeIfAbsent(task.baseUrl(), RawHttpConnection::new);
                            RawHttpConnection.Response[] answers = pauseTwiceAtOnce(connection, twin, pausePath,
                                    task.user().token(), body);
                            int[] statuses = {answers[0].status(), answers[1].status()};
                            Arrays.sort(statuses);
                            if (statuses[0] != 200 || statuses[1] != 409) {
                                throw new IllegalStateException("double pause answered " + Arrays.toString(statuses));
                            }
                            paused = (answers[0].status() == 200 ? answers[0] : answers[1]).body();
                            refusedDoubles.increment();
                        } else {
                            paused = fast(connection, pausePath, task.user().token(), body);
                        }
                        long answeredAt = System.nanoTime();
                        requestLatencies[(int) requestIndex.getAndIncrement()] = (answeredAt - t1) / 1000;
                        pauses.increment();
                        PauseAnswer answer = ApiJson.read(paused, PauseAnswer.class);
                        long sawMillis = (answeredAt - t0) / 1_000_000 + 1;
                        String violation = pauseViolation(start, position, duration, sawMillis, answer);
                        if (violation != null) {
                            throw new IllegalStateException("pause of " + start + ".." + position + " after "
                                    + sawMillis + " ms: " + violation + ": " + paused);
                        }
                        long[] credited = {answer.playedSeconds(),
                                adsPassed(start, start + answer.playedSeconds(), duration), answer.adViews()};
                        byUser.merge(task.user().id(), credited,
                                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
                        expected.merge(task.video().id(), task.user().creator() ? Expected.pause(0, 0)
                                : Expected.pause(answer.playedSeconds(), answer.adViews()), Expected::plus);
                        pairLatencies[(int) pairIndex.getAndIncrement()] = (System.nanoTime() - pairStart) / 1000;
                    } catch (Exception e) {
                        errors.increment();
                        if (errorSamples.size() < 10) {
                            errorSamples.add(e.getMessage());
                        }
                    }
                }
                connections.values().forEach(RawHttpConnection::close);
                twins.values().forEach(RawHttpConnection::close);
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        // the rules: one view per burst of a viewer (the plays of a burst share one 30-second window), none for a
        // creator's own plays; play time and ad views of every viewer's segment
        Map<Long, Expected> byVideo = new HashMap<>(expected);
        List<String> violations = new ArrayList<>();
        for (Integer b : burstPlayed) {
            Task first = burstFirstTask.get(b);
            if (!first.user().creator()) {
                byVideo.computeIfPresent(first.video().id(), (video, totals) -> totals.plus(Expected.ONE_VIEW));
                if (!burstCounted.containsKey(b)) {
                    violations.add("no play of viewer burst " + b + " on video " + first.video().id() + " counted");
                }
            }
        }
        byUser.forEach((user, sums) -> {
            String violation = userViolation(sums[0], sums[1], sums[2], seconds);
            if (violation != null) {
                violations.add("user " + user + ": " + violation);
            }
        });
        if (!violations.isEmpty()) {
            errors.add(violations.size());
            errorSamples.addAll(violations.subList(0, Math.min(10, violations.size())));
        }
        long maxSpan = burstSpan.values().stream().mapToLong(span -> span.last() - span.first()).max().orElse(0);
        int n = (int) pairIndex.get();
        return new Result(n, errors.sum(), seconds, Arrays.copyOf(pairLatencies, n),
                Arrays.copyOf(requestLatencies, (int) requestIndex.get()), byVideo, plays.sum(), pauses.sum(),
                refusedDoubles.sum(), maxSpan, errorSamples,
                byUser.values().stream().mapToLong(sums -> sums[1]).sum(),
                byUser.values().stream().mapToLong(sums -> sums[2]).sum());
    }

    /**
     * What a pause of {@code start..position} may be credited, answered {@code sawMillis} after its play was sent:
     * the claimed segment, but no more than the time this client saw pass plus the service's tolerance, and only the
     * ads inside the credited seconds; the answer repeats the claimed position. Null when the answer keeps to that,
     * else what it broke.
     */
    static String pauseViolation(int start, int position, int duration, long sawMillis, PauseAnswer answer) {
        long cap = Math.min(position - start, (sawMillis + ViewCounting.CREDIT_TOLERANCE.toMillis()) / 1000);
        int credited = answer.playedSeconds();
        if (credited < 0 || credited > cap) {
            return "credited " + credited + " s, at most " + cap + " s allowed";
        }
        // fewer may be credited: the user's ad reserve decides (checked over the run, userViolation)
        int ads = adsPassed(start, start + credited, duration);
        if (answer.adViews() < 0 || answer.adViews() > ads) {
            return answer.adViews() + " ad views for " + start + ".." + (start + credited) + ", at most " + ads;
        }
        if (answer.positionSeconds() != position) {
            return "position " + answer.positionSeconds() + " answered for a claim of " + position;
        }
        return null;
    }

    /**
     * What one new user's pauses of a run of {@code runSeconds} may add up to: a viewer watches one thing at a time,
     * so at most the run's time plus the tolerance (and a second for rounding); and of the ads passed inside the
     * credited seconds, the first at least (a new viewer's ad reserve holds one) and no more than one plus one per 5
     * minutes credited. Null when the sums keep to that, else what they broke. Figures written out on purpose.
     */
    static String userViolation(long creditedSeconds, long adsPassed, long adViews, double runSeconds) {
        List<String> broken = new ArrayList<>();
        long time = (long) Math.ceil(runSeconds) + ViewCounting.CREDIT_TOLERANCE.toSeconds() + 1;
        if (creditedSeconds > time) {
            broken.add("credited " + creditedSeconds + " s in a run of " + time + " s");
        }
        if (adViews < Math.min(adsPassed, 1)) {
            broken.add(adViews + " ad views of " + adsPassed + " passed, at least " + Math.min(adsPassed, 1));
        }
        if (adViews > 1 + creditedSeconds / 300) {
            broken.add(adViews + " ad views for " + creditedSeconds
                    + " s of play: more than the reserve's 1 and one per 300 s");
        }
        return broken.isEmpty() ? null : String.join("; ", broken);
    }

    /** Independent of the service's code on purpose: ads at 300, 600, … strictly inside, passed when start < p <= end. */
    static int adsPassed(int start, int end, int duration) {
        int count = 0;
        for (int p = 300; p < duration; p += 300) {
            if (start < p && p <= end) {
                count++;
            }
        }
        return count;
    }

    private static String fast(RawHttpConnection connection, String path, String token, String body) throws IOException {
        RawHttpConnection.Response response = connection.post(path, token, body);
        if (response.status() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** The same pause sent on two connections before either answer is read: both reach the service at once. */
    private static RawHttpConnection.Response[] pauseTwiceAtOnce(RawHttpConnection first, RawHttpConnection second,
                                                                 String path, String token, String body)
            throws IOException {
        first.send(path, token, body);
        second.send(path, token, body);
        return new RawHttpConnection.Response[] {first.receive(), second.receive()};
    }

    private String post(String url, String token, String body, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private User signUp(boolean creator) {
        String email = (creator ? "creator-" : "viewer-") + UUID.randomUUID() + "@load.example.com";
        String role = creator ? "CREATOR" : "VIEWER";
        try {
            String created = post(settings.userServiceUrl() + "/api/users", null,
                    ApiJson.write(new NewUser(email, "load-password", "load", role)), 201);
            String tokens = post(settings.userServiceUrl() + "/api/auth/login", null,
                    ApiJson.write(new Login(email, "load-password")), 200);
            return new User(ApiJson.read(created, Created.class).id(), creator,
                    ApiJson.read(tokens, Tokens.class).accessToken());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not create a load user: " + e.getMessage(), e);
        }
    }

    private Video register(User creator, int duration) {
        try {
            String body = post(settings.streamingUrls().get(0) + "/api/videos", creator.token(),
                    ApiJson.write(new NewVideo("load " + duration + "s", duration)), 201);
            return new Video(ApiJson.read(body, Created.class).id(), creator.id(), duration);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not register a load video: " + e.getMessage(), e);
        }
    }

    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
