package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.txn.Transaction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two transactions each lock a row of a range led by a different node, then each asks for the other's row: a cycle
 * of waits that neither leader sees whole. The one begun last gives up with a deadlock error — not the lock wait
 * timeout — and the other gets the row and commits.
 */
class ClusterDeadlockTest {
    private static final int TABLE = 61;
    private static final int ROWS = 9;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    @Test
    void aCycleOfRowLockWaitsThroughTwoNodesFailsOnlyItsYoungestMember() throws Exception {
        List<StorageNode> nodes = cluster.startAll(3);
        StorageNode gateway = nodes.get(0);
        gateway.ensureTableRange(TABLE);
        Transaction init = gateway.transactions().begin();
        for (int i = 0; i < ROWS; i++) {
            init.put(row(i), bytes("0"));
        }
        init.commit();
        for (int i = 1; i < ROWS; i++) {
            gateway.split(row(i)); // a range per row: the leader balancer spreads them over the nodes
        }
        byte[][] pair = new byte[2][];
        TestCluster.await(() -> rowsLedApart(nodes, pair), 60_000, "two rows whose ranges different nodes lead");

        Transaction first = gateway.transactions().begin();
        Transaction second = nodes.get(1).transactions().begin();
        lock(first, pair[0]);
        lock(second, pair[1]);
        CompletableFuture<String> firstOutcome = CompletableFuture.supplyAsync(() -> lockAndCommit(first, pair[1]));
        Thread.sleep(100);
        CompletableFuture<String> secondOutcome = CompletableFuture.supplyAsync(() -> lockAndCommit(second, pair[0]));

        String a = firstOutcome.get(30, TimeUnit.SECONDS);
        String b = secondOutcome.get(30, TimeUnit.SECONDS);
        String victim = first.id() > second.id() ? a : b;
        String survivor = first.id() > second.id() ? b : a;
        assertTrue(victim.contains("deadlock") && victim.contains("through other nodes"), victim);
        assertEquals("committed", survivor);
    }

    private static byte[] row(int i) {
        return key(TABLE, "r" + i);
    }

    /** Fills {@code pair} with two rows whose ranges are led by different nodes; false when there are none yet. */
    private static boolean rowsLedApart(List<StorageNode> nodes, byte[][] pair) {
        for (int i = 0; i < ROWS; i++) {
            for (int j = i + 1; j < ROWS; j++) {
                int li = leader(nodes, row(i));
                int lj = leader(nodes, row(j));
                if (li >= 0 && lj >= 0 && li != lj) {
                    pair[0] = row(i);
                    pair[1] = row(j);
                    return true;
                }
            }
        }
        return false;
    }

    private static int leader(List<StorageNode> nodes, byte[] key) {
        long rangeId = nodes.get(0).router().replicaFor(key).descriptor().rangeId();
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.get(n).leads(rangeId)) {
                return n;
            }
        }
        return -1;
    }

    /** {@code SELECT … FOR UPDATE} of one row. */
    private static void lock(Transaction t, byte[] key) {
        t.lockRowsRead(() -> t.get(key), false);
    }

    private static String lockAndCommit(Transaction t, byte[] key) {
        try {
            lock(t, key);
            t.put(key, bytes("1"));
            t.commit();
            return "committed";
        } catch (TransactionConflictException e) {
            t.rollback(); // as a session does on an error: its locks go
            return e.getMessage();
        }
    }
}
