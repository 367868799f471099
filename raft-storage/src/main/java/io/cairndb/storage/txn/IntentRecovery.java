package io.cairndb.storage.txn;

import io.cairndb.storage.mvcc.TxnIntents;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.RangeStateMachine;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import io.cairndb.storage.time.HybridClock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves intents left by transactions whose coordinator stopped (a restart, or a node that died): each by its
 * transaction record. COMMITTED commits the intents at the record's timestamp. No record means the transaction
 * never reached its commit point, and a PENDING record whose heartbeat stopped means its coordinator is gone: then
 * ABORTED is written first (which also stops a late commit), and the intents are removed. A PENDING record still
 * renewed is a transaction still running: its intents are left alone.
 *
 * <p>Intents are found and resolved per transaction and span ({@link TxnIntents}, {@link RangeReplica#resolveSpan}),
 * a bounded batch per log entry, so a transaction of millions of rows is recovered in bounded memory.
 *
 * <p>Each node recovers the intents of the ranges it leads, so the other participants of a transaction may be
 * settled by other nodes, later: the record therefore stays until every participant it lists has been resolved
 * here (a record written ABORTED by recovery lists none and stays). Deleting it earlier would let a participant
 * recovered later find no record and abort what the first one committed.
 */
public final class IntentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(IntentRecovery.class);
    /** A PENDING record not renewed for this long belongs to a coordinator that is gone (three missed beats). */
    static final long STALE_HEARTBEAT = (3 * TransactionHeartbeat.INTERVAL_MS + 1_000) << HybridClock.LOGICAL_BITS;

    private IntentRecovery() {
    }

    /**
     * Resolves the intents in {@code ranges} of transactions whose oldest intent is below {@code olderThanTs} (a
     * transaction still committing has a recent one), finding records through {@code router}; returns how many
     * transactions it settled.
     */
    public static int recover(RangeRouter router, List<? extends RangeReplica> ranges, long olderThanTs,
                              java.util.function.LongSupplier clock) {
        Map<Long, Map<RangeReplica, TxnIntents>> byTxn = new LinkedHashMap<>();
        for (RangeReplica replica : ranges) {
            for (TxnIntents t : replica.intentsByTransaction()) {
                if (t.oldestTs() < olderThanTs) {
                    byTxn.computeIfAbsent(t.txnId(), id -> new LinkedHashMap<>()).put(replica, t);
                }
            }
        }
        int settled = 0;
        for (Map.Entry<Long, Map<RangeReplica, TxnIntents>> e : byTxn.entrySet()) {
            if (settle(router, e.getKey(), e.getValue(), clock)) {
                settled++;
            }
        }
        return settled;
    }

    /**
     * Decides a transaction whose record is STAGING (its coordinator stopped during a parallel commit, or has not
     * yet made the record final): committed if every range named in the record holds all its writes prepared at or
     * below the staged timestamp — the condition the coordinator acknowledged the commit on — else aborted. Each
     * count also stops a prepare still on its way where it found none ({@link RangeReplica#checkPrepared}), so the
     * answer cannot change afterwards. Returns the final record the record's range holds (null if it holds none).
     */
    public static TxnRecord decideStaging(RangeRouter router, RangeReplica recordRange, TxnRecord staging, long now) {
        boolean committed = true;
        for (TxnRecord.Staged span : staging.staged()) {
            if (preparedIn(router, staging.txnId(), span, staging.commitTs()) != span.keys()) {
                committed = false;
                break;
            }
        }
        // an ABORTED record names no participants, so it stays (until garbage collection) and bars a late prepare
        // at the record's range; over the STAGING record only, so nothing is written where it was decided already
        TxnRecord held = recordRange.decideStaged(committed ? staging.as(TxnStatus.COMMITTED, staging.commitTs())
                : new TxnRecord(staging.txnId(), TxnStatus.ABORTED, now, new long[0]));
        LOG.info("transaction {}: STAGING record decided {}", staging.txnId(), held == null ? "(gone)" : held.status());
        return held;
    }

    /** How many of the transaction's writes in {@code span} are prepared at or below {@code maxTs}, range by range. */
    private static int preparedIn(RangeRouter router, long txnId, TxnRecord.Staged span, long maxTs) {
        int found = 0;
        byte[] from = span.start();
        int refusals = 0;
        while (from != null) {
            RangeReplica replica = router.replicaFor(from);
            RangeStateMachine.PreparedCount count;
            try {
                count = replica.checkPrepared(txnId, from, span.end(), maxTs);
            } catch (io.cairndb.storage.range.RangeMismatchException e) {
                if (++refusals > 20) {
                    throw e;
                }
                pause();
                continue; // the range split meanwhile: routed again
            }
            found += count.keys();
            from = count.resume();
        }
        return found;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cairndb.storage.StorageException("interrupted", e);
        }
    }

    /** Settles one transaction's intents in the ranges given; false when it still runs or its record is unknown. */
    private static boolean settle(RangeRouter router, long txnId, Map<RangeReplica, TxnIntents> where,
                                  java.util.function.LongSupplier clock) {
        long recordRangeId = where.values().iterator().next().recordRangeId();
        RangeReplica recordRange = router.byId(recordRangeId);
        if (recordRange == null) {
            LOG.warn("transaction {}: its record's range {} is unknown here; its intents wait", txnId, recordRangeId);
            return false;
        }
        TxnRecord record = recordRange.getRecord(txnId);
        long staleBefore = clock.getAsLong() - STALE_HEARTBEAT;
        if (record != null && record.status() == TxnStatus.PENDING && record.commitTs() >= staleBefore) {
            return false; // renewed lately: the transaction runs
        }
        if (record != null && record.status() == TxnStatus.STAGING) {
            record = decideStaging(router, recordRange, record, clock.getAsLong());
        }
        if (record == null || record.status() == TxnStatus.PENDING) {
            record = recordRange.abortStale(txnId, staleBefore);
            if (record.status() == TxnStatus.PENDING) {
                return false; // its coordinator still renews it: the transaction runs
            }
        }
        boolean commit = record.status() == TxnStatus.COMMITTED;
        long commitTs = commit ? record.commitTs() : 0;
        Set<Long> resolved = new HashSet<>();
        for (Map.Entry<RangeReplica, TxnIntents> r : where.entrySet()) {
            long rangeId = r.getKey().descriptor().rangeId();
            byte[] from = r.getValue().firstKey();
            // this range's part only: a span found before a split may reach into the child, which is recovered as
            // a range of its own
            while (from != null && r.getKey().descriptor().contains(from)) {
                from = RangeGroup.await(r.getKey().resolveSpan(txnId, commit, commitTs, from,
                        r.getValue().endExclusive()), rangeId);
            }
            resolved.add(rangeId);
        }
        boolean allHere = record.participants().length > 0;
        for (long participant : record.participants()) {
            allHere &= resolved.contains(participant);
        }
        if (allHere) {
            RangeGroup.await(recordRange.deleteRecord(txnId), recordRange.descriptor().rangeId());
        }
        LOG.info("recovered transaction {}: {}", txnId, commit ? "committed" : "aborted");
        return true;
    }
}
