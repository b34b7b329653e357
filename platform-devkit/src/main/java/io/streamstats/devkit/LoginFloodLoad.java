package io.streamstats.devkit;

import io.streamstats.devkit.ApiJson.Login;
import io.streamstats.devkit.ApiJson.NewUser;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A flood of wrong logins against user-service while a real user logs in now and then, over real HTTP. First the
 * real user alone (the baseline), then the same with the flood running: the flood comes from another source
 * address (127.0.0.2 on Linux, where all of 127/8 is loopback), half of it guessing the real user's password and
 * half trying unknown accounts, at {@code floodPerSecond} from {@code floodConnections} keep-alive connections.
 * Behind {@code ./platform --bench-login}.
 */
public final class LoginFloodLoad {

    public record Settings(String userServiceUrl, double floodPerSecond, int floodConnections, Duration phase,
                           Duration userInterval, String floodSource) {

        public static Settings of(String userServiceUrl, double floodPerSecond, Duration phase) {
            return new Settings(userServiceUrl, floodPerSecond, 8, phase, Duration.ofMillis(200), "127.0.0.2");
        }
    }

    /** Latencies in microseconds; flood counts by answer. */
    public record Result(long[] baselineMicros, long[] underFloodMicros, long userFailures, long floodSent,
                         long flood401, long flood429, long floodOther, double floodSeconds, long[] flood429Micros,
                         String floodSource) {

        public String summary() {
            return String.format("""
                            real user alone:       %d logins, p50 %.1f ms, p99 %.1f ms
                            real user under flood: %d logins, p50 %.1f ms, p99 %.1f ms, failed %d
                            flood from %s: %d wrong logins in %.1f s (%.0f/s): 401 %d, 429 %d, other %d; \
                            a 429 took p50 %.2f ms, p99 %.2f ms""",
                    baselineMicros.length, ms(baselineMicros, 50), ms(baselineMicros, 99),
                    underFloodMicros.length, ms(underFloodMicros, 50), ms(underFloodMicros, 99), userFailures,
                    floodSource, floodSent, floodSeconds, floodSent / floodSeconds, flood401, flood429, floodOther,
                    ms(flood429Micros, 50), ms(flood429Micros, 99));
        }

        private static double ms(long[] micros, double p) {
            return PlayPauseLoad.percentile(micros, p) / 1000.0;
        }
    }

    /** One phase of the real user's logins: each latency, and how many were not answered 200. */
    private record Logins(long[] micros, long failures) {
    }

    private static final String PASSWORD = "real-user-password";

    private final Settings settings;

    public LoginFloodLoad(Settings settings) {
        this.settings = settings;
    }

    public Result run() throws InterruptedException {
        String email = "real-user-" + UUID.randomUUID() + "@load.example.com";
        signUp(email);
        long[] baseline = userLogins(email, false).micros();

        InetAddress source = floodSource();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder sent = new LongAdder();
        LongAdder unauthorized = new LongAdder();
        LongAdder tooMany = new LongAdder();
        LongAdder other = new LongAdder();
        List<List<Long>> refusedTimes = new ArrayList<>(); // one list per flood thread, read after it ended
        List<Thread> flooders = new ArrayList<>();
        double perConnection = settings.floodPerSecond() / settings.floodConnections();
        long started = System.nanoTime();
        for (int c = 0; c < settings.floodConnections(); c++) {
            List<Long> refused = new ArrayList<>();
            refusedTimes.add(refused);
            Thread t = new Thread(() -> {
                long intervalNanos = (long) (1e9 / perConnection);
                long next = System.nanoTime();
                try (RawHttpConnection connection = new RawHttpConnection(settings.userServiceUrl(), source)) {
                    while (!stop.get()) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        next += intervalNanos;
                        String target = ThreadLocalRandom.current().nextBoolean() ? email
                                : "nobody-" + UUID.randomUUID() + "@load.example.com";
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = connection.post("/api/auth/login", null, loginBody(target,
                                    "guess-" + ThreadLocalRandom.current().nextInt(1_000_000))).status();
                        } catch (IOException e) {
                            status = -1;
                        }
                        sent.increment();
                        if (status == 401) {
                            unauthorized.increment();
                        } else if (status == 429) {
                            tooMany.increment();
                            refused.add((System.nanoTime() - t0) / 1000);
                        } else {
                            other.increment();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "login-flood-" + c);
            t.setDaemon(true);
            flooders.add(t);
            t.start();
        }
        Thread.sleep(1_000); // the flood is running before the real user is measured
        Logins underFlood;
        try {
            underFlood = userLogins(email, true);
        } finally {
            stop.set(true);
            for (Thread t : flooders) {
                t.join(35_000);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] refusedMicros = refusedTimes.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        return new Result(baseline, underFlood.micros(), underFlood.failures(), sent.sum(), unauthorized.sum(), tooMany.sum(),
                other.sum(), seconds, refusedMicros, source.getHostAddress());
    }

    /**
     * The real user logs in every {@code userInterval} for one phase, from 127.0.0.1, on a new connection each time.
     * Without a flood every login must succeed; under it, failures are counted.
     */
    private Logins userLogins(String email, boolean underFlood) throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        long failures = 0;
        long end = System.nanoTime() + settings.phase().toNanos();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            try (RawHttpConnection connection = new RawHttpConnection(settings.userServiceUrl())) {
                int status = connection.post("/api/auth/login", null, loginBody(email, PASSWORD)).status();
                if (status != 200 && underFlood) {
                    failures++;
                }
                if (status != 200 && !underFlood) {
                    throw new IllegalStateException("the real user's login answered " + status + " without a flood");
                }
            } catch (IOException e) {
                if (!underFlood) {
                    throw new IllegalStateException("the real user's login failed: " + e.getMessage(), e);
                }
                failures++;
            }
            latencies.add((System.nanoTime() - t0) / 1000);
            Thread.sleep(settings.userInterval().toMillis());
        }
        return new Logins(latencies.stream().mapToLong(Long::longValue).toArray(), failures);
    }

    private InetAddress floodSource() {
        try {
            InetAddress address = InetAddress.getByName(settings.floodSource());
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.bind(new java.net.InetSocketAddress(address, 0));
            }
            return address;
        } catch (IOException e) {
            System.err.println("Cannot send from " + settings.floodSource() + " (" + e.getMessage()
                    + "); the flood shares the real user's address, so the per-address limit refuses both");
            return InetAddress.getLoopbackAddress();
        }
    }

    private void signUp(String email) {
        try (RawHttpConnection connection = new RawHttpConnection(settings.userServiceUrl())) {
            RawHttpConnection.Response created = connection.post("/api/users", null,
                    ApiJson.write(new NewUser(email, PASSWORD, "real", "VIEWER")));
            if (created.status() != 201) {
                throw new IllegalStateException("sign-up answered " + created.status() + ": " + created.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("sign-up failed: " + e.getMessage(), e);
        }
    }

    private static String loginBody(String email, String password) {
        return ApiJson.write(new Login(email, password));
    }
}
