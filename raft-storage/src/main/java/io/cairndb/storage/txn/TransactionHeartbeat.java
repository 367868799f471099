package io.cairndb.storage.txn;

import io.cairndb.storage.range.RangeReplica;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells the cluster that a running transaction's coordinator lives: every third of a row lock's time to live it
 * renews the transaction's row locks and, once it has written intents while running, its PENDING record. When the
 * coordinator's node dies the beats stop: row locks lapse and recovery aborts the transaction, instead of its rows
 * staying blocked until a restart.
 */
final class TransactionHeartbeat {
    static final long INTERVAL_MS = RangeReplica.ROW_LOCK_TTL_MS / 3;
    /** A few threads: a beat makes blocking calls, and one slow beat must not make others late. */
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "cairndb-txn-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private TransactionHeartbeat() {
    }

    /** Runs {@code beat} every {@link #INTERVAL_MS} until the handle is cancelled; a beat never throws out. */
    static ScheduledFuture<?> start(Runnable beat) {
        return TIMER.scheduleAtFixedRate(() -> {
            try {
                beat.run();
            } catch (RuntimeException e) {
                // a beat that failed (a leader change) is tried again at the next one
            }
        }, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }
}
