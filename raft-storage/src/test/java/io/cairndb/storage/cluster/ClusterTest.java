package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.NodeStatus;
import io.cairndb.storage.RangeStatus;
import io.cairndb.storage.StorageConfig;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestNodes;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real nodes in one JVM (real RocksDB, real jraft groups over loopback sockets). */
class ClusterTest {
    @TempDir
    Path dir;
    private final List<StorageNode> open = new ArrayList<>();
    private final int[] ports = {TestNodes.freePort(), TestNodes.freePort(), TestNodes.freePort(),
        TestNodes.freePort()};

    private StorageConfig config(int i, boolean join) {
        List<String> joinList = join ? List.of("127.0.0.1:" + ports[0]) : List.of();
        return new StorageConfig(dir.resolve("n" + i), "127.0.0.1", ports[i], joinList, "127.0.0.1:" + (5000 + i), 3);
    }

    private StorageNode start(int i) {
        StorageNode n = StorageNode.open(config(i, i > 0));
        open.add(n);
        return n;
    }

    @AfterEach
    void closeAll() {
        for (StorageNode n : open) {
            n.close();
        }
    }

    @Test
    void nodesJoinKeepTheirIdentityAndRefuseAnotherCluster() {
        StorageNode first = start(0);
        StorageNode second = start(1);
        assertEquals(1, first.nodeId());
        assertEquals(2, second.nodeId());
        assertEquals(first.clusterId(), second.clusterId());
        second.close();
        open.remove(second);
        StorageNode again = start(1);
        assertEquals(2, again.nodeId(), "a restarted node keeps its id");
        assertEquals(first.clusterId(), again.clusterId());

        // a node of another cluster cannot join this one's groups: its requests carry another cluster id
        Path other = dir.resolve("other");
        int otherPort = TestNodes.freePort();
        try (StorageNode stranger = StorageNode.open(new StorageConfig(other, "127.0.0.1", otherPort, List.of(),
                "127.0.0.1:1", 1))) {
            assertNotEquals(first.clusterId(), stranger.clusterId());
        }
    }

    @Test
    void rangesReplicateToThreeNodesAndSurviveTheLossOfTheirLeader() throws Exception {
        StorageNode n1 = start(0);
        StorageNode n2 = start(1);
        StorageNode n3 = start(2);
        // the meta range up-replicates to the joined nodes
        await(() -> replicasOf(n1, 1) == 3, 60_000, "meta range on three nodes");
        n2.ensureTableRange(7);
        RangeStatus table = range(n1, 7);
        assertEquals(3, table.replicas().size(), "a new range gets three replicas");

        // write through one node, read through another
        Transaction w = n2.transactions().begin();
        w.put(key(7, "a"), bytes("1"));
        w.commit();
        assertEquals("1", string(n3.transactions().begin().get(key(7, "a"))));

        // stop the node leading the table's range: another node takes over and nothing committed is lost
        int leader = awaitLeader(n1, 7);
        StorageNode victim = open.stream().filter(n -> n.nodeId() == leader).findFirst().orElseThrow();
        victim.close();
        open.remove(victim);
        StorageNode survivor = open.get(0);
        long before = System.currentTimeMillis();
        Transaction again = survivor.transactions().begin();
        again.put(key(7, "b"), bytes("2"));
        again.commit();
        assertTrue(System.currentTimeMillis() - before < 15_000, "writes resume within the routing deadline");
        for (StorageNode n : open) {
            Transaction r = n.transactions().begin();
            assertEquals("1", string(r.get(key(7, "a"))));
            assertEquals("2", string(r.get(key(7, "b"))));
        }
        assertNotEquals(leader, awaitLeader(survivor, 7));
    }

    @Test
    void twoOfThreeReplicasDownFailsWithARetryableErrorNotAHang() throws Exception {
        StorageNode n1 = start(0);
        start(1);
        start(2);
        await(() -> replicasOf(n1, 1) == 3, 60_000, "meta range on three nodes");
        n1.ensureTableRange(8);
        for (StorageNode n : List.copyOf(open.subList(1, 3))) {
            n.close();
            open.remove(n);
        }
        long t0 = System.currentTimeMillis();
        StorageException e = assertThrows(StorageException.class, () -> {
            Transaction t = n1.transactions().begin();
            t.put(key(8, "x"), bytes("y"));
            t.commit();
        });
        long took = System.currentTimeMillis() - t0;
        assertTrue(e.isRetryable() || e instanceof io.cairndb.storage.txn.CommitOutcomeUnknownException,
                "retryable or unknown outcome: " + e);
        assertTrue(took < 60_000, "bounded: " + took + " ms");
    }

    @Test
    void aJoiningNodeReceivesItsShareOfReplicasAndRemovedCopiesAreDeleted() throws Exception {
        StorageNode n1 = start(0);
        start(1);
        start(2);
        await(() -> replicasOf(n1, 1) == 3, 60_000, "meta range on three nodes");
        for (int table = 10; table < 14; table++) {
            n1.ensureTableRange(table);
            Transaction w = n1.transactions().begin();
            w.put(key(table, "k"), bytes("v" + table));
            w.commit();
        }
        StorageNode n4 = start(3);
        await(() -> {
            java.util.Map<Integer, Integer> load = new java.util.HashMap<>();
            for (RangeStatus r : n1.rangeStatuses()) {
                r.replicas().forEach(n -> load.merge(n, 1, Integer::sum));
            }
            int max = load.values().stream().max(Integer::compare).orElse(0);
            int min = load.values().stream().min(Integer::compare).orElse(0);
            return load.size() == 4 && max - min <= 1;
        }, 90_000, "replicas spread over four nodes");
        for (RangeStatus r : n1.rangeStatuses()) {
            assertEquals(3, r.replicas().size(), "range " + r.rangeId() + " keeps three replicas");
        }
        for (int table = 10; table < 14; table++) {
            assertEquals("v" + table, string(n4.transactions().begin().get(key(table, "k"))));
        }
    }

    private static int replicasOf(StorageNode n, long rangeId) {
        for (RangeStatus s : n.rangeStatuses()) {
            if (s.rangeId() == rangeId) {
                return s.replicas().size();
            }
        }
        return 0;
    }

    private static RangeStatus range(StorageNode n, int tableId) {
        return n.rangeStatuses().stream().filter(s -> s.tableId() == tableId).findFirst().orElseThrow();
    }

    private static int awaitLeader(StorageNode n, int tableId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            int leader = range(n, tableId).leaderNode();
            if (leader > 0) {
                return leader;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader known for table " + tableId);
    }

    private static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    static List<NodeStatus> statuses(StorageNode n) {
        return n.nodeStatuses();
    }
}
