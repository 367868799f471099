package io.cairndb.storage.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Liveness as the meta range's leader sees it: when each node's last heartbeat arrived and what it reported.
 * Kept in memory only: a new meta leader counts every node as live for a short grace period until heartbeats
 * reach it.
 */
final class NodeLiveness {
    /** A node whose heartbeat is older than this is not live. */
    static final long EXPIRY_MS = 4_000;
    /**
     * After this node becomes meta leader, a node it has not heard from yet counts as live this long: every live
     * node heartbeats each second, so two and a half seconds is enough to hear from all of them.
     */
    private static final long GRACE_MS = 2_500;
    /**
     * A node silent this long is dead: its replicas are replaced elsewhere. Much longer than {@link #EXPIRY_MS}
     * so a restart or a short partition costs no data movement. System property {@code cairndb.deadAfterMs}
     * overrides it (tests).
     */
    static final long DEAD_AFTER_MS = Long.getLong("cairndb.deadAfterMs", 60_000);

    record Report(long atMillis, int leaders) {
    }

    private final Map<Integer, Report> reports = new ConcurrentHashMap<>();
    private volatile long leaderSince = System.currentTimeMillis();

    void leadershipStarted() {
        leaderSince = System.currentTimeMillis();
    }

    void heartbeat(int nodeId, int leaders) {
        reports.put(nodeId, new Report(System.currentTimeMillis(), leaders));
    }

    boolean isLive(int nodeId) {
        long now = System.currentTimeMillis();
        Report r = reports.get(nodeId);
        if (r != null && now - r.atMillis() < EXPIRY_MS) {
            return true;
        }
        return now - leaderSince < GRACE_MS && (r == null || r.atMillis() < leaderSince);
    }

    /** Not heard from for {@link #DEAD_AFTER_MS} (counting from when this node began to lead meta). */
    boolean isDead(int nodeId) {
        long now = System.currentTimeMillis();
        Report r = reports.get(nodeId);
        long last = Math.max(leaderSince, r == null ? 0 : r.atMillis());
        return now - last >= DEAD_AFTER_MS;
    }

    Report report(int nodeId) {
        return reports.get(nodeId);
    }
}
