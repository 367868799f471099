package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestCluster;
import io.cairndb.storage.TestNodes;
import io.cairndb.storage.txn.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A leader serves reads on its read lease: a run of point reads costs a read-index round about once per lease,
 * not once per read; and reads still see every committed write, also right after the leader changed.
 */
class ReadLeaseRoundsTest {
    private static final int TABLE = 70;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    @Test
    void pointReadsOnALeaderRunFewReadIndexRounds() throws Exception {
        long range = threeNodesHoldingKAtOne();
        StorageNode leader = leaderOf(range);
        for (int i = 1; i <= 50; i++) { // each read sees the write just before it, lease or not
            Transaction tx = leader.transactions().begin();
            assertEquals(i, TestNodes.asLong(tx.get(key(TABLE, "k"))));
            tx.put(key(TABLE, "k"), TestNodes.longValue(i + 1));
            tx.commit();
        }
        long servedBefore = leader.readsServed(range);
        long roundsBefore = leader.readRounds(range);
        for (int i = 0; i < 400; i++) {
            assertEquals(51, TestNodes.asLong(leader.transactions().begin().get(key(TABLE, "k"))));
        }
        long reads = leader.readsServed(range) - servedBefore;
        long rounds = leader.readRounds(range) - roundsBefore;
        assertTrue(reads >= 400, "reads served: " + reads);
        assertTrue(rounds * 10 < reads, rounds + " read-index rounds for " + reads + " reads");
    }

    @Test
    void afterTheLeaderStopsReadsSeeTheNewLeadersWrites() throws Exception {
        long range = threeNodesHoldingKAtOne();
        StorageNode leader = leaderOf(range);
        assertEquals(1, TestNodes.asLong(leader.transactions().begin().get(key(TABLE, "k")))); // on its lease
        cluster.stop(leader);
        StorageNode survivor = cluster.nodes().get(0);
        retrying(() -> write(survivor, "k", 2));
        for (StorageNode n : cluster.nodes()) {
            assertEquals(2, TestNodes.asLong(retrying(() -> n.transactions().begin().get(key(TABLE, "k")))));
        }
    }

    /** Starts three nodes, creates the table's range, writes k = 1; returns the range. */
    private long threeNodesHoldingKAtOne() throws InterruptedException {
        List<StorageNode> nodes = cluster.startAll(3);
        long range = nodes.get(0).ensureTableRange(TABLE);
        write(nodes.get(0), "k", 1);
        return range;
    }

    private StorageNode leaderOf(long range) throws InterruptedException {
        TestCluster.await(() -> cluster.nodes().stream().anyMatch(n -> n.leads(range)), 30_000, "a leader");
        return cluster.nodes().stream().filter(n -> n.leads(range)).findFirst().orElseThrow();
    }

    private static void write(StorageNode node, String name, long value) {
        Transaction tx = node.transactions().begin();
        tx.put(key(TABLE, name), TestNodes.longValue(value));
        tx.commit();
    }

    private static <T> T retrying(java.util.concurrent.Callable<T> action) throws Exception {
        long start = System.currentTimeMillis();
        while (true) {
            try {
                return action.call();
            } catch (StorageException e) {
                if (!e.isRetryable() || System.currentTimeMillis() - start > 30_000) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void retrying(Runnable action) throws Exception {
        retrying(() -> {
            action.run();
            return null;
        });
    }
}
