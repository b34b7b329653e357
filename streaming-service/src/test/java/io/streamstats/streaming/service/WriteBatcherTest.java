package io.streamstats.streaming.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bounded queue in front of the writers: a full queue refuses at once (PlaybackService answers 503 "too many
 * plays and pauses are waiting"), nothing offered while it has room is lost, and a batch takes what is waiting.
 */
class WriteBatcherTest {

    @Test
    void aFullQueueRefusesAtOnceAndWhatItTookIsWritten() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        WriteBatcher<Integer> batcher = new WriteBatcher<>("test-writer", 1, 10, 3, batch -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(List.copyOf(batch));
        }, (batch, failure) -> { });
        try {
            assertTrue(batcher.offer(0));
            assertTrue(writing.await(5, TimeUnit.SECONDS), "the writer took the first request");
            // the one writer is busy: three wait, the fourth finds the queue full
            assertTrue(batcher.offer(1));
            assertTrue(batcher.offer(2));
            assertTrue(batcher.offer(3));
            long started = System.nanoTime();
            assertFalse(batcher.offer(4));
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(100), "refused without waiting");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (batches.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(List.of(0), List.of(1, 2, 3)), batches, "the waiting three in one batch");
            assertTrue(batcher.offer(5), "room again");
        } finally {
            release.countDown();
            batcher.stop(1_000);
        }
    }
}
