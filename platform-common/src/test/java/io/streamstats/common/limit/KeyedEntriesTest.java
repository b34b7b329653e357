package io.streamstats.common.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits' shared parts, on a stepped clock: the bucket's arithmetic, the sweep, and one key under contention. */
class KeyedEntriesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketRefillsContinuouslyAndSaysHowLongToWait() {
        TokenBucket bucket = TokenBucket.refillingEvery(2, Duration.ofSeconds(3), 0);
        assertEquals(0, bucket.reserve(0));
        assertEquals(0, bucket.reserve(0));
        assertEquals(3 * SECOND, bucket.reserve(0), "empty: a whole refill to wait");
        assertEquals(SECOND, bucket.reserve(2 * SECOND), "two thirds back after 2 s: one more second");
        assertEquals(0, bucket.reserve(3 * SECOND));
        bucket.giveBack(3 * SECOND);
        bucket.giveBack(3 * SECOND);
        assertTrue(bucket.atRest(3 * SECOND), "giving back never goes above the capacity");
        assertEquals(0, bucket.reserve(3 * SECOND));
        assertEquals(0, bucket.reserve(3 * SECOND));
        assertEquals(3 * SECOND, bucket.reserve(3 * SECOND));

        TokenBucket viewer = TokenBucket.refillingPerSecond(1, 3, 0);
        assertEquals(0, viewer.reserve(0));
        assertEquals(333_333_333, viewer.reserve(0), "a third of a second at 3 per second");
        assertEquals(0, viewer.reserve(SECOND / 3 + 1));
    }

    @Test
    void theSweepDropsOnlyEntriesAtRestAndOnlyEvery10Seconds() {
        KeyedEntries<String, TokenBucket> entries = new KeyedEntries<>(0);
        entries.change("busy", 0, () -> TokenBucket.refillingEvery(1, Duration.ofMinutes(1), 0), b -> b.reserve(0));
        entries.change("idle", 0, () -> TokenBucket.refillingEvery(1, Duration.ofSeconds(1), 0), b -> b.reserve(0));
        assertEquals(2, entries.size());

        long beforeDue = KeyedEntries.SWEEP_EVERY_NANOS - 1;
        entries.change("other", beforeDue, () -> TokenBucket.refillingEvery(1, Duration.ofSeconds(1), beforeDue),
                b -> 0);
        assertEquals(3, entries.size(), "no sweep before it is due");

        long due = KeyedEntries.SWEEP_EVERY_NANOS;
        // the sweep runs before the change: "idle" (full again) and "other" (never used) go, "busy" stays
        assertEquals(0, entries.change("new", due, () -> TokenBucket.refillingEvery(1, Duration.ofSeconds(1), due),
                b -> b.reserve(due)));
        assertEquals(2, entries.size(), "busy and new");
        assertTrue(entries.change("busy", due, () -> {
            throw new AssertionError("busy was dropped although its budget is not back");
        }, b -> b.reserve(due)) > 0, "busy is still empty");
    }

    @Test
    void changesOfOneKeyNeverOverlapAndAdmitExactlyTheBudget() throws Exception {
        KeyedEntries<Long, TokenBucket> entries = new KeyedEntries<>(0);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // the clock stands still: nothing refills, so exactly the burst gets through
                        long wait = entries.change(7L, 0, () -> TokenBucket.refillingPerSecond(1_000, 1, 0), b -> {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            Thread.yield(); // widen the window another thread would have to change it at once
                            long w = b.reserve(0);
                            inside.decrementAndGet();
                            return w;
                        });
                        if (wait == 0) {
                            admitted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, overlaps.get(), "a bucket is changed by one thread at a time (it has no lock of its own)");
        assertEquals(1_000, admitted.get());
    }
}
