package io.cairndb.storage.txn;

import static io.cairndb.storage.TestNodes.asLong;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.longValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentTransfersTest {
    private static final int THREADS = 8;
    private static final int TRANSFERS_PER_THREAD = 100;
    private static final int ACCOUNTS_PER_TABLE = 6;
    private static final long INITIAL = 1000;

    @TempDir
    Path dir;

    private static byte[] account(int i) {
        // half the accounts in table 1, half in table 2: transfers are single- or cross-range
        return key(1 + i % 2, "acct-" + i);
    }

    @Test
    void concurrentTransfersKeepTheTotal() throws Exception {
        try (StorageNode node = TestNodes.open(dir)) {
            node.ensureTableRange(1);
            node.ensureTableRange(2);
            TransactionCoordinator txns = node.transactions();
            int accounts = 2 * ACCOUNTS_PER_TABLE;
            Transaction init = txns.begin();
            for (int i = 0; i < accounts; i++) {
                init.put(account(i), longValue(INITIAL));
            }
            init.commit();

            AtomicInteger conflicts = new AtomicInteger();
            long[] expected = new long[accounts];
            java.util.Arrays.fill(expected, INITIAL);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int n = 0; n < TRANSFERS_PER_THREAD; n++) {
                        int from = random.nextInt(accounts);
                        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                        long amount = 1 + random.nextInt(50);
                        while (true) {
                            try (Transaction tx = txns.begin()) {
                                long a = asLong(tx.get(account(from)));
                                long b = asLong(tx.get(account(to)));
                                tx.put(account(from), longValue(a - amount));
                                tx.put(account(to), longValue(b + amount));
                                tx.commit();
                                synchronized (expected) {
                                    expected[from] -= amount;
                                    expected[to] += amount;
                                }
                                break;
                            } catch (StorageException e) {
                                if (!e.isRetryable()) {
                                    throw e;
                                }
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            Transaction check = txns.beginReadOnly();
            long total = 0;
            for (int i = 0; i < accounts; i++) {
                long balance = asLong(check.get(account(i)));
                total += balance;
                // every acknowledged transfer applied exactly once: no lost update, no half transfer
                assertEquals(expected[i], balance, "balance of account " + i);
            }
            assertEquals(accounts * INITIAL, total, "money is neither created nor destroyed");
        }
    }
}
