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
 * {@link #BATCH_WRITES} writes (one bounded log entry each).
 *
 * <p>The batches are <em>pipelined</em>: each is sent and the statement goes on while its range replicates it, up
 * to {@link #MAX_IN_FLIGHT} batches at a time. What waits for a batch is only what depends on it: a read by the
 * transaction of a key it may hold ({@link #settleOver}), a later batch writing a key of it again (a range must
 * apply the transaction's writes of one key in order), and the commit, which waits once for all of them
 * ({@link #awaitReplicated}). A batch that failed is sent again, routed afresh, when it is waited for; a conflict
 * surfaces then, at the statement or the commit that waits.
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
    /** Batches sent and not yet known to be replicated: bounds what the coordinator holds (each up to 1 MiB). */
    static final int MAX_IN_FLIGHT = 8;

    /** A batch sent to its range and not yet waited for. */
    private record InFlight(long readTs, List<Write> writes, byte[] first, byte[] endExclusive,
                            CompletableFuture<Long> provisionalTs) {
    }

    private final long txnId;
    private final RangeRouter router;
    private final LongSupplier clock;
    private RangeReplica recordRange;
    private long highestTs = -1;
    /** Spans holding the intents, start to end (exclusive); disjoint. */
    private final TreeMap<byte[], byte[]> spans = new TreeMap<>(Arrays::compareUnsigned);
    private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
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

    /**
     * The lowest timestamp the transaction may commit at: above each batch's provisional timestamp. Only once every
     * batch is replicated ({@link #awaitReplicated}).
     */
    long commitTsFloor() {
        if (!inFlight.isEmpty()) {
            throw new IllegalStateException("transaction " + txnId + ": batches of intents still in flight");
        }
        return highestTs;
    }

    /**
     * Sends {@code writes} (in key order, no key twice) as intents at snapshot {@code readTs}, without waiting for
     * them to be replicated (see the class comment). A conflict with another transaction fails with a retryable
     * {@link TransactionConflictException}, here or when a batch is waited for; the intents written so far stay
     * until the transaction ends.
     */
    void write(long readTs, Collection<Write> writes) {
        checkNotAborted();
        List<Write> all = new ArrayList<>(writes);
        if (all.isEmpty()) {
            return;
        }
        settleOver(all.get(0).key(), io.cairndb.storage.keys.KeySpace.successor(all.get(all.size() - 1).key()));
        int i = 0;
        while (i < all.size()) {
            RangeReplica replica = router.replicaFor(all.get(i).key());
            List<Write> batch = nextBatch(all, i, replica);
            if (batch.isEmpty()) {
                // this node's route of the key is stale (its range split): the rest goes the patient way
                writeNow(readTs, all.subList(i, all.size()));
                return;
            }
            i += batch.size();
            send(replica, readTs, batch);
        }
    }

    /** The writes from {@code all[from]} on that {@code replica}'s range holds, up to one batch's worth. */
    private static List<Write> nextBatch(List<Write> all, int from, RangeReplica replica) {
        List<Write> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = from; i < all.size() && batch.size() < BATCH_WRITES && bytes < BATCH_BYTES
                && replica.descriptor().contains(all.get(i).key()); i++) {
            Write w = all.get(i);
            batch.add(w);
            bytes += w.key().length + (w.value() == null ? 0 : w.value().length);
        }
        return batch;
    }

    /** Sends one batch to its range; waits first for the oldest batch when {@link #MAX_IN_FLIGHT} are out. */
    private void send(RangeReplica replica, long readTs, List<Write> batch) {
        while (inFlight.size() >= MAX_IN_FLIGHT) {
            settle(inFlight.peekFirst());
        }
        ensureRecord(replica);
        byte[] first = batch.get(0).key();
        byte[] end = io.cairndb.storage.keys.KeySpace.successor(batch.get(batch.size() - 1).key());
        addSpan(first, end); // before it lands: a rollback or recovery resolves the span whether or not it did
        long recordRangeId = recordRangeId();
        inFlight.add(new InFlight(readTs, batch, first, end,
                FanOut.call(() -> replica.writeIntents(txnId, readTs, recordRangeId, batch))));
    }

    /**
     * Waits for the batches in flight that may hold a key of {@code [start, end)} (empty end = unbounded): the
     * transaction's reads there then see its intents.
     */
    void settleOver(byte[] start, byte[] end) {
        for (InFlight f : new ArrayList<>(inFlight)) {
            if ((end.length == 0 || Arrays.compareUnsigned(f.first, end) < 0)
                    && Arrays.compareUnsigned(start, f.endExclusive) < 0) {
                settle(f);
            }
        }
    }

    /** Waits until every batch sent is replicated (or sent again and replicated); throws a conflict met. */
    void awaitReplicated() {
        while (!inFlight.isEmpty()) {
            settle(inFlight.peekFirst());
        }
        checkNotAborted();
    }

    /** Waits for every batch in flight to end, whatever its outcome (before a rollback removes the intents). */
    void awaitQuietly() {
        for (InFlight f : inFlight) {
            try {
                f.provisionalTs.join();
            } catch (RuntimeException e) {
                // the rollback removes whatever of it landed
            }
        }
        inFlight.clear();
    }

    /** Waits for one batch: notes its provisional timestamp, or sends it again when its range moved on. */
    private void settle(InFlight f) {
        inFlight.remove(f);
        try {
            highestTs = Math.max(highestTs, FanOut.join(f.provisionalTs));
        } catch (io.cairndb.storage.range.RangeMismatchException e) {
            writeNow(f.readTs, f.writes); // the range split under it: no conflict
        } catch (TransactionConflictException e) {
            awaitQuietly();
            throw e;
        } catch (io.cairndb.storage.StorageException e) {
            // its leader stepped down or handed leadership on (applied or not: writing one's own intents twice is
            // harmless)
            writeNow(f.readTs, f.writes);
        }
    }

    /**
     * Writes {@code writes} (in key order) as intents and waits for each batch, routing again — with pauses, for
     * a while — what a split or a leader change refused.
     */
    private void writeNow(long readTs, List<Write> writes) {
        List<Write> pending = new ArrayList<>(writes);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Write> refused = new ArrayList<>();
            int i = 0;
            while (i < pending.size()) {
                RangeReplica replica = router.replicaFor(pending.get(i).key());
                List<Write> batch = nextBatch(pending, i, replica);
                i += batch.size();
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
