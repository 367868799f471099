package io.cairndb.storage.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Keys locked on one range leader, of two kinds. A <em>commit lock</em> is held by a committing transaction
 * from validation until its versions (1PC) or intent resolution (2PC) are applied. A <em>row lock</em> is taken
 * by {@code SELECT … FOR UPDATE} and by UPDATE/DELETE in a transaction, and held until its transaction ends; its
 * coordinator renews it while the transaction runs, and one not renewed for {@link #ROW_LOCK_TTL_MS} (its node died)
 * lapses, so no transaction holds rows forever. Neither kind is replicated: a new leader starts
 * without them, which costs no correctness (commits validate what they read) but drops row locks early.
 * Not thread-safe: guarded by the range latch.
 */
final class LockTable {
    /** How long a row lock lasts unless its transaction renews it (its coordinator does every few seconds). */
    static final long ROW_LOCK_TTL_MS = RangeReplica.ROW_LOCK_TTL_MS;

    /** Locks one transaction holds on one range; {@link #released} completes when they go. */
    static final class Lock {
        final long txnId;
        final long commitTs;
        final List<byte[]> keys;
        /** Row lock (FOR UPDATE): its transaction's age, earlier = older; 0 for a commit lock. */
        final long priority;
        volatile long expiresAtNanos;
        final CompletableFuture<Void> released = new CompletableFuture<>();

        Lock(long txnId, long commitTs, List<byte[]> keys, long priority, long expiresAtNanos) {
            this.txnId = txnId;
            this.commitTs = commitTs;
            this.keys = keys;
            this.priority = priority;
            this.expiresAtNanos = expiresAtNanos;
        }

        boolean isRowLock() {
            return priority != 0;
        }

        boolean expired(long nowNanos) {
            return isRowLock() && nowNanos - expiresAtNanos >= 0;
        }
    }

    private final TreeMap<byte[], Lock> locks = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<Long, List<Lock>> rowLocks = new HashMap<>();

    /** The lock of another transaction on {@code key} (of either kind: a writer may not touch it), or null. */
    Lock foreign(byte[] key, long txnId) {
        Lock l = locks.get(key);
        return l != null && l.txnId != txnId && !l.expired(System.nanoTime()) ? l : null;
    }

    /** The commit lock of another transaction on {@code key}, or null (row locks do not stop readers). */
    Lock committing(byte[] key, long txnId) {
        Lock l = locks.get(key);
        return l != null && l.txnId != txnId && !l.isRowLock() ? l : null;
    }

    /**
     * The first commit lock of another transaction in {@code [start, end)} with commit ts at most {@code maxTs}
     * (row locks do not stop readers).
     */
    Lock foreignIn(byte[] start, byte[] end, long txnId, long maxTs) {
        Map<byte[], Lock> span = end.length == 0 ? locks.tailMap(start, true) : locks.subMap(start, true, end, false);
        for (Lock l : span.values()) {
            if (l.txnId != txnId && !l.isRowLock() && l.commitTs <= maxTs) {
                return l;
            }
        }
        return null;
    }

    /** Row-locks {@code keys} for {@code txnId} (the caller found none locked by another); renews the others. */
    void lockRows(long txnId, long priority, List<byte[]> keys) {
        releaseExpiredRowLocks();
        renewRowLocks(txnId);
        Lock lock = new Lock(txnId, Long.MAX_VALUE, keys, priority,
                System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ROW_LOCK_TTL_MS));
        for (byte[] k : keys) {
            locks.put(k, lock);
        }
        rowLocks.computeIfAbsent(txnId, id -> new ArrayList<>()).add(lock);
    }

    /** Extends the row locks of {@code txnId} by {@link #ROW_LOCK_TTL_MS} from now (its transaction still runs). */
    void renewRowLocks(long txnId) {
        List<Lock> held = rowLocks.get(txnId);
        if (held != null) {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ROW_LOCK_TTL_MS);
            for (Lock l : held) {
                l.expiresAtNanos = until;
            }
        }
    }

    /** Releases the row locks of {@code txnId} (its transaction ended). */
    void releaseRowLocks(long txnId) {
        List<Lock> held = rowLocks.remove(txnId);
        if (held != null) {
            held.forEach(this::release);
        }
    }

    private void releaseExpiredRowLocks() {
        long now = System.nanoTime();
        for (List<Lock> held : List.copyOf(rowLocks.values())) {
            if (!held.isEmpty() && held.get(0).expired(now)) {
                releaseRowLocks(held.get(0).txnId);
            }
        }
    }

    Lock acquire(long txnId, long commitTs, List<byte[]> keys) {
        Lock lock = new Lock(txnId, commitTs, keys, 0, 0);
        for (byte[] k : keys) {
            locks.put(k, lock);
        }
        return lock;
    }

    void release(Lock lock) {
        for (byte[] k : lock.keys) {
            locks.remove(k, lock);
        }
        lock.released.complete(null);
    }

    /** Releases every lock (leadership lost); waiters re-check and find the range no longer led here. */
    void releaseAll() {
        for (Lock l : List.copyOf(locks.values())) {
            release(l);
        }
        rowLocks.clear();
    }
}
