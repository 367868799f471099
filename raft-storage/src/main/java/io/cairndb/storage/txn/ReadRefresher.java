package io.cairndb.storage.txn;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.range.RangeReplica;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Read refresh, the coordinator's way of moving a transaction forward in time instead of restarting it: the reads
 * it made at one timestamp hold at a later one when, at every range they were made in, nothing in them was
 * committed in between and no other transaction is committing into them ({@link RangeReplica#refresh}, which also
 * records them at the later timestamp, so nothing can commit under them afterwards). The ranges are asked at once.
 *
 * <p>Two jobs use it: a locking statement that found a row newer than the snapshot moves the snapshot forward
 * ({@link RangeTransaction}), and a commit pushed above its staged timestamp moves its reads up to the pushed
 * one ({@link CommitProtocol}).
 */
final class ReadRefresher {
    /** The reads a transaction made in one range, at {@code fromTs}. */
    record Reads(RangeReplica replica, ReadSet reads, long fromTs) {
    }

    private ReadRefresher() {
    }

    /**
     * Moves every one of {@code reads} up to {@code toTs}; throws a retryable conflict (the first failure) when one
     * changed. Reads already at or above {@code toTs}, and empty ones, need nothing.
     */
    static void refresh(long txnId, List<Reads> reads, long toTs) {
        List<CompletableFuture<Void>> calls = new ArrayList<>(reads.size());
        for (Reads r : reads) {
            if (r.fromTs() < toTs && !r.reads().isEmpty()) {
                calls.add(FanOut.call(() -> {
                    r.replica().refresh(txnId, r.reads(), r.fromTs(), toTs);
                    return null;
                }));
            }
        }
        FanOut.awaitAll(calls);
    }
}
