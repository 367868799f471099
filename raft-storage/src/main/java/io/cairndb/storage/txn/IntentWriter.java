package io.cairndb.storage.txn;

import io.cairndb.storage.CommitOutcomeUnknownException;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import io.cairndb.storage.range.Write;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a big transaction's intents to its ranges while it runs, so neither the coordinator nor a Raft entry ever
 * holds the whole transaction: its coordinator buffers writes until they pass {@link #FLUSH_WRITES} or
 * {@link #FLUSH_BYTES}, then hands them here, and they go to each range as intents, in batches of at most
 * {@link #BATCH_WRITES} writes (one bounded log entry each), replicated and locked before the statement goes on.
 *
 * <p>Before the first batch the transaction record is written PENDING at the range of the first key and renewed
 * by the transaction's heartbeat; recovery aborts the transaction only once the renewals stop. What this class
 * remembers of the intents is a bounded set of key spans (merged as they grow), by which they are resolved after
 * the commit or rollback: span by span, range by range, a bounded batch per log entry, in the background.
 */
final class IntentWriter {
    private static final Logger LOG = LoggerFactory.getLogger(IntentWriter.class);

    /** Buffered writes past which a transaction writes them as intents. */
    static final int FLUSH_WRITES = 4_096;
    /** Buffered bytes (keys and values) past which a transaction writes them as intents. */
    static final long FLUSH_BYTES = 4L << 20;
    /** Writes in one batch of intents (one log entry). */
    static final int BATCH_WRITES = 1_000;
    /** Bytes in one batch of intents. */
    private static final long BATCH_BYTES = 1L << 20;
    /** Spans remembered before neighbours are merged (resolution then passes over more keys, never fewer). */
    private static final int MAX_SPANS = 256;
    /**
     * Attempts at a batch refused because its range split or changed leader meanwhile (with pauses of up to 0.5 s,
     * about 25 s in all: a split is published to the other nodes' routes within seconds, even on a loaded machine).
     */
    private static final int ROUTE_ATTEMPTS = 60;

    private final long txnId;
    private final RangeRouter router;
    private final LongSupplier clock;
    private RangeReplica recordRange;
    private long highestTs = -1;
    /** Spans holding the intents, start to end (exclusive); disjoint. */
    private final TreeMap<byte[], byte[]> spans = new TreeMap<>(Arrays::compareUnsigned);
    private volatile boolean abortedByOther;
    private boolean decided;

    IntentWriter(long txnId, RangeRouter router, LongSupplier clock) {
        this.txnId = txnId;
        this.router = router;
        this.clock = clock;
    }

    /** Whether buffered writes of this size are to be written as intents now. */
    static boolean due(int writes, long bytes) {
        return writes >= FLUSH_WRITES || bytes >= FLUSH_BYTES;
    }

    boolean hasIntents() {
        return recordRange != null;
    }

    /** The range of the record, or -1 before the first intent. */
    long recordRangeId() {
        return recordRange == null ? -1 : recordRange.descriptor().rangeId();
    }

    /** The lowest timestamp the transaction may commit at: above each batch's provisional timestamp. */
    long commitTsFloor() {
        return highestTs;
    }

    /**
     * Writes {@code writes} (in key order) as intents at snapshot {@code readTs}. A conflict with another
     * transaction fails with a retryable {@link TransactionConflictException}; the intents written so far stay
     * until the transaction ends.
     */
    void write(long readTs, Collection<Write> writes) {
        checkNotAborted();
        List<Write> pending = new ArrayList<>(writes);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Write> refused = new ArrayList<>();
            int i = 0;
            while (i < pending.size()) {
                RangeReplica replica = router.replicaFor(pending.get(i).key());
                List<Write> batch = new ArrayList<>();
                long bytes = 0;
                while (i < pending.size() && batch.size() < BATCH_WRITES && bytes < BATCH_BYTES
                        && replica.descriptor().contains(pending.get(i).key())) {
                    Write w = pending.get(i++);
                    batch.add(w);
                    bytes += w.key().length + (w.value() == null ? 0 : w.value().length);
                }
                if (batch.isEmpty()) {
                    refused.add(pending.get(i++)); // the router's descriptor no longer holds it: route again
                    continue;
                }
                ensureRecord(replica);
                try {
                    highestTs = Math.max(highestTs, replica.writeIntents(txnId, readTs, recordRangeId(), batch));
                } catch (io.cairndb.storage.range.RangeMismatchException e) {
                    // a conflict by type (a statement outside a transaction retries on it) but no conflict here:
                    // the range split under the batch, which goes again routed afresh
                    if (attempt == ROUTE_ATTEMPTS) {
                        throw e;
                    }
                    refused.addAll(batch);
                    continue;
                } catch (TransactionConflictException e) {
                    throw e;
                } catch (io.cairndb.storage.StorageException e) {
                    if (attempt == ROUTE_ATTEMPTS) {
                        throw e;
                    }
                    // the range split, or its leader stepped down or handed leadership on (the batch may or may not
                    // have been applied): these go again, routed afresh — writing one's own intents twice is harmless
                    refused.addAll(batch);
                    continue;
                }
                addSpan(batch.get(0).key(), io.cairndb.storage.keys.KeySpace.successor(batch.get(batch.size() - 1).key()));
            }
            if (!refused.isEmpty() && attempt > 1) {
                pause(attempt);
            }
            pending = refused;
        }
    }

    /** Writes the PENDING record, once, at the range of the transaction's first intent. */
    private void ensureRecord(RangeReplica first) {
        if (recordRange != null) {
            return;
        }
        TxnRecord held = first.setRecord(new TxnRecord(txnId, TxnStatus.PENDING, clock.getAsLong(), new long[0]));
        if (held.status() != TxnStatus.PENDING) {
            throw new TransactionConflictException("transaction " + txnId + " was aborted while it ran; retry the "
                    + "transaction");
        }
        recordRange = first;
    }

    /** Renews the PENDING record (from the transaction's heartbeat); notes an abort by recovery. */
    void heartbeat() {
        RangeReplica record = recordRange;
        if (record == null) {
            return;
        }
        TxnRecord held = record.setRecord(new TxnRecord(txnId, TxnStatus.PENDING, clock.getAsLong(), new long[0]));
        if (held.status() == TxnStatus.ABORTED) {
            abortedByOther = true;
        }
    }

    private void checkNotAborted() {
        if (abortedByOther) {
            throw new TransactionConflictException("transaction " + txnId + " was aborted while it ran (its "
                    + "heartbeat was late); retry the transaction");
        }
    }

    /**
     * Writes the final record: COMMITTED at {@code commitTs}, or ABORTED. Returns the record held afterwards (an
     * ABORTED one when recovery got there first). When the answer is lost, the record is read back; a commit whose
     * outcome stays unknown throws {@link CommitOutcomeUnknownException}, an abort returns null (recovery settles
     * it once the heartbeat stops).
     *
     * <p>The record names no participants: ranges split while the transaction runs, so the ranges holding its
     * intents are known by key, not id; recovery therefore keeps the record (the collector removes it later) and
     * only the coordinator, having resolved every span, deletes it.
     */
    TxnRecord decide(boolean commit, long commitTs) {
        TxnRecord record = new TxnRecord(txnId, commit ? TxnStatus.COMMITTED : TxnStatus.ABORTED,
                commit ? commitTs : clock.getAsLong(), new long[0]);
        try {
            TxnRecord held = recordRange.setRecord(record);
            decided = true;
            return held;
        } catch (RuntimeException e) {
            TxnRecord known;
            try {
                known = recordRange.getRecord(txnId);
            } catch (RuntimeException again) {
                known = null;
            }
            if (known != null && known.status().isFinal()) {
                decided = true;
                return known;
            }
            if (commit) {
                throw new CommitOutcomeUnknownException("transaction " + txnId + ": the commit record could not be "
                        + "confirmed: " + e.getMessage(), e);
            }
            return null; // an abort not confirmed: a commit may still land; recovery decides by the record
        }
    }

    /** Whether {@link #decide} has settled the record (then the transaction's fate is known). */
    boolean decided() {
        return decided;
    }

    /**
     * Resolves every intent (committing them at {@code commitTs}, or removing them), in the background; removes
     * the record once all are resolved. What fails is left to recovery.
     */
    CompletableFuture<Void> resolve(boolean commit, long commitTs) {
        // one span after another, one batch at a time: resolution never floods a range's log, so other
        // transactions' commits on the range wait behind at most one batch of it
        List<byte[][]> todo = new ArrayList<>();
        spans.forEach((start, end) -> todo.add(new byte[][] {start, end}));
        announce(commit, commitTs, todo);
        RangeReplica record = recordRange;
        return resolveSpans(commit, commitTs, todo, 0, null).whenComplete((r, e) -> {
            if (e == null) {
                record.deleteRecord(txnId);
            } else {
                LOG.warn("transaction {}: intents not all resolved ({}); recovery resolves the rest", txnId,
                        e.getMessage());
            }
        });
    }

    /**
     * Tells every range holding intents the outcome at once, each by resolving the first key of its part of a span:
     * from then on its readers read through the intents instead of waiting while resolution works its way there.
     */
    private void announce(boolean commit, long commitTs, List<byte[][]> todo) {
        for (byte[][] span : todo) {
            try {
                for (RangeReplica r : router.overlapping(span[0], span[1])) {
                    byte[] lo = max(span[0], r.descriptor().startKey());
                    r.resolveSpan(txnId, commit, commitTs, lo, io.cairndb.storage.keys.KeySpace.successor(lo));
                }
            } catch (RuntimeException e) {
                // an announcement is a shortcut: the resolution itself reaches every range
            }
        }
    }

    /** Resolves {@code spans} from the {@code next}th on, in turn; fails at the end if one of them failed. */
    private CompletableFuture<Void> resolveSpans(boolean commit, long commitTs, List<byte[][]> spans, int next,
                                                 Throwable failed) {
        if (next == spans.size()) {
            return failed == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failed);
        }
        byte[][] span = spans.get(next);
        return resolveFrom(commit, commitTs, span[0], span[1], 0)
                .handle((r, e) -> resolveSpans(commit, commitTs, spans, next + 1, failed != null ? failed : e))
                .thenCompose(f -> f);
    }

    /**
     * Resolves {@code [from, end)} a batch at a time, each at the range holding its first key: the range answers
     * where to go on from (its own end when the span reaches past it, as it is now — not as this node's descriptor
     * may still say), so no part of a span is skipped when ranges split.
     */
    private CompletableFuture<Void> resolveFrom(boolean commit, long commitTs, byte[] from, byte[] end, int failures) {
        RangeReplica replica;
        try {
            replica = router.replicaFor(from);
        } catch (RuntimeException e) {
            return retryLater(commit, commitTs, from, end, failures, e);
        }
        return replica.resolveSpan(txnId, commit, commitTs, from, end).handle((resume, e) -> {
            if (e != null) {
                return retryLater(commit, commitTs, from, end, failures, e);
            }
            if (resume != null) {
                return resolveFrom(commit, commitTs, resume, end, 0);
            }
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> retryLater(boolean commit, long commitTs, byte[] from, byte[] end, int failures,
                                               Throwable e) {
        if (failures >= ROUTE_ATTEMPTS) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(50L * (failures + 1), TimeUnit.MILLISECONDS))
                .thenCompose(x -> resolveFrom(commit, commitTs, from, end, failures + 1));
    }

    private void addSpan(byte[] start, byte[] end) {
        Map.Entry<byte[], byte[]> before = spans.floorEntry(start);
        if (before != null && Arrays.compareUnsigned(before.getValue(), start) >= 0) {
            start = before.getKey();
            end = max(end, before.getValue());
        }
        // absorb every span starting inside the new one
        for (Map.Entry<byte[], byte[]> e = spans.ceilingEntry(start);
             e != null && Arrays.compareUnsigned(e.getKey(), end) <= 0; e = spans.ceilingEntry(start)) {
            spans.remove(e.getKey());
            end = max(end, e.getValue());
        }
        spans.put(start, end);
        if (spans.size() > MAX_SPANS) {
            mergeNeighbours();
        }
    }

    /** Halves the number of spans by joining each pair of neighbours (with the keys between them). */
    private void mergeNeighbours() {
        List<byte[][]> all = new ArrayList<>();
        spans.forEach((s, e) -> all.add(new byte[][] {s, e}));
        spans.clear();
        for (int i = 0; i < all.size(); i += 2) {
            byte[] end = i + 1 < all.size() ? all.get(i + 1)[1] : all.get(i)[1];
            spans.put(all.get(i)[0], end);
        }
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }


    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(500, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cairndb.storage.StorageException("interrupted while writing intents");
        }
    }
}
