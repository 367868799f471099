package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import io.cairndb.storage.range.Write;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coordinator that stops between the phases of 2PC leaves intents; the restart settles them by the record. */
class IntentRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void intentsAreCommittedOrAbortedByTheirRecordAfterRestart() {
        int port = TestNodes.freePort();
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            node.ensureTableRange(1);
            node.ensureTableRange(2);
            RangeReplica r1 = node.router().replicaFor(key(1, "a"));
            RangeReplica r2 = node.router().replicaFor(key(2, "a"));
            long rec = r1.descriptor().rangeId();
            long readTs = node.clock().now();

            // reached its commit point: record COMMITTED, intents unresolved
            long committed = node.nextUniqueId();
            long ts1 = node.clock().now();
            r1.prepare(committed, readTs, ts1, rec, new ReadSet(), List.of(new Write(key(1, "a"), bytes("c1"))), null);
            r2.prepare(committed, readTs, ts1, rec, new ReadSet(), List.of(new Write(key(2, "a"), bytes("c2"))), null);
            r1.setRecord(new TxnRecord(committed, TxnStatus.COMMITTED, ts1,
                    new long[] {rec, r2.descriptor().rangeId()}));

            // prepared but no record: never committed
            long orphan = node.nextUniqueId();
            long ts2 = node.clock().now();
            r1.prepare(orphan, readTs, ts2, rec, new ReadSet(), List.of(new Write(key(1, "b"), bytes("o1"))), null);
            r2.prepare(orphan, readTs, ts2, rec, new ReadSet(), List.of(new Write(key(2, "b"), bytes("o2"))), null);
            assertEquals(2, r1.intents().size());
        }
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            Transaction t = node.transactions().begin();
            assertEquals("c1", string(t.get(key(1, "a"))));
            assertEquals("c2", string(t.get(key(2, "a"))));
            assertNull(t.get(key(1, "b")));
            assertNull(t.get(key(2, "b")));
            for (RangeReplica r : node.router().all()) {
                assertTrue(r.intents().isEmpty(), "no intent survives recovery");
            }
            // keys of the aborted transaction are writable again
            Transaction w = node.transactions().begin();
            w.put(key(1, "b"), bytes("new"));
            w.put(key(2, "b"), bytes("new"));
            w.commit();
            assertEquals("new", string(node.transactions().begin().get(key(2, "b"))));
        }
    }

    @Test
    void recordsOlderThanTheHorizonAreCollectedOnceNoIntentNeedsThem() {
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, TestNodes.freePort()))) {
            node.ensureTableRange(1);
            node.ensureTableRange(2);
            RangeReplica r1 = node.router().replicaFor(key(1, "a"));
            RangeReplica r2 = node.router().replicaFor(key(2, "a"));
            long rec = r1.descriptor().rangeId();
            long[] both = {rec, r2.descriptor().rangeId()};
            long readTs = node.clock().now();
            long aborted = node.nextUniqueId();
            r1.setRecord(new TxnRecord(aborted, TxnStatus.ABORTED, node.clock().now(), new long[0]));
            long resolved = node.nextUniqueId();
            r1.setRecord(new TxnRecord(resolved, TxnStatus.COMMITTED, node.clock().now(), both));
            long pending = node.nextUniqueId(); // committed, one intent not resolved yet
            long pendingTs = node.clock().now();
            r2.prepare(pending, readTs, pendingTs, rec, new ReadSet(), List.of(new Write(key(2, "p"), bytes("p"))), null);
            r1.setRecord(new TxnRecord(pending, TxnStatus.COMMITTED, pendingTs, both));
            long horizon = node.clock().now();
            long young = node.nextUniqueId(); // newer than the horizon
            r1.setRecord(new TxnRecord(young, TxnStatus.ABORTED, node.clock().now(), new long[0]));

            node.collectGarbage(horizon);
            assertNull(r1.getRecord(aborted));
            assertNull(r1.getRecord(resolved));
            assertEquals(TxnStatus.COMMITTED, r1.getRecord(pending).status(), "an intent still needs it");
            assertEquals(TxnStatus.ABORTED, r1.getRecord(young).status(), "newer than the horizon");

            r2.resolve(pending, true, pendingTs, List.of(key(2, "p"))).join();
            node.collectGarbage(horizon);
            assertNull(r1.getRecord(pending));
            assertEquals("p", string(node.transactions().begin().get(key(2, "p"))));

            // a coordinator too late to commit finds its way barred, not a collected ABORTED record's absence
            long late = node.nextUniqueId();
            long lateTs = (System.currentTimeMillis() - 6 * 60_000) << io.cairndb.storage.time.HybridClock.LOGICAL_BITS;
            org.junit.jupiter.api.Assertions.assertThrows(io.cairndb.storage.concurrency.TransactionConflictException.class,
                    () -> r1.setRecord(new TxnRecord(late, TxnStatus.COMMITTED, lateTs, both)));
            assertNull(r1.getRecord(late));
        }
    }
}
