package io.cairndb.storage.txn;

import io.cairndb.storage.range.RangeMismatchException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.ReadSet;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import io.cairndb.storage.range.Write;
import io.cairndb.storage.time.HybridClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a transaction's buffered writes.
 *
 * <p>One participating range (every write and every read in it): one-phase commit at that range's leader,
 * one Raft round. Several: two-phase commit: a commit timestamp from the clock; prepare at each participant
 * (validation, intents replicated through its group; ranges only read are validated without a Raft round); the
 * transaction record COMMITTED written through the group of the range of the first written key (the commit
 * point); then the intents are resolved asynchronously and the record removed. A failed prepare aborts: record
 * ABORTED, intents removed.
 */
final class CommitProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(CommitProtocol.class);

    /** Longest commit wait: a commit is pushed ahead of real time by at most the read watermark's lead (1 s). */
    private static final long COMMIT_WAIT_MAX_MS = 2_000;
    /** A transaction whose snapshot is older than this commits at a fresh timestamp rather than at its snapshot. */
    private static final long SNAPSHOT_COMMIT_MAX_AGE_MS = 60_000;
    /** How often a resolution that failed for a passing reason (split, leader change) is tried again. */
    private static final int RESOLVE_ATTEMPTS = 10;

    private final RangeRouter router;
    private final HybridClock clock;

    CommitProtocol(RangeRouter router, HybridClock clock) {
        this.router = router;
        this.clock = clock;
    }

    /** A range taking part in a commit: what the transaction writes and read there. */
    private static final class Participant {
        final RangeReplica replica;
        final List<Write> writes = new ArrayList<>();
        ReadSet reads = new ReadSet();

        Participant(RangeReplica replica) {
            this.replica = replica;
        }

        long rangeId() {
            return replica.descriptor().rangeId();
        }

        List<byte[]> keys() {
            List<byte[]> keys = new ArrayList<>(writes.size());
            writes.forEach(w -> keys.add(w.key()));
            return keys;
        }
    }

    void commit(long txnId, long readTs, Collection<Write> writes, Map<Long, ReadSet> reads) {
        Map<Long, Participant> participants = new TreeMap<>();
        long recordRangeId = -1;
        for (Write w : writes) {
            RangeReplica replica = router.replicaFor(w.key());
            long rangeId = replica.descriptor().rangeId();
            if (recordRangeId < 0) {
                recordRangeId = rangeId;
            }
            participants.computeIfAbsent(rangeId, id -> new Participant(replica)).writes.add(w);
        }
        for (Map.Entry<Long, ReadSet> e : reads.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Participant p = participants.get(e.getKey());
            if (p == null) {
                RangeReplica replica = router.byId(e.getKey());
                if (replica == null) {
                    throw new TransactionConflictException("range " + e.getKey() + " read by transaction " + txnId
                            + " no longer exists; retry the transaction");
                }
                p = new Participant(replica);
                participants.put(e.getKey(), p);
            }
            p.reads = e.getValue();
        }
        if (participants.size() == 1) {
            Participant only = participants.values().iterator().next();
            long commitTs = only.replica.commitOnePhase(txnId, readTs, only.reads, only.writes);
            clock.awaitPhysicalPast(commitTs, COMMIT_WAIT_MAX_MS);
            return;
        }
        commitTwoPhase(txnId, readTs, recordRangeId, participants);
    }

    private void commitTwoPhase(long txnId, long readTs, long recordRangeId, Map<Long, Participant> participants) {
        long provisional = provisionalTs(readTs);
        long commitTs = provisional;
        List<Participant> writers = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.writes.isEmpty()) {
                writers.add(p);
            }
        }
        long[] writerIds = writers.stream().mapToLong(Participant::rangeId).toArray();
        RangeReplica recordRange = participants.get(recordRangeId).replica;
        List<Participant> attempted = new ArrayList<>();
        try {
            // every participant at once: the commit waits for the slowest Raft round, not for their sum
            List<Participant> all = new ArrayList<>(participants.values());
            List<CompletableFuture<Long>> prepares = new ArrayList<>(all.size());
            for (Participant p : all) {
                if (!p.writes.isEmpty()) {
                    attempted.add(p);
                }
                prepares.add(FanOut.call(() -> p.replica.prepare(txnId, readTs, provisional, recordRangeId, p.reads,
                        p.writes)));
            }
            long[] preparedAt = new long[all.size()];
            RuntimeException failed = null;
            boolean firstWriter = true;
            for (int i = 0; i < all.size(); i++) {
                try {
                    preparedAt[i] = FanOut.join(prepares.get(i));
                    commitTs = Math.max(commitTs, preparedAt[i]);
                    if (!all.get(i).writes.isEmpty() && firstWriter) {
                        firstWriter = false;
                        CrashPoint.reach(CrashPoint.AFTER_FIRST_PREPARE);
                    }
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed; // the others are awaited: the abort must follow them
                }
            }
            if (failed != null) {
                throw failed;
            }
            // a participant that prepared below the commit timestamp validated its reads only that far
            List<CompletableFuture<Long>> refreshes = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Participant p = all.get(i);
                long from = preparedAt[i];
                long to = commitTs;
                if (from < to && !p.reads.isEmpty()) {
                    refreshes.add(FanOut.call(() -> {
                        p.replica.refresh(txnId, p.reads, from, to);
                        return to;
                    }));
                }
            }
            for (CompletableFuture<Long> r : refreshes) {
                FanOut.join(r);
            }
            CrashPoint.reach(CrashPoint.AFTER_PREPARES);
        } catch (RuntimeException e) {
            abort(txnId, recordRange, writerIds, attempted);
            throw e;
        }
        TxnRecord record;
        try {
            record = recordRange.setRecord(new TxnRecord(txnId, TxnStatus.COMMITTED, commitTs, writerIds));
        } catch (RuntimeException e) {
            // outcome unknown: settle it by trying to write ABORTED, which fails if COMMITTED got in first
            TxnRecord known = recordRange.getRecord(txnId);
            if ((known == null || known.status() != TxnStatus.COMMITTED)
                    && !abort(txnId, recordRange, writerIds, attempted)) {
                throw e;
            }
            record = new TxnRecord(txnId, TxnStatus.COMMITTED, commitTs, writerIds);
        }
        if (record.status() != TxnStatus.COMMITTED) {
            resolveAll(txnId, false, 0, attempted, null);
            throw new TransactionConflictException("transaction " + txnId
                    + " was aborted by another transaction while committing; retry the transaction");
        }
        clock.observe(commitTs);
        CrashPoint.reach(CrashPoint.AFTER_RECORD);
        resolveAll(txnId, true, commitTs, writers, recordRange);
    }

    /**
     * At the snapshot, as a one-phase commit, unless a participant pushes it; a transaction open for long commits
     * at now instead, well inside the window in which its record may still be written.
     */
    private long provisionalTs(long readTs) {
        return HybridClock.physicalMillis(clock.current()) - HybridClock.physicalMillis(readTs)
                > SNAPSHOT_COMMIT_MAX_AGE_MS ? clock.now() : readTs + 1;
    }

    /**
     * Commits a transaction that wrote intents while it ran (all its writes are intents by now): at or above
     * every intent's provisional timestamp, after validating its reads up to there; the commit point is its
     * record turning COMMITTED; the intents are then resolved in the background.
     */
    void commitIntents(long txnId, long readTs, Map<Long, ReadSet> reads, IntentWriter intents) {
        long commitTs = Math.max(provisionalTs(readTs), intents.commitTsFloor());
        try {
            for (Map.Entry<Long, ReadSet> e : reads.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                RangeReplica replica = router.byId(e.getKey());
                if (replica == null) {
                    throw new TransactionConflictException("range " + e.getKey() + " read by transaction " + txnId
                            + " no longer exists; retry the transaction");
                }
                // writes nothing there: validates the reads up to commitTs and records them at it
                replica.prepare(txnId, readTs, commitTs, intents.recordRangeId(), e.getValue(), List.of());
            }
        } catch (RuntimeException e) {
            abortIntents(intents);
            throw e;
        }
        TxnRecord record = intents.decide(true, commitTs);
        if (record.status() != TxnStatus.COMMITTED) {
            intents.resolve(false, 0);
            throw new TransactionConflictException("transaction " + txnId
                    + " was aborted while it ran (its heartbeat was late); retry the transaction");
        }
        clock.observe(commitTs);
        intents.resolve(true, commitTs);
    }

    /** Aborts a transaction that wrote intents while it ran, unless it is decided already. */
    void abortIntents(IntentWriter intents) {
        if (intents.decided()) {
            return;
        }
        TxnRecord record = intents.decide(false, 0);
        if (record == null) {
            return; // not confirmed either way: the intents stay until recovery settles them by the record
        }
        if (record.status() == TxnStatus.COMMITTED) {
            intents.resolve(true, record.commitTs()); // a commit whose answer was lost
        } else {
            intents.resolve(false, 0);
        }
    }

    /**
     * Resolves {@code keys} at {@code replica}. Resolving is idempotent, so a failure that may pass (the range
     * split and part of the keys moved to a new range, its leader changed) is retried, grouped by the ranges
     * that hold the keys now; what still fails is left to the leaders' orphan sweep.
     */
    private CompletableFuture<Object> resolveRouted(long txnId, boolean commit, long commitTs, RangeReplica replica,
                                                    List<byte[]> keys, int depth) {
        return replica.resolve(txnId, commit, commitTs, keys).handle((r, e) -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause == null) {
                return CompletableFuture.completedFuture(r);
            }
            boolean passing = cause instanceof RangeMismatchException
                    || cause instanceof io.cairndb.storage.range.RangeUnavailableException;
            if (!passing || depth >= RESOLVE_ATTEMPTS) {
                return CompletableFuture.<Object>failedFuture(cause);
            }
            Map<Long, List<byte[]>> byRange = new TreeMap<>();
            Map<Long, RangeReplica> ranges = new TreeMap<>();
            for (byte[] key : keys) {
                RangeReplica now = router.replicaFor(key);
                byRange.computeIfAbsent(now.descriptor().rangeId(), id -> new ArrayList<>()).add(key);
                ranges.put(now.descriptor().rangeId(), now);
            }
            List<CompletableFuture<Object>> parts = new ArrayList<>();
            byRange.forEach((id, part) -> parts.add(CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(20L * (depth + 1), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> resolveRouted(txnId, commit, commitTs, ranges.get(id), part, depth + 1))));
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> (Object) null);
        }).thenCompose(f -> f);
    }

    /** Aborts; returns true instead when the record turns out COMMITTED (a commit whose reply was lost). */
    private boolean abort(long txnId, RangeReplica recordRange, long[] writerIds, List<Participant> attempted) {
        try {
            TxnRecord record = recordRange.setRecord(new TxnRecord(txnId, TxnStatus.ABORTED, clock.now(), writerIds));
            if (record.status() == TxnStatus.COMMITTED) {
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("transaction {}: cannot write ABORTED record: {}", txnId, e.getMessage());
        }
        resolveAll(txnId, false, 0, attempted, recordRange);
        return false;
    }

    /** Resolves intents everywhere (asynchronously); the record goes once every participant resolved. */
    private void resolveAll(long txnId, boolean commit, long commitTs, List<Participant> writers,
                            RangeReplica recordRange) {
        List<CompletableFuture<Object>> done = new ArrayList<>();
        for (Participant p : writers) {
            try {
                done.add(resolveRouted(txnId, commit, commitTs, p.replica, p.keys(), 0));
            } catch (RuntimeException e) {
                LOG.warn("transaction {}: cannot resolve intents on range {}: {}", txnId, p.rangeId(),
                        e.getMessage());
                done.add(CompletableFuture.failedFuture(e));
            }
        }
        if (recordRange == null) {
            return;
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> {
            if (e == null) {
                recordRange.deleteRecord(txnId);
            } else {
                LOG.warn("transaction {}: record kept; intents are resolved by recovery at restart", txnId);
            }
        });
    }
}
