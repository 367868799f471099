package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageNodeTest {
    @TempDir
    Path dir;

    @Test
    void bootstrapsCreatesTableRangesAndReportsThem() {
        try (StorageNode node = TestNodes.open(dir)) {
            assertEquals(1, node.nodeId());
            long r = node.ensureTableRange(10);
            assertEquals(r, node.ensureTableRange(10), "ensureTableRange is idempotent");
            long r2 = node.ensureTableRange(11);
            assertTrue(r2 != r);
            List<RangeStatus> ranges = node.rangeStatuses();
            assertEquals(3, ranges.size());
            assertEquals(-1, ranges.get(0).tableId());
            RangeStatus t10 = ranges.stream().filter(s -> s.tableId() == 10).findFirst().orElseThrow();
            assertEquals(r, t10.rangeId());
            assertEquals(1, t10.leaderNode());
            assertEquals(List.of(1), t10.replicas());
            assertTrue(java.util.Arrays.equals(KeySpace.tableStart(10), t10.startKey()));
            List<NodeStatus> nodes = node.nodeStatuses();
            assertEquals(1, nodes.size());
            assertTrue(nodes.get(0).live());
            assertEquals(3, nodes.get(0).leaders());
        }
    }

    @Test
    void keysOfATableWithoutRangeAreRejectedClearly() {
        try (StorageNode node = TestNodes.open(dir)) {
            Transaction t = node.transactions().begin();
            StorageException e = assertThrows(StorageException.class, () -> t.get(key(99, "a")));
            assertTrue(e.getMessage().contains("ensureTableRange"), e.getMessage());
        }
    }

    @Test
    void acknowledgedCommitsSurviveRestartAndUncommittedWritesDoNot() {
        int port = TestNodes.freePort();
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            node.ensureTableRange(1);
            node.ensureTableRange(2);
            for (int i = 0; i < 50; i++) {
                Transaction t = node.transactions().begin();
                t.put(key(1, "k" + i), bytes("v" + i));
                t.commit();
            }
            Transaction cross = node.transactions().begin();
            cross.put(key(1, "x"), bytes("one"));
            cross.put(key(2, "x"), bytes("two"));
            cross.commit();
            Transaction uncommitted = node.transactions().begin();
            uncommitted.put(key(1, "ghost"), bytes("boo"));
            uncommitted.rollback();
            Transaction pending = node.transactions().begin();
            pending.put(key(1, "pending"), bytes("never committed"));
            // closed without commit
        }
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            Transaction t = node.transactions().beginReadOnly();
            for (int i = 0; i < 50; i++) {
                assertEquals("v" + i, string(t.get(key(1, "k" + i))));
            }
            assertEquals("one", string(t.get(key(1, "x"))));
            assertEquals("two", string(t.get(key(2, "x"))));
            assertNull(t.get(key(1, "ghost")));
            assertNull(t.get(key(1, "pending")));
            int count = 0;
            try (KvIterator it = t.scan(KeySpace.tableStart(1), KeySpace.tableEnd(1))) {
                while (it.next()) {
                    count++;
                }
            }
            assertEquals(51, count);
            assertEquals(3, node.rangeStatuses().size(), "every range comes back");
        }
    }

    @Test
    void timestampsAndIdsKeepIncreasingAcrossRestart() {
        int port = TestNodes.freePort();
        long lastTs;
        Set<Long> ids = new HashSet<>();
        long lastId = 0;
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            long prev = 0;
            for (int i = 0; i < 2000; i++) {
                long ts = node.clock().now();
                assertTrue(ts > prev);
                prev = ts;
            }
            lastTs = node.transactions().begin().readTimestamp();
            for (int i = 0; i < 1500; i++) {
                long id = node.nextUniqueId();
                assertTrue(ids.add(id), "id " + id + " repeated");
                assertTrue(id > lastId);
                lastId = id;
            }
        }
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            assertTrue(node.transactions().begin().readTimestamp() > lastTs);
            for (int i = 0; i < 1500; i++) {
                long id = node.nextUniqueId();
                assertTrue(ids.add(id), "id " + id + " repeated after restart");
                assertTrue(id > lastId);
                lastId = id;
            }
        }
    }

    @Test
    void droppingATableDeletesItsKeysAndRange() {
        try (StorageNode node = TestNodes.open(dir)) {
            node.ensureTableRange(5);
            Transaction t = node.transactions().begin();
            t.put(key(5, "a"), bytes("1"));
            t.commit();
            node.dropTableRange(5);
            assertFalse(node.rangeStatuses().stream().anyMatch(s -> s.tableId() == 5));
            node.dropTableRange(5); // idempotent
            node.ensureTableRange(5);
            assertNull(node.transactions().begin().get(key(5, "a")), "a recreated table starts empty");
        }
    }

    @Test
    void badConfigurationIsAnException() {
        assertThrows(StorageException.class, () -> StorageNode.open(
                new StorageConfig(dir, "127.0.0.1", TestNodes.freePort(), List.of("10.0.0.1:1"), "x", 3)));
        assertThrows(IllegalArgumentException.class, () -> StorageNode.open(
                new StorageConfig(dir, "127.0.0.1", 70000, List.of(), "x", 1)));
    }
}
