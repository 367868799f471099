package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.ReadSet;
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
            r1.prepare(committed, readTs, ts1, rec, new ReadSet(), List.of(new Write(key(1, "a"), bytes("c1"))));
            r2.prepare(committed, readTs, ts1, rec, new ReadSet(), List.of(new Write(key(2, "a"), bytes("c2"))));
            r1.setRecord(new TxnRecord(committed, TxnStatus.COMMITTED, ts1,
                    new long[] {rec, r2.descriptor().rangeId()}));

            // prepared but no record: never committed
            long orphan = node.nextUniqueId();
            long ts2 = node.clock().now();
            r1.prepare(orphan, readTs, ts2, rec, new ReadSet(), List.of(new Write(key(1, "b"), bytes("o1"))));
            r2.prepare(orphan, readTs, ts2, rec, new ReadSet(), List.of(new Write(key(2, "b"), bytes("o2"))));
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
}
