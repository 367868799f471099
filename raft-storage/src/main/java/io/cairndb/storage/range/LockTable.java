package io.cairndb.storage.range;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Keys locked by committing transactions on one range leader: held from validation until the transaction's
 * versions (1PC) or intent resolution (2PC) are applied. Not thread-safe: guarded by the range latch.
 */
final class LockTable {

    /** The locks one transaction holds on one range; {@link #released} completes when they go. */
    static final class Lock {
        final long txnId;
        final long commitTs;
        final List<byte[]> keys;
        final CompletableFuture<Void> released = new CompletableFuture<>();

        Lock(long txnId, long commitTs, List<byte[]> keys) {
            this.txnId = txnId;
            this.commitTs = commitTs;
            this.keys = keys;
        }
    }

    private final TreeMap<byte[], Lock> locks = new TreeMap<>(Arrays::compareUnsigned);

    /** The lock of another transaction on {@code key}, or null. */
    Lock foreign(byte[] key, long txnId) {
        Lock l = locks.get(key);
        return l != null && l.txnId != txnId ? l : null;
    }

    /** The first lock of another transaction in {@code [start, end)} with commit ts at most {@code maxTs}. */
    Lock foreignIn(byte[] start, byte[] end, long txnId, long maxTs) {
        Map<byte[], Lock> span = end.length == 0 ? locks.tailMap(start, true) : locks.subMap(start, true, end, false);
        for (Lock l : span.values()) {
            if (l.txnId != txnId && l.commitTs <= maxTs) {
                return l;
            }
        }
        return null;
    }

    Lock acquire(long txnId, long commitTs, List<byte[]> keys) {
        Lock lock = new Lock(txnId, commitTs, keys);
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
    }
}
