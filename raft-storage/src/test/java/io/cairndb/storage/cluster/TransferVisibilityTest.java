package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestCluster;
import io.cairndb.storage.TestNodes;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two-phase commits over four ranges of a three-node cluster, with readers scanning all four ranges at once on
 * every node: no reader ever sees part of a transfer or misses a row (its every sum is the total), while leadership
 * moves and the ranges split under the scans.
 */
class TransferVisibilityTest {
    private static final int TABLE = 60;
    private static final int ACCOUNTS = 40;
    private static final long OPENING = 100;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    private static byte[] account(int i) {
        return key(TABLE, String.format("a%03d", i));
    }

    @Test
    void readersNeverSeePartOfATransfer() throws Exception {
        List<StorageNode> nodes = cluster.startAll(3);
        nodes.get(0).ensureTableRange(TABLE);
        Transaction init = nodes.get(0).transactions().begin();
        for (int i = 0; i < ACCOUNTS; i++) {
            init.put(account(i), TestNodes.longValue(OPENING));
        }
        init.commit();
        for (int i = 10; i < ACCOUNTS; i += 10) {
            nodes.get(0).split(account(i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger sums = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            StorageNode gateway = nodes.get(w % 3);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    int a = ThreadLocalRandom.current().nextInt(ACCOUNTS);
                    int b = (a + 10 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 10)) % ACCOUNTS;
                    try {
                        Transaction tx = gateway.transactions().begin();
                        long va = TestNodes.asLong(tx.get(account(a)));
                        long vb = TestNodes.asLong(tx.get(account(b)));
                        tx.put(account(a), TestNodes.longValue(va - 1));
                        tx.put(account(b), TestNodes.longValue(vb + 1));
                        tx.commit();
                        committed.incrementAndGet();
                    } catch (StorageException e) {
                        // retryable conflict or unknown outcome: the invariant holds either way
                    }
                }
            }, "writer-" + w));
        }
        for (int r = 0; r < 3; r++) {
            StorageNode gateway = nodes.get(r);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Transaction tx = gateway.transactions().beginReadOnly();
                        long total = 0;
                        int rows = 0;
                        try (KvIterator it = tx.scan(key(TABLE, ""), io.cairndb.storage.keys.KeySpace.tableEnd(TABLE))) {
                            while (it.next()) {
                                total += TestNodes.asLong(it.value());
                                rows++;
                            }
                        }
                        if (total != OPENING * ACCOUNTS || rows != ACCOUNTS) {
                            failures.add("a reader at " + tx.readTimestamp() + " saw " + total + " in " + rows
                                    + " rows");
                        }
                        sums.incrementAndGet();
                    } catch (StorageException e) {
                        // retryable: read again
                    }
                }
            }, "reader-" + r));
        }
        threads.forEach(Thread::start);
        Thread.sleep(5_000);
        for (int i = 5; i < ACCOUNTS; i += 10) { // more splits while the readers scan: no key may be skipped
            nodes.get(i / 10 % 3).split(account(i));
            Thread.sleep(2_000);
        }
        Thread.sleep(7_000);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("TransferVisibilityTest: " + committed.get() + " transfers, " + sums.get() + " sums");
        assertTrue(failures.isEmpty(), failures.size() + " partial reads, first: " + failures.peek());
        assertTrue(committed.get() > 0 && sums.get() > 0);
    }
}
