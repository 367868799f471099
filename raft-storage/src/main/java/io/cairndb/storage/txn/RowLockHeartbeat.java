package io.cairndb.storage.txn;

import io.cairndb.storage.range.RangeReplica;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a running transaction's row locks from lapsing: every third of their time to live it renews them at each
 * range that holds some. When the transaction's node dies the renewals stop, and its locks lapse instead of
 * blocking those rows until a restart.
 */
final class RowLockHeartbeat {
    private static final long INTERVAL_MS = RangeReplica.ROW_LOCK_TTL_MS / 3;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairndb-row-lock-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private RowLockHeartbeat() {
    }

    /** Renews {@code txnId}'s locks at {@code holders} (read each time: it grows) until the handle is cancelled. */
    static ScheduledFuture<?> start(long txnId, Collection<RangeReplica> holders) {
        return TIMER.scheduleAtFixedRate(() -> {
            for (RangeReplica replica : holders) {
                try {
                    replica.renewRowLocks(txnId);
                } catch (RuntimeException e) {
                    // a leader change drops row locks anyway; the next round tries again where they remain
                }
            }
        }, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }
}
