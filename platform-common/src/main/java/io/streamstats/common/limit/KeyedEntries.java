package io.streamstats.common.limit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The state of an in-memory limit per key (a client address, a viewer): every change of an entry runs inside the
 * map's compute for its key, so an entry needs no lock of its own and the sweep never drops one being changed;
 * entries back at rest are dropped every 10 s, so memory follows the keys active lately.
 */
public final class KeyedEntries<K, E extends KeyedEntries.Entry> {

    /** An entry of a limit. */
    public interface Entry {
        /** Nothing left to remember at {@code now}: the entry may be dropped. */
        boolean atRest(long now);
    }

    static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final ConcurrentHashMap<K, E> entries = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /** {@code now}: the clock the callers will pass, for the first sweep's time. */
    public KeyedEntries(long now) {
        nextSweep = new AtomicLong(now + SWEEP_EVERY_NANOS);
    }

    /**
     * Applies {@code change} to the key's entry ({@code create}d when absent) inside the map's compute and returns
     * its result; sweeps first when a sweep is due.
     */
    public long change(K key, long now, Supplier<E> create, ToLongFunction<E> change) {
        sweepIfDue(now);
        long[] result = new long[1];
        entries.compute(key, (k, entry) -> {
            E e = entry != null ? entry : create.get();
            result[0] = change.applyAsLong(e);
            return e;
        });
        return result[0];
    }

    /** Entries remembered now (for tests and gauges). */
    public int size() {
        return entries.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            return;
        }
        entries.forEach((k, v) -> entries.computeIfPresent(k, (key, entry) -> entry.atRest(now) ? null : entry));
    }
}
