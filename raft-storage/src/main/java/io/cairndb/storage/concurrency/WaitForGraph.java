package io.cairndb.storage.concurrency;

import java.util.HashMap;
import java.util.Map;

/**
 * Which transaction waits for which, over every range leader of one node. A transaction waits for at most one
 * lock at a time, so the graph is a set of chains; a wait that would close a chain into a cycle is a deadlock and
 * is refused — the transaction asking to wait is the one that gives up (it holds the locks of the cycle's last
 * edge, and failing it releases them). Cycles through ranges led by different nodes are not seen here: the lock
 * wait timeout ends those.
 */
public final class WaitForGraph {
    private final Map<Long, Long> waitsFor = new HashMap<>();

    /**
     * Records that {@code waiter} waits for {@code holder}; returns false, recording nothing, when {@code holder}
     * already waits (directly or through others) for {@code waiter}.
     */
    public synchronized boolean startWaiting(long waiter, long holder) {
        if (waiter == holder) {
            return true;
        }
        Long next = holder;
        int steps = 0;
        while (next != null && steps++ <= waitsFor.size()) {
            if (next == waiter) {
                return false;
            }
            next = waitsFor.get(next);
        }
        waitsFor.put(waiter, holder);
        return true;
    }

    /** {@code waiter} no longer waits (it got the lock, gave up, or its wait timed out). */
    public synchronized void stopWaiting(long waiter) {
        waitsFor.remove(waiter);
    }

    /** How many transactions wait now (tests, metrics). */
    public synchronized int waiting() {
        return waitsFor.size();
    }
}
