package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.StorageNode;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.TestCluster;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.txn.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle ranges go quiet (rare heartbeats, long election timeouts on every replica) and wake on the first read or
 * write; a quiet range whose leader's node stops keeps serving. Three real nodes in one JVM. (A stopped node hands
 * its leaderships over; the crash case — kill -9 of a quiet range's leader, found through the liveness records —
 * is ClusterCrashIT in the server module.)
 */
class QuiescenceTest {
    /** Idle period (10 s) + the 2 s sweep + the leader's delay, with room for a loaded machine. */
    private static final long QUIET_WITHIN_MS = 30_000;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    @Test
    void anIdleRangeGoesQuietOnEveryReplicaAndWakesOnReadsAndWrites() throws Exception {
        List<StorageNode> nodes = cluster.startAll(3);
        StorageNode n1 = nodes.get(0);
        long range = n1.ensureTableRange(30);
        write(n1, 30, "a", "1");
        awaitQuietEverywhere(range, true);
        assertFalse(n1.replicaQuiet(RangeDescriptor.META_RANGE_ID), "the meta range never goes quiet");

        // a read through another node wakes the range, and sees the write
        assertEquals("1", string(nodes.get(2).transactions().begin().get(key(30, "a"))));
        awaitQuietEverywhere(range, false);

        // quiet again, then a write wakes it and commits normally
        awaitQuietEverywhere(range, true);
        write(nodes.get(1), 30, "b", "2");
        awaitQuietEverywhere(range, false);
        for (StorageNode n : nodes) {
            assertEquals("2", string(n.transactions().begin().get(key(30, "b"))));
        }
    }

    @Test
    void aQuietRangeWhoseLeadersNodeStopsKeepsServing() throws Exception {
        List<StorageNode> nodes = cluster.startAll(3);
        long range = nodes.get(0).ensureTableRange(31);
        write(nodes.get(0), 31, "a", "1");
        awaitQuietEverywhere(range, true);
        StorageNode victim = cluster.nodes().stream().filter(n -> n.leads(range)).findFirst().orElseThrow();
        cluster.stop(victim);

        StorageNode survivor = cluster.nodes().get(0);
        long before = System.currentTimeMillis();
        while (true) { // as a client would: retry what the cluster reports as retryable
            try {
                write(survivor, 31, "b", "2");
                break;
            } catch (StorageException e) {
                if (!e.isRetryable() || System.currentTimeMillis() - before > 30_000) {
                    throw e;
                }
            }
        }
        long took = System.currentTimeMillis() - before;
        assertTrue(took < 20_000, "a new leader before the quiet election timeout, took " + took + " ms");
        for (StorageNode n : cluster.nodes()) {
            Transaction r = n.transactions().begin();
            assertEquals("1", string(r.get(key(31, "a"))));
            assertEquals("2", string(r.get(key(31, "b"))));
        }
    }

    private void awaitQuietEverywhere(long range, boolean quiet) throws InterruptedException {
        TestCluster.await(() -> cluster.nodes().stream().allMatch(n -> Boolean.valueOf(quiet)
                .equals(n.replicaQuiet(range))), QUIET_WITHIN_MS, "range " + range + " quiet=" + quiet
                + " on every replica");
    }

    private static void write(StorageNode via, int table, String k, String v) {
        Transaction t = via.transactions().begin();
        t.put(key(table, k), bytes(v));
        t.commit();
    }

}
