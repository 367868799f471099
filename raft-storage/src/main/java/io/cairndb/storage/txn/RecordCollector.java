package io.cairndb.storage.txn;

import io.cairndb.storage.mvcc.TxnIntents;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes the transaction records no one needs any more from the ranges this node leads: the ones recovery keeps
 * on purpose ({@link IntentRecovery}: ABORTED ones it wrote, COMMITTED ones whose participants other nodes
 * resolved). A record goes once it is older than the garbage-collection horizon — ABORTED: written then,
 * COMMITTED: committed then — since no coordinator can still write a COMMITTED record that late
 * ({@link LocalRangeReplica#COMMIT_RECORD_WINDOW_MS}); a COMMITTED one only when none of its participants holds
 * an intent of it any more (recovering such an intent without the record would abort a committed transaction).
 */
public final class RecordCollector {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordCollector.class);

    private RecordCollector() {
    }

    /** Collects records older than {@code horizonTs} in {@code leading}; returns how many it deleted. */
    public static int collect(RangeRouter router, List<LocalRangeReplica> leading, long horizonTs) {
        Map<Long, Set<Long>> intentsByRange = new HashMap<>();
        int deleted = 0;
        for (LocalRangeReplica range : leading) {
            for (TxnRecord record : range.records()) {
                if (record.commitTs() >= horizonTs) {
                    continue;
                }
                if (record.status() == TxnStatus.STAGING) {
                    // long past its coordinator's commit: decided here, collected by the rules of its outcome later
                    try {
                        IntentRecovery.decideStaging(router, range, record, horizonTs);
                    } catch (RuntimeException e) {
                        LOG.warn("transaction {}: STAGING record not decided yet: {}", record.txnId(), e.getMessage());
                    }
                    continue;
                }
                if (record.status() == TxnStatus.COMMITTED
                        && !resolvedEverywhere(router, record, intentsByRange)) {
                    continue;
                }
                RangeGroup.await(range.deleteRecord(record.txnId()), range.descriptor().rangeId());
                deleted++;
            }
        }
        return deleted;
    }

    private static boolean resolvedEverywhere(RangeRouter router, TxnRecord record,
                                              Map<Long, Set<Long>> intentsByRange) {
        for (long participant : record.participants()) {
            Set<Long> txns = intentsByRange.get(participant);
            if (txns == null) {
                RangeReplica replica = router.byId(participant);
                if (replica == null) {
                    return false; // not known here: keep the record
                }
                txns = new HashSet<>();
                for (TxnIntents t : replica.intentsByTransaction()) {
                    txns.add(t.txnId());
                }
                intentsByRange.put(participant, txns);
            }
            if (txns.contains(record.txnId())) {
                return false;
            }
        }
        return true;
    }
}
