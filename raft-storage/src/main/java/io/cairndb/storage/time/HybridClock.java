package io.cairndb.storage.time;

/**
 * The node's timestamp source: hybrid logical timestamps {@code physicalMillis << 16 | logical}, strictly
 * increasing, never going backwards across restarts or clock jumps.
 *
 * <p>Each timestamp is {@code max(physical, last + 1)}: a clock jumping back only makes the logical part count
 * up. A high-water mark is reserved ahead ({@link #RESERVE_MILLIS} of physical time) through a
 * {@link HighWaterStore}; a timestamp at or above it is issued only after a new mark is persisted, so after a
 * restart the clock starts above every timestamp it could have issued before.
 */
public final class HybridClock {
    public static final int LOGICAL_BITS = 16;
    /** How far ahead the high-water mark is reserved; a persist happens about twice per window. */
    public static final long RESERVE_MILLIS = 5_000;

    private final HighWaterStore store;
    private volatile long last;
    private long highWater;

    public HybridClock(HighWaterStore store) {
        this.store = store;
        this.highWater = store.load();
        this.last = highWater;
    }

    public static long physicalMillis(long timestamp) {
        return timestamp >>> LOGICAL_BITS;
    }

    /** A fresh timestamp greater than every one issued before. */
    public synchronized long now() {
        long ts = Math.max(System.currentTimeMillis() << LOGICAL_BITS, last + 1);
        reserveFor(ts);
        last = ts;
        return ts;
    }

    /** Moves the clock to at least {@code ts} (a timestamp chosen above {@link #now()}), so later ones exceed it. */
    public synchronized void observe(long ts) {
        if (ts > last) {
            reserveFor(ts);
            last = ts;
        }
    }

    /**
     * Waits until the physical clock has passed {@code ts} (bounded by {@code maxWaitMillis}). A commit pushed
     * ahead of real time (above reads a new leader must respect) returns only once every node whose clock is in
     * step would read above it, so a transaction that starts after the commit returned sees it.
     */
    public void awaitPhysicalPast(long ts, long maxWaitMillis) {
        long target = physicalMillis(ts) + 1;
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        long now;
        while ((now = System.currentTimeMillis()) < target && now < deadline) {
            try {
                Thread.sleep(Math.min(target - now, deadline - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last timestamp issued, without issuing a new one (no persistence involved). */
    public long current() {
        return last;
    }

    private void reserveFor(long ts) {
        long window = RESERVE_MILLIS << LOGICAL_BITS;
        if (ts >= highWater - window / 2) {
            highWater = store.persist(ts + window);
        }
        if (ts >= highWater) {
            throw new IllegalStateException("high-water mark " + highWater + " not above timestamp " + ts);
        }
    }
}
