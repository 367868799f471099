package io.cairndb.storage.txn;

import io.cairndb.storage.CommitOutcomeUnknownException;
import io.cairndb.storage.CrashPoint;
import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.keys.KeySpans;
import io.cairndb.storage.range.RangeMismatchException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
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
 * <p>One participating range (every write and every read in it): one-phase commit at that range's leader, one
 * Raft round. Several: a parallel commit (see {@link #commitTwoPhase}): the ranges only read validated, then every
 * written range prepared at once, the record's range writing the STAGING record with its intents — committed when
 * all are prepared at the staged timestamp; the record is then made COMMITTED, the intents resolved and the record
 * removed, in the background. A failed prepare aborts: record ABORTED, intents removed.
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

        /** Its writes as the STAGING record names them: their key span and number. */
        TxnRecord.Staged staged() {
            KeySpans.Span covering = KeySpans.covering(keys());
            return new TxnRecord.Staged(covering.start(), covering.end(), writes.size());
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

    /**
     * Parallel commit. The ranges only read are validated first, all at once (no Raft round); then every written
     * range prepares at once, the record's range writing the STAGING record with its intents. Once every write is
     * prepared at the staged timestamp the transaction is committed — one Raft round after the validation — and
     * the record is made COMMITTED and the intents resolved in the background. A range that pushes the timestamp
     * (it served a later read of a key written) leaves it uncommitted: the reads are refreshed to the new timestamp
     * and the record written COMMITTED there, one more round, as two-phase commit does.
     */
    private void commitTwoPhase(long txnId, long readTs, long recordRangeId, Map<Long, Participant> participants) {
        long provisional = provisionalTs(readTs);
        List<Participant> writers = new ArrayList<>();
        List<Participant> readers = new ArrayList<>();
        for (Participant p : participants.values()) {
            (p.writes.isEmpty() ? readers : writers).add(p);
        }
        long[] writerIds = writers.stream().mapToLong(Participant::rangeId).toArray();
        RangeReplica recordRange = participants.get(recordRangeId).replica;
        // validated before any write is staged: once the last write is prepared the transaction is committed, so
        // nothing undecided may remain then
        FanOut.awaitAll(FanOut.callEach(readers, p -> p.replica.prepare(txnId, readTs, provisional, recordRangeId,
                p.reads, List.of(), null)));

        TxnRecord staging = new TxnRecord(txnId, TxnStatus.STAGING, provisional, writerIds,
                writers.stream().map(Participant::staged).toList());
        List<CompletableFuture<Long>> prepares = FanOut.callEach(writers, p -> p.replica.prepare(txnId, readTs,
                provisional, recordRangeId, p.reads, p.writes, p.rangeId() == recordRangeId ? staging : null));
        long commitTs = provisional;
        long[] preparedAt = new long[writers.size()];
        RuntimeException failed = null;
        for (int i = 0; i < writers.size(); i++) {
            try {
                preparedAt[i] = FanOut.join(prepares.get(i));
                commitTs = Math.max(commitTs, preparedAt[i]);
                if (i == 0) {
                    CrashPoint.reach(CrashPoint.AFTER_FIRST_PREPARE);
                }
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed; // the others are awaited: the abort must follow them
            }
        }
        if (failed != null) {
            // recovery found every write prepared (the failure was a lost answer): committed
            commitTs = abortAfter(failed, txnId, recordRange, writers).commitTs();
            clock.observe(commitTs);
            resolveAll(txnId, true, commitTs, writers, recordRange);
            return;
        }
        if (commitTs == provisional) {
            CrashPoint.reach(CrashPoint.AFTER_PREPARES);
            clock.observe(commitTs);
            long ts = commitTs;
            FanOut.call(() -> {
                makeExplicit(txnId, recordRange, staging.as(TxnStatus.COMMITTED, ts), writers);
                return null;
            });
            return;
        }
        LOG.debug("transaction {}: prepared above its staged timestamp {} (at {}): committing by its record", txnId,
                provisional, commitTs);
        commitPushed(txnId, commitTs, recordRange, staging, participants.values(), writers, preparedAt);
    }

    /**
     * After a parallel commit: the record turns COMMITTED, then the intents are resolved — in this order, since
     * recovery of a STAGING record counts the intents, and a resolved one no longer counts.
     */
    private void makeExplicit(long txnId, RangeReplica recordRange, TxnRecord committed, List<Participant> writers) {
        try {
            TxnRecord held = recordRange.decideStaged(committed);
            if (held == null || held.status() != TxnStatus.COMMITTED) {
                LOG.error("transaction {}: committed in parallel, but its record holds {}", txnId,
                        held == null ? "nothing" : held.status());
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("transaction {}: committed; its record stays STAGING until recovery ({})", txnId,
                    e.getMessage());
            return;
        }
        CrashPoint.reach(CrashPoint.AFTER_RECORD);
        resolveAll(txnId, true, committed.commitTs(), writers, recordRange);
    }

    /**
     * A range prepared above the staged timestamp: the reads of every range are refreshed up to the highest one
     * and the record is written COMMITTED there (the commit point now), unless recovery aborted it first.
     */
    private void commitPushed(long txnId, long commitTs, RangeReplica recordRange, TxnRecord staging,
                              java.util.Collection<Participant> participants, List<Participant> writers,
                              long[] preparedAt) {
        try {
            List<ReadRefresher.Reads> reads = new ArrayList<>();
            for (Participant p : participants) {
                int i = writers.indexOf(p);
                reads.add(new ReadRefresher.Reads(p.replica, p.reads, i < 0 ? staging.commitTs() : preparedAt[i]));
            }
            ReadRefresher.refresh(txnId, reads, commitTs);
        } catch (RuntimeException e) {
            abort(txnId, recordRange, writers);
            throw e;
        }
        TxnRecord record;
        try {
            // over the STAGING record only: recovery may have decided it ABORTED meanwhile
            record = recordRange.decideStaged(staging.as(TxnStatus.COMMITTED, commitTs));
        } catch (RuntimeException e) {
            // outcome unknown: settle it by trying to write ABORTED, which fails if COMMITTED got in first
            record = abortAfter(e, txnId, recordRange, writers);
        }
        if (record == null || record.status() != TxnStatus.COMMITTED) {
            resolveAll(txnId, false, 0, writers, null);
            throw new TransactionConflictException("transaction " + txnId
                    + " was aborted by another transaction while committing; retry the transaction");
        }
        clock.observe(record.commitTs());
        CrashPoint.reach(CrashPoint.AFTER_RECORD);
        resolveAll(txnId, true, record.commitTs(), writers, recordRange);
    }

    /**
     * Aborts after {@code failure} and throws it — unless the record turns out COMMITTED (recovery found every write
     * prepared: the failure was a lost answer), which is returned. When not even ABORTED can be written, every
     * prepare may yet have applied and recovery would commit it, so the outcome is unknown: the client must not run
     * the transaction again blindly.
     */
    private TxnRecord abortAfter(RuntimeException failure, long txnId, RangeReplica recordRange,
                                 List<Participant> writers) {
        TxnRecord held = abort(txnId, recordRange, writers);
        if (held == null) {
            throw new CommitOutcomeUnknownException("transaction " + txnId + ": commit outcome unknown ("
                    + failure.getMessage() + ")", failure);
        }
        if (held.status() != TxnStatus.COMMITTED) {
            throw failure;
        }
        return held;
    }

    /** Waits for every call; throws the first failure (after all of them ended). */
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
                replica.prepare(txnId, readTs, commitTs, intents.recordRangeId(), e.getValue(), List.of(), null);
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
        intents.awaitQuietly(); // a batch landing after the intents were removed would be left to recovery
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

    /**
     * Aborts: the record is written ABORTED (over a STAGING one, or where there is none yet) and the intents removed.
     * Returns the record held afterwards — COMMITTED when recovery found every write prepared first (then nothing
     * is removed) — or null when it could not be written (the intents are then left to recovery, which decides by
     * the record). The ABORTED record stays until garbage collection: a prepare still on its way to the record's
     * range is refused by it, so no STAGING record can appear after the abort.
     */
    private TxnRecord abort(long txnId, RangeReplica recordRange, List<Participant> writers) {
        TxnRecord held;
        try {
            held = recordRange.setRecord(new TxnRecord(txnId, TxnStatus.ABORTED, clock.now(), new long[0]));
        } catch (RuntimeException e) {
            LOG.warn("transaction {}: cannot write ABORTED record: {}", txnId, e.getMessage());
            return null;
        }
        if (held.status() == TxnStatus.ABORTED) {
            resolveAll(txnId, false, 0, writers, null);
        }
        return held;
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
