package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.RangeStatus;
import io.cairndb.storage.StorageConfig;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestCluster;
import io.cairndb.storage.TestNodes;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Range splits on a three-node cluster in this JVM: by hand, automatically, under load, with a node down. */
class SplitTest {
    private static final int TABLE = 30;
    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    private List<StorageNode> cluster(long rangeMaxBytes) throws Exception {
        List<StorageNode> nodes = cluster.startAll(3, rangeMaxBytes);
        nodes.get(0).ensureTableRange(TABLE);
        return nodes;
    }

    private static String k(int i) {
        return String.format("k%05d", i);
    }

    private static List<RangeStatus> tableRanges(StorageNode n) {
        return n.rangeStatuses().stream().filter(r -> r.tableId() == TABLE).toList();
    }

    private static int count(StorageNode n) {
        Transaction t = n.transactions().beginReadOnly();
        int rows = 0;
        try (KvIterator it = t.scan(key(TABLE, ""), io.cairndb.storage.keys.KeySpace.tableEnd(TABLE))) {
            while (it.next()) {
                rows++;
            }
        }
        return rows;
    }

    @Test
    void aManualSplitServesBothSidesFromEveryNodeWithoutCopyingData() throws Exception {
        List<StorageNode> nodes = cluster(StorageConfig.DEFAULT_RANGE_MAX_BYTES);
        Transaction w = nodes.get(0).transactions().begin();
        for (int i = 0; i < 100; i++) {
            w.put(key(TABLE, k(i)), bytes("v" + i));
        }
        w.commit();

        nodes.get(1).split(key(TABLE, k(50)));
        for (StorageNode n : nodes) {
            List<RangeStatus> ranges = tableRanges(n);
            assertEquals(2, ranges.size(), "two ranges after the split: " + ranges);
            assertTrue(ranges.stream().allMatch(r -> r.replicas().size() == 3), "both on three nodes");
        }
        nodes.get(1).split(key(TABLE, k(50))); // already a boundary: nothing happens
        assertEquals(2, tableRanges(nodes.get(0)).size());

        for (StorageNode n : nodes) {
            assertEquals(100, count(n), "a scan over both ranges sees every row");
            assertEquals("v10", string(n.transactions().begin().get(key(TABLE, k(10)))));
            assertEquals("v77", string(n.transactions().begin().get(key(TABLE, k(77)))));
        }
        // five ranges: a scan over all of them (read ahead in parallel) comes back complete and in key order
        for (int cut : new int[] {20, 40, 80}) {
            nodes.get(cut % 3).split(key(TABLE, k(cut)));
        }
        assertEquals(5, tableRanges(nodes.get(0)).size());
        for (StorageNode n : nodes) {
            List<String> keys = new ArrayList<>();
            try (KvIterator it = n.transactions().beginReadOnly().scan(key(TABLE, ""),
                    io.cairndb.storage.keys.KeySpace.tableEnd(TABLE))) {
                while (it.next()) {
                    keys.add(string(it.value()));
                }
            }
            assertEquals(100, keys.size());
            for (int i = 0; i < 100; i++) {
                assertEquals("v" + i, keys.get(i), "row " + i + " in key order");
            }
        }
        // writes to both sides, one transaction over both (2PC across the parent and the child)
        Transaction both = nodes.get(2).transactions().begin();
        both.put(key(TABLE, k(1)), bytes("left"));
        both.put(key(TABLE, k(99)), bytes("right"));
        both.delete(key(TABLE, k(60)));
        both.commit();
        Transaction r = nodes.get(0).transactions().begin();
        assertEquals("left", string(r.get(key(TABLE, k(1)))));
        assertEquals("right", string(r.get(key(TABLE, k(99)))));
        assertNull(r.get(key(TABLE, k(60))));
    }

    @Test
    void transfersStayExactAcrossSplitsUnderLoad() throws Exception {
        List<StorageNode> nodes = cluster(StorageConfig.DEFAULT_RANGE_MAX_BYTES);
        int accounts = 40;
        Transaction init = nodes.get(0).transactions().begin();
        for (int i = 0; i < accounts; i++) {
            init.put(key(TABLE, k(i)), TestNodes.longValue(100));
        }
        init.commit();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            StorageNode gateway = nodes.get(w);
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    int a = ThreadLocalRandom.current().nextInt(accounts);
                    int b = (a + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
                    try {
                        Transaction tx = gateway.transactions().begin();
                        long va = TestNodes.asLong(tx.get(key(TABLE, k(a))));
                        long vb = TestNodes.asLong(tx.get(key(TABLE, k(b))));
                        tx.put(key(TABLE, k(a)), TestNodes.longValue(va - 1));
                        tx.put(key(TABLE, k(b)), TestNodes.longValue(vb + 1));
                        tx.commit();
                        committed.incrementAndGet();
                    } catch (TransactionConflictException | io.cairndb.storage.range.RangeUnavailableException e) {
                        // retryable (conflict, range split under it): try another transfer
                    } catch (io.cairndb.storage.CommitOutcomeUnknownException e) {
                        // outcome unknown: the invariant still holds whichever way it went
                    }
                }
            });
            t.start();
            workers.add(t);
        }
        Thread.sleep(1000);
        nodes.get(0).split(key(TABLE, k(20)));
        Thread.sleep(1000);
        nodes.get(1).split(key(TABLE, k(10)));
        nodes.get(2).split(key(TABLE, k(30)));
        Thread.sleep(1000);
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        assertEquals(4, tableRanges(nodes.get(0)).size());
        assertTrue(committed.get() > 0, "some transfers committed");
        for (StorageNode n : nodes) {
            long total = 0;
            Transaction r = n.transactions().beginReadOnly();
            for (int i = 0; i < accounts; i++) {
                total += TestNodes.asLong(r.get(key(TABLE, k(i))));
            }
            assertEquals(100L * accounts, total, "money is neither created nor lost across splits");
        }
    }

    @Test
    void aRangePastTheSizeLimitSplitsByItself() throws Exception {
        List<StorageNode> nodes = cluster(64 * 1024);
        byte[] value = new byte[1000];
        for (int batch = 0; batch < 4; batch++) {
            Transaction w = nodes.get(0).transactions().begin();
            for (int i = 0; i < 100; i++) {
                w.put(key(TABLE, k(batch * 100 + i)), value);
            }
            w.commit();
        }
        TestCluster.await(() -> tableRanges(nodes.get(0)).size() >= 2, 60_000, "an automatic split");
        for (StorageNode n : nodes) {
            assertEquals(400, count(n));
        }
    }

    @Test
    void aReplicaDownDuringASplitAppliesItWhenItComesBack() throws Exception {
        List<StorageNode> nodes = cluster(StorageConfig.DEFAULT_RANGE_MAX_BYTES);
        Transaction w = nodes.get(0).transactions().begin();
        for (int i = 0; i < 50; i++) {
            w.put(key(TABLE, k(i)), bytes("v" + i));
        }
        w.commit();
        StorageNode third = nodes.get(2);
        cluster.stop(third);
        nodes.get(0).split(key(TABLE, k(25)));
        retrying(() -> {
            // node 2 learns of the split from the first request that meets it (a retryable mismatch)
            Transaction more = nodes.get(1).transactions().begin();
            more.put(key(TABLE, k(40)), bytes("while away"));
            more.commit();
        });
        StorageNode back = cluster.start(2);
        // the restarted replica applies the split from the parent's log, starts its replica of the child and gets
        // the row written to the child while it was away: in its own store, not read through a leader
        TestCluster.await(() -> "while away".equals(string(TestCluster.localValue(back, key(TABLE, k(40))))),
                60_000, "the child's write in the restarted node's store");
        assertEquals("while away", string(back.transactions().begin().get(key(TABLE, k(40)))));
        assertEquals(50, count(back));
    }

    private static void retrying(Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (TransactionConflictException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

}
