package io.cairndb.storage.concurrency;

import java.util.HashMap;
import java.util.Map;

/**
 * Which transaction waits for which, over every range leader of one node. A transaction waits for at most one
 * lock at a time, so the graph is a set of chains; a wait that would close a chain into a cycle is a deadlock and
 * is refused — the transaction asking to wait is the one that gives up (it holds the locks of the cycle's last
 * edge, and failing it releases them).
 *
 * <p>A cycle through ranges led by different nodes is closed by a wait no single node sees whole. A waiter that is
 * still waiting after a while asks {@link #victimOfCycle}, which joins this node's waits with the other nodes'
 * ({@link Elsewhere}) and follows them: in a cycle, the member with the highest id — the one begun last — gives up,
 * and only it, since every member asks the same question of the same graph.
 */
public final class WaitForGraph {
    /** The waits held by the other nodes of the cluster: waiter to holder. */
    public interface Elsewhere {
        Map<Long, Long> waits();
    }

    private final Map<Long, Long> waitsFor = new HashMap<>();
    private volatile Elsewhere elsewhere = Map::of;

    /** Where the other nodes' waits come from (none until the node has joined a cluster). */
    public void setElsewhere(Elsewhere elsewhere) {
        this.elsewhere = elsewhere;
    }

    /**
     * Records that {@code waiter} waits for {@code holder}; returns false, recording nothing, when {@code holder}
     * already waits (directly or through others) for {@code waiter}.
     */
    public synchronized boolean startWaiting(long waiter, long holder) {
        if (waiter == holder) {
            return true;
        }
        if (cycleFrom(waiter, holder, waitsFor) != null) {
            return false;
        }
        waitsFor.put(waiter, holder);
        return true;
    }

    /** {@code waiter} no longer waits (it got the lock, gave up, or its wait timed out). */
    public synchronized void stopWaiting(long waiter) {
        waitsFor.remove(waiter);
    }

    /** This node's waits now: waiter to holder. */
    public synchronized Map<Long, Long> waits() {
        return new HashMap<>(waitsFor);
    }

    /**
     * Whether {@code waiter}, which waits here, closes a cycle of waits across the cluster and is the member that
     * gives up in it (the highest id). This node's waits are taken over the others' where both name one waiter:
     * they are the fresher.
     */
    public boolean victimOfCycle(long waiter) {
        Map<Long, Long> all = new HashMap<>(elsewhere.waits());
        all.putAll(waits());
        Long holder = all.get(waiter);
        if (holder == null) {
            return false;
        }
        Long highest = cycleFrom(waiter, holder, all);
        return highest != null && highest == waiter;
    }

    /**
     * Follows the waits from {@code holder}: when they lead back to {@code waiter}, the highest id on the cycle
     * (the waiter included), else null.
     */
    private static Long cycleFrom(long waiter, long holder, Map<Long, Long> waits) {
        long highest = Math.max(waiter, holder);
        Long next = holder;
        int steps = 0;
        while (next != null && steps++ <= waits.size()) {
            if (next == waiter) {
                return highest;
            }
            highest = Math.max(highest, next);
            next = waits.get(next);
        }
        return null;
    }

    /** How many transactions wait now (tests, metrics). */
    public synchronized int waiting() {
        return waitsFor.size();
    }
}
