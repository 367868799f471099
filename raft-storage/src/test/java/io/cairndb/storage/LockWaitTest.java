package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.Write;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers and prepared (locked, unresolved) writes of a two-phase commit. */
class LockWaitTest {
    @TempDir
    Path dir;

    @Test
    void readersBelowTheLockDoNotWaitReadersAboveWaitForResolution() throws Exception {
        try (StorageNode node = TestNodes.open(dir)) {
            node.ensureTableRange(1);
            Transaction setup = node.transactions().begin();
            setup.put(key(1, "k"), bytes("old"));
            setup.commit();
            Transaction before = node.transactions().begin();

            RangeReplica range = node.router().replicaFor(key(1, "k"));
            long txnId = node.nextUniqueId();
            long commitTs = node.clock().now();
            range.prepare(txnId, commitTs - 1, commitTs, range.descriptor().rangeId(), new ReadSet(),
                    List.of(new Write(key(1, "k"), bytes("new"))), null);

            // its snapshot is older than the prepared commit: it reads the old value without waiting
            assertEquals("old", string(before.get(key(1, "k"))));

            Transaction after = node.transactions().begin();
            assertTrue(after.readTimestamp() > commitTs);
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> string(after.get(key(1, "k"))));
            RangeGroup.await(range.resolve(txnId, true, commitTs, List.of(key(1, "k"))), 0);
            assertEquals("new", read.get(), "a reader above the commit timestamp sees the resolved write");
        }
    }

    @Test
    void aLockThatIsNeverResolvedFailsTheReaderInsteadOfBlockingForever() {
        try (StorageNode node = TestNodes.open(dir)) {
            node.ensureTableRange(1);
            RangeReplica range = node.router().replicaFor(key(1, "k"));
            long txnId = node.nextUniqueId();
            long commitTs = node.clock().now();
            range.prepare(txnId, commitTs - 1, commitTs, range.descriptor().rangeId(), new ReadSet(),
                    List.of(new Write(key(1, "k"), bytes("stuck"))), null);
            Transaction reader = node.transactions().begin();
            TransactionConflictException e = assertThrows(TransactionConflictException.class,
                    () -> reader.get(key(1, "k")));
            assertTrue(e.getMessage().contains("lock"), e.getMessage());

            Transaction writer = node.transactions().begin();
            writer.put(key(1, "k"), bytes("mine"));
            assertThrows(TransactionConflictException.class, writer::commit, "a locked key cannot be written");
        }
    }
}
