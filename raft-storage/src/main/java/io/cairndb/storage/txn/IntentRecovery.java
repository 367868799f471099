package io.cairndb.storage.txn;

import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves intents left by transactions whose coordinator stopped (a restart, or a node that died): each by its
 * transaction record.
 * COMMITTED commits the intents at the record's timestamp; no record means the transaction never reached its
 * commit point, so ABORTED is written first (which also stops a late commit), then the intents are removed.
 *
 * <p>Each node recovers the intents of the ranges it leads, so the other participants of a transaction may be
 * settled by other nodes, later: the record therefore stays until every participant it lists has been resolved
 * here (a record written ABORTED by recovery lists none and stays). Deleting it earlier would let a participant
 * recovered later find no record and abort what the first one committed.
 */
public final class IntentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(IntentRecovery.class);

    private IntentRecovery() {
    }


    /**
     * Resolves the intents in {@code ranges} whose commit timestamp is below {@code olderThanTs} (a transaction
     * still committing has a recent one), finding records through {@code router}; returns how many transactions
     * it settled.
     */
    public static int recover(RangeRouter router, List<? extends RangeReplica> ranges, long olderThanTs,
                              java.util.function.LongSupplier clock) {
        Map<Long, Map<RangeReplica, List<byte[]>>> byTxn = new LinkedHashMap<>();
        Map<Long, Long> recordRanges = new LinkedHashMap<>();
        for (RangeReplica replica : ranges) {
            for (Intent intent : replica.intents()) {
                if (intent.commitTs() >= olderThanTs) {
                    continue;
                }
                byTxn.computeIfAbsent(intent.txnId(), t -> new LinkedHashMap<>())
                        .computeIfAbsent(replica, r -> new ArrayList<>()).add(intent.key());
                recordRanges.put(intent.txnId(), intent.recordRangeId());
            }
        }
        for (Map.Entry<Long, Map<RangeReplica, List<byte[]>>> e : byTxn.entrySet()) {
            long txnId = e.getKey();
            RangeReplica recordRange = router.byId(recordRanges.get(txnId));
            if (recordRange == null) {
                LOG.warn("transaction {}: its record's range {} is unknown here; its intents wait", txnId,
                        recordRanges.get(txnId));
                continue;
            }
            TxnRecord record = recordRange.getRecord(txnId);
            if (record == null) {
                record = recordRange.setRecord(new TxnRecord(txnId, TxnStatus.ABORTED, clock.getAsLong(),
                        new long[0]));
            }
            boolean commit = record.status() == TxnStatus.COMMITTED;
            long commitTs = commit ? record.commitTs() : 0;
            java.util.Set<Long> resolved = new java.util.HashSet<>();
            for (Map.Entry<RangeReplica, List<byte[]>> r : e.getValue().entrySet()) {
                RangeGroup.await(r.getKey().resolve(txnId, commit, commitTs, r.getValue()),
                        r.getKey().descriptor().rangeId());
                resolved.add(r.getKey().descriptor().rangeId());
            }
            boolean allHere = record.participants().length > 0;
            for (long participant : record.participants()) {
                allHere &= resolved.contains(participant);
            }
            if (allHere) {
                RangeGroup.await(recordRange.deleteRecord(txnId), recordRange.descriptor().rangeId());
            }
            LOG.info("recovered transaction {}: {}", txnId, commit ? "committed" : "aborted");
        }
        return byTxn.size();
    }
}
