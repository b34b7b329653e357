package io.streamstats.streaming.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Group commit in the service: requests wait in a bounded queue and a few writer threads each take everything
 * waiting (up to a batch size) and hand it to the handler as one batch. Under light load a batch is one request
 * and nothing waits; under heavy load batches grow, so the database does one transaction for many requests.
 */
final class WriteBatcher<C> {

    private static final Logger LOG = Logger.getLogger(WriteBatcher.class);

    private final BlockingQueue<C> queue;
    private final int maxBatch;
    private final Consumer<List<C>> handler;
    private final BiConsumer<List<C>, Throwable> onFailure;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param handler   writes one batch and answers each of its requests; called from the writer threads only
     * @param onFailure answers the requests of a batch whose handler threw
     */
    WriteBatcher(String name, int writerThreads, int maxBatch, int capacity, Consumer<List<C>> handler,
                 BiConsumer<List<C>, Throwable> onFailure) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.onFailure = onFailure;
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::drain, name + "-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** False when the queue is full or the batcher is stopping: the caller refuses the request. */
    boolean offer(C command) {
        if (!running || !queue.offer(command)) {
            return false;
        }
        // stopping began meanwhile and the writers may be gone: take it back unless a writer already has it
        return running || !queue.remove(command);
    }

    /** Stops taking requests, lets the writers finish what is queued, and returns what they could not take. */
    List<C> stop(long timeoutMillis) {
        running = false;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<C> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private void drain() {
        List<C> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                C first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                handler.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("A write batch failed outside its handler", e);
                onFailure.accept(batch, e);
            } finally {
                batch.clear();
            }
        }
    }
}
