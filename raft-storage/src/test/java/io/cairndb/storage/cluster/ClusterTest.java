package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.NodeStatus;
import io.cairndb.storage.RangeStatus;
import io.cairndb.storage.StorageConfig;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestCluster;
import io.cairndb.storage.TestNodes;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three real nodes in one JVM (real RocksDB, real jraft groups over loopback sockets). */
class ClusterTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster(4);

    private StorageNode start(int i) {
        return cluster.start(i);
    }

    @Test
    void nodesJoinKeepTheirIdentityAndRefuseAnotherCluster() {
        StorageNode first = start(0);
        StorageNode second = start(1);
        assertEquals(1, first.nodeId());
        assertEquals(2, second.nodeId());
        assertEquals(first.clusterId(), second.clusterId());
        cluster.stop(second);
        StorageNode again = start(1);
        assertEquals(2, again.nodeId(), "a restarted node keeps its id");
        assertEquals(first.clusterId(), again.clusterId());

        // a node of another cluster cannot join this one's groups: its requests carry another cluster id
        Path other = cluster.dir().resolve("other");
        int otherPort = TestNodes.freePort();
        try (StorageNode stranger = StorageNode.open(new StorageConfig(other, "127.0.0.1", otherPort, List.of(),
                "127.0.0.1:1", 1))) {
            assertNotEquals(first.clusterId(), stranger.clusterId());
        }
    }

    @Test
    void rangesReplicateToThreeNodesAndSurviveTheLossOfTheirLeader() throws Exception {
        // the meta range up-replicates to the joined nodes
        List<StorageNode> three = cluster.startAll(3);
        StorageNode n1 = three.get(0);
        StorageNode n2 = three.get(1);
        StorageNode n3 = three.get(2);
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
        StorageNode victim = cluster.nodes().stream().filter(n -> n.nodeId() == leader).findFirst().orElseThrow();
        cluster.stop(victim);
        StorageNode survivor = cluster.nodes().get(0);
        long before = System.currentTimeMillis();
        Transaction again = survivor.transactions().begin();
        again.put(key(7, "b"), bytes("2"));
        again.commit();
        assertTrue(System.currentTimeMillis() - before < 15_000, "writes resume within the routing deadline");
        for (StorageNode n : cluster.nodes()) {
            Transaction r = n.transactions().begin();
            assertEquals("1", string(r.get(key(7, "a"))));
            assertEquals("2", string(r.get(key(7, "b"))));
        }
        assertNotEquals(leader, awaitLeader(survivor, 7));
    }

    @Test
    void twoOfThreeReplicasDownFailsWithARetryableErrorNotAHang() throws Exception {
        StorageNode n1 = cluster.startAll(3).get(0);
        n1.ensureTableRange(8);
        for (StorageNode n : cluster.nodes().subList(1, 3)) {
            cluster.stop(n);
        }
        long t0 = System.currentTimeMillis();
        StorageException e = assertThrows(StorageException.class, () -> {
            Transaction t = n1.transactions().begin();
            t.put(key(8, "x"), bytes("y"));
            t.commit();
        });
        long took = System.currentTimeMillis() - t0;
        assertTrue(e.isRetryable() || e instanceof io.cairndb.storage.CommitOutcomeUnknownException,
                "retryable or unknown outcome: " + e);
        assertTrue(took < 60_000, "bounded: " + took + " ms");
    }

    @Test
    void aNodeDownWhileItsRangeIsDroppedRemovesItsReplicaWhenBack() throws Exception {
        List<StorageNode> three = cluster.startAll(3);
        StorageNode n1 = three.get(0);
        long rangeId = n1.ensureTableRange(20);
        Transaction w = n1.transactions().begin();
        w.put(key(20, "k"), bytes("v"));
        w.commit();
        TestCluster.await(() -> three.stream().allMatch(n -> n.localRangeIds().contains(rangeId)
                && TestCluster.localValue(n, key(20, "k")) != null), 60_000, "the row on three replicas");
        cluster.stop(three.get(2));
        n1.dropTableRange(20); // the stopped node's replica cannot be told
        assertTrue(n1.rangeStatuses().stream().noneMatch(r -> r.tableId() == 20));

        StorageNode back = start(2); // restarts its replicas, the dropped range's among them, then reconciles
        TestCluster.await(() -> !back.localRangeIds().contains(rangeId)
                && TestCluster.localValue(back, key(20, "k")) == null, 60_000,
                "the returning node removes its replica of the dropped range and the range's data");
        Thread.sleep(6_000); // a reconcile round later (every 5 s): it stays removed
        assertFalse(back.localRangeIds().contains(rangeId));
        assertNull(TestCluster.localValue(back, key(20, "k")));
    }

    @Test
    void aJoiningNodeReceivesItsShareOfReplicasAndRemovedCopiesAreDeleted() throws Exception {
        StorageNode n1 = cluster.startAll(3).get(0);
        for (int table = 10; table < 14; table++) {
            n1.ensureTableRange(table);
            Transaction w = n1.transactions().begin();
            w.put(key(table, "k"), bytes("v" + table));
            w.commit();
        }
        StorageNode n4 = start(3);
        TestCluster.await(() -> {
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

    @Test
    void splitsWhileAJoiningNodeTakesReplicasLeaveEveryRangeWholeAndNoStrayReplica() throws Exception {
        StorageNode n1 = cluster.startAll(3).get(0);
        n1.ensureTableRange(40);
        Transaction w = n1.transactions().begin();
        for (int i = 0; i < 200; i++) {
            w.put(key(40, String.format("k%03d", i)), bytes("v" + i));
        }
        w.commit();
        StorageNode n4 = start(3); // replicas start moving to it
        for (int i = 20; i < 200; i += 20) { // splits while the moves run, through every node in turn
            StorageNode via = cluster.nodes().get(i / 20 % 4);
            byte[] at = key(40, String.format("k%03d", i));
            for (int attempt = 0; ; attempt++) {
                try {
                    via.split(at);
                    break;
                } catch (StorageException e) {
                    if (!e.isRetryable() || attempt == 20) {
                        throw e;
                    }
                }
            }
        }
        TestCluster.await(() -> {
            java.util.Map<Integer, Integer> load = new java.util.HashMap<>();
            List<RangeStatus> ranges = n1.rangeStatuses();
            ranges.forEach(r -> r.replicas().forEach(n -> load.merge(n, 1, Integer::sum)));
            int max = load.values().stream().max(Integer::compare).orElse(0);
            int min = load.values().stream().min(Integer::compare).orElse(0);
            return load.size() == 4 && max - min <= 1 && ranges.stream().allMatch(r -> r.replicas().size() == 3);
        }, 120_000, "replicas spread over four nodes, three per range");
        assertEquals(10, n1.rangeStatuses().stream().filter(r -> r.tableId() == 40).count());
        // every node runs exactly the replicas the descriptors give it: no replica started outside its group
        TestCluster.await(() -> cluster.nodes().stream().allMatch(n -> n.localRangeIds().equals(
                n1.rangeStatuses().stream().filter(r -> r.replicas().contains(n.nodeId())).map(RangeStatus::rangeId)
                        .sorted().toList())), 60_000, "local replicas match the descriptors");
        // every replica's descriptor is the one meta has: the same span, voters and generation on every node
        // (generations come from each range's log; found: followers' splits came out a generation behind the
        // leader's, and an older, wider descriptor could then win in meta and send scans to the wrong range)
        try {
            TestCluster.await(() -> descriptorMismatches(n1).isEmpty(), 30_000, "replicas' descriptors as in meta");
        } catch (AssertionError e) {
            assertEquals("", descriptorMismatches(n1));
        }
        for (StorageNode n : cluster.nodes()) {
            for (int i = 0; i < 200; i++) {
                byte[] k = key(40, String.format("k%03d", i));
                assertEquals("v" + i, string(readRetrying(n, k)), "node " + n.nodeId());
            }
        }
        assertTrue(n4.localRangeIds().size() > 0);
    }

    /** Replicas whose descriptor differs from meta's in span or voters, or from each other in generation. */
    private String descriptorMismatches(StorageNode viewer) {
        StringBuilder out = new StringBuilder();
        for (RangeStatus status : viewer.rangeStatuses()) {
            List<io.cairndb.storage.range.RangeDescriptor> copies = new java.util.ArrayList<>();
            for (int id : status.replicas()) {
                StorageNode n = cluster.nodes().stream().filter(x -> x.nodeId() == id).findFirst().orElseThrow();
                io.cairndb.storage.range.RangeDescriptor d = n.replicaDescriptor(status.rangeId());
                if (d == null || !d.replicas().equals(status.replicas())
                        || !java.util.Arrays.equals(d.startKey(), status.startKey())
                        || !java.util.Arrays.equals(d.endKey(), status.endKey())
                        || !copies.isEmpty() && d.generation() != copies.get(0).generation()) {
                    out.append("range ").append(status.rangeId()).append(" meta ").append(status.replicas())
                            .append(" node ").append(id).append(": ").append(d).append('\n');
                }
                copies.add(d);
            }
        }
        return out.toString();
    }

    @Test
    void decommissionEmptiesANodeAndIsRefusedWhenTooFewNodesWouldRemain() throws Exception {
        StorageNode n1 = cluster.startAll(3).get(0);
        n1.ensureTableRange(20);
        n1.ensureTableRange(21);
        StorageException refused = assertThrows(StorageException.class, () -> n1.decommission(3, false));
        assertTrue(refused.getMessage().contains("FORCE"), refused.getMessage());

        StorageNode n4 = start(3);
        TestCluster.await(() -> n1.nodeStatuses().stream().filter(NodeStatus::live).count() == 4, 30_000, "four live nodes");
        n1.decommission(3, false);
        TestCluster.await(() -> n1.rangeStatuses().stream().noneMatch(r -> r.replicas().contains(3))
                && n1.rangeStatuses().stream().allMatch(r -> r.replicas().size() == 3), 90_000, "node 3 emptied");
        assertTrue(n1.nodeStatuses().stream().anyMatch(n -> n.nodeId() == 3 && n.draining()));
        // node 3 can now stop without any range losing its majority
        StorageNode n3 = cluster.nodes().stream().filter(n -> n.nodeId() == 3).findFirst().orElseThrow();
        cluster.stop(n3);
        Transaction w = n4.transactions().begin();
        w.put(key(20, "after"), bytes("ok"));
        w.commit();
        assertEquals("ok", string(n1.transactions().begin().get(key(20, "after"))));
    }

    @Test
    void leadershipSpreadsOverTheNodes() throws Exception {
        StorageNode n1 = cluster.startAll(3).get(0);
        for (int table = 50; table < 56; table++) {
            n1.ensureTableRange(table); // founded on node 1: it leads all of them at first
        }
        // 7 ranges over 3 nodes: nobody should lead more than its share, ceil(7 / 3) = 3
        TestCluster.await(() -> {
            List<NodeStatus> nodes = n1.nodeStatuses();
            return nodes.stream().mapToInt(NodeStatus::leaders).sum() == 7
                    && nodes.stream().allMatch(n -> n.leaders() <= 3);
        }, 90_000, "leaders spread: " + n1.nodeStatuses());
    }

    /** Reads a key as a client would: a retryable error (a route gone stale by a split) is retried. */
    private static byte[] readRetrying(StorageNode n, byte[] k) {
        for (int attempt = 0; ; attempt++) {
            try {
                return n.transactions().begin().get(k);
            } catch (StorageException e) {
                if (!e.isRetryable() || attempt == 10) {
                    throw e;
                }
            }
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
}
