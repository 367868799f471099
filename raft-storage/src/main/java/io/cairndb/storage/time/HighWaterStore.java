package io.cairndb.storage.time;

/** Where the clock's high-water mark is made durable ({@link LocalHighWater}: the node's own store). */
public interface HighWaterStore {
    /** The last persisted mark, or 0 when none. */
    long load();

    /** Durably records that no timestamp up to {@code mark} may be issued again; returns the stored mark. */
    long persist(long mark);
}
