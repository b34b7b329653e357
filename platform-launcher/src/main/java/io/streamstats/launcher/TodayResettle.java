package io.streamstats.launcher;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the open day's reports following what is played while the platform stays up. The scenario settles today
 * with {@code --allow-open-day}; from then on the reports of today answer the settled figures, and a play or pause
 * after that is a late row of a settled day, shown only once the day is settled again (in production the next
 * nightly run finds it). So, every interval, this reads how many plays and pauses streaming-service has answered
 * (its {@code /q/metrics}) and, when that number moved since the last settle, settles today again. When the date
 * turned since, the day before is settled first.
 */
final class TodayResettle {

    /** Answered plays and pauses, as Quarkus counts HTTP requests by route template and status. */
    private static final Pattern PLAYBACK_REQUESTS = Pattern.compile(
            "(?m)^http_server_requests_seconds_count\\{(.*)}\\s+([0-9.eE+]+)$"); // the labels hold {id}

    private final Platform platform;
    private final Http http = new Http();
    private final Clock clock;
    private long settledAt;
    private LocalDate settledDay;

    /**
     * {@code day} was just settled, and {@code answeredAtSettle} plays and pauses had been answered when that settle
     * began ({@link #answeredSoFar}; -1 when unknown, and the first check settles once more).
     */
    TodayResettle(Platform platform, LocalDate day, long answeredAtSettle, Clock clock) {
        this.platform = platform;
        this.clock = clock;
        this.settledDay = day;
        this.settledAt = answeredAtSettle;
    }

    /**
     * The plays and pauses streaming-service has answered so far, read just before a settle (a request answered
     * after it is then seen as new); -1 if the metrics cannot be read.
     */
    static long answeredSoFar(Platform platform) {
        try {
            return playbackRequests(metrics(platform, new Http()));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Settles again if plays or pauses were answered since the last settle. */
    void check() {
        long answered = playbackRequests(metrics(platform, http));
        if (answered == settledAt) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(Scenario.PLATFORM_ZONE));
        // the day before is over, but maybe not its grace for requests in flight: it is settled as the launcher
        // settles days, with the flag
        if (today.isAfter(settledDay) && !settle(settledDay)) {
            return;
        }
        if (settle(today)) {
            settledAt = answered;
            settledDay = today;
        }
    }

    private boolean settle(LocalDate day) {
        long started = System.nanoTime();
        Platform.ToolRun run = platform.runBatchQuietly("settle", "--date", day.toString(), "--allow-open-day");
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (run.exit() != 0) {
            if (platform.closing()) {
                return false; // Ctrl-C stopped the batch
            }
            if (run.exit() == 2 && run.output().contains("holds the lock")) {
                // another run of the batch on this database (an operator's settle, the bench): not a failure
                Progress.info("==> " + now() + " settling " + day + " again waits: another settlement run holds"
                        + " the batch's lock; next try at the next check");
                return false;
            }
            Progress.info("==> " + now() + " settling " + day + " again failed (exit " + run.exit() + "); its output:");
            run.output().lines().forEach(line -> Progress.info("    " + line));
            return false;
        }
        Progress.info("==> " + now() + " plays or pauses since the last settle: " + day + " settled again in "
                + millis + " ms");
        return true;
    }

    /** The time of day each line starts with. */
    private LocalTime now() {
        return LocalTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String metrics(Platform platform, Http http) {
        return http.expect(200, http.get(platform.streamingService().baseUrl() + "/q/metrics", null),
                "streaming-service metrics").body();
    }

    /** The plays and pauses answered with 200, summed over the Prometheus text of streaming-service's metrics. */
    static long playbackRequests(String metrics) {
        long total = 0;
        Matcher line = PLAYBACK_REQUESTS.matcher(metrics);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("status=\"200\"") && (labels.contains("uri=\"/api/videos/{id}/play\"")
                    || labels.contains("uri=\"/api/videos/{id}/pause\""))) {
                total += (long) Double.parseDouble(line.group(2));
            }
        }
        return total;
    }
}
