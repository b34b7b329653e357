package io.streamstats.batch.job;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Progress lines on standard output while the job runs. */
public final class Progress {

    private static final ConcurrentHashMap<String, AtomicInteger> DONE = new ConcurrentHashMap<>();

    private Progress() {
    }

    static void partitionDone(String step, int partition, int partitions, long rows, String unit, double seconds) {
        int done = DONE.computeIfAbsent(step + "/" + partitions, k -> new AtomicInteger()).incrementAndGet();
        System.out.printf("  %-9s partition %d/%d done (%d of %d): %,d %s in %.2f s, %,.0f %s/s%n", step, partition,
                partitions, Math.min(done, partitions), partitions, rows, unit, seconds,
                seconds > 0 ? rows / seconds : 0.0, unit);
        System.out.flush();
    }

    public static void reset() {
        DONE.clear();
    }
}
