package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.time.HybridClock;
import io.cairndb.storage.txn.IntentRecovery;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import io.cairndb.storage.txn.TransactionCoordinator;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions bigger than the coordinator's write buffer: their writes go to the ranges as intents while they run,
 * are read back by the transaction itself, stop others exactly as buffered commits do, and are resolved (or
 * removed) in bounded batches after the commit (or rollback), or by recovery once their heartbeat stops.
 */
class BigTransactionTest {
    /** Enough rows for several intent batches and two flushes of the buffer (4,096 writes). */
    private static final int ROWS = 10_000;
    /** The coordinator's buffer: past it, writes go to the ranges (IntentWriter.FLUSH_WRITES). */
    private static final int FLUSH = 4_096;

    @TempDir
    static Path dir;
    static StorageNode node;
    static TransactionCoordinator txns;
    static int nextTable = 300;

    @BeforeAll
    static void start() {
        node = TestNodes.open(dir);
        txns = node.transactions();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int table() {
        int t = nextTable++;
        node.ensureTableRange(t);
        return t;
    }

    private static byte[] row(int table, int i) {
        return key(table, String.format("r%07d", i));
    }

    private static int count(Transaction t, int table) {
        int n = 0;
        try (KvIterator it = t.scan(KeySpace.tableStart(table), KeySpace.tableEnd(table))) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }

    private static int intentsIn(int table) {
        int n = 0;
        for (RangeReplica r : node.router().all()) {
            for (var i : r.intents()) {
                if (java.util.Arrays.compareUnsigned(i.key(), KeySpace.tableStart(table)) >= 0
                        && java.util.Arrays.compareUnsigned(i.key(), KeySpace.tableEnd(table)) < 0) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void awaitNoIntents(int table) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (intentsIn(table) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, intentsIn(table), "every intent resolved in the background");
    }

    @Test
    void aBigTransactionWritesIntentsWhileRunningReadsThemBackAndCommitsThemAll() throws Exception {
        int tb = table();
        Transaction before = txns.begin();
        Transaction big = txns.begin();
        for (int i = 0; i < ROWS; i++) {
            big.put(row(tb, i), bytes("v" + i));
        }
        big.delete(row(tb, 3)); // a delete of a row already written as an intent
        // pipelined: the two flushes' batches land while the transaction goes on, whatever it does next
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (intentsIn(tb) < 8_192 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(intentsIn(tb) >= 8_192, "writes went to the range while running");
        assertEquals("v7", string(big.get(row(tb, 7))), "its own intent, read from the range");
        assertNull(big.get(row(tb, 3)));
        assertEquals(ROWS - 1, count(big, tb), "its scan lays its intents over the snapshot, page after page");

        assertNull(before.get(row(tb, 7)), "a reader below the intents' timestamp does not wait and sees nothing");
        before.commit();
        Transaction writer = txns.begin();
        writer.put(row(tb, 9), bytes("other"));
        assertThrows(TransactionConflictException.class, writer::commit, "a key holding an intent is locked");

        Transaction later = txns.begin();
        CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> later.get(row(tb, 11)));
        Thread.sleep(200);
        assertTrue(!waiting.isDone(), "a reader above the intents' timestamp waits for the outcome");
        big.commit();
        waiting.get(10, TimeUnit.SECONDS); // released once resolved; what it sees depends on the commit ts

        awaitNoIntents(tb);
        Transaction after = txns.begin();
        assertEquals(ROWS - 1, count(after, tb));
        assertEquals("v" + (ROWS - 1), string(after.get(row(tb, ROWS - 1))));
        assertNull(after.get(row(tb, 3)));
        after.commit();
    }

    @Test
    void aBigTransactionRolledBackLeavesNothing() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        for (int i = 0; i < ROWS; i++) {
            big.put(row(tb, i), bytes("v" + i));
        }
        assertTrue(intentsIn(tb) > 0);
        big.rollback();
        awaitNoIntents(tb);
        Transaction after = txns.begin();
        assertEquals(0, count(after, tb));
        after.put(row(tb, 1), bytes("free")); // its keys are free again
        after.commit();
    }

    @Test
    void recoveryLeavesARunningBigTransactionAloneAndAbortsOneWhoseHeartbeatStopped() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        for (int i = 0; i < ROWS; i++) {
            big.put(row(tb, i), bytes("v" + i));
        }
        // its own scan waits for its batches in flight: none can land after recovery removed the intents
        assertEquals(ROWS, count(big, tb));
        var leading = node.router().all();
        assertEquals(0, IntentRecovery.recover(node.router(), leading, Long.MAX_VALUE, node.clock()::now),
                "its PENDING record was renewed lately: it still runs");
        assertTrue(intentsIn(tb) > 0);
        // as seen a minute later with no heartbeat since: its coordinator is taken for dead
        long minuteLater = node.clock().now() + (60_000L << HybridClock.LOGICAL_BITS);
        assertEquals(1, IntentRecovery.recover(node.router(), leading, Long.MAX_VALUE, () -> minuteLater));
        assertEquals(0, intentsIn(tb), "recovery removed its intents");
        assertThrows(TransactionConflictException.class, big::commit, "its record is ABORTED: it cannot commit");
        Transaction after = txns.begin();
        assertEquals(0, count(after, tb));
        after.commit();
    }

    @Test
    void aRangeThatSplitsUnderABigTransactionsIntentsHasThemAllResolvedAfterTheCommit() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        for (int i = 0; i < ROWS; i++) {
            big.put(row(tb, i), bytes("v" + i));
        }
        // the range splits twice under intents already written, and the rest goes to the new ranges
        node.split(row(tb, 2_000));
        node.split(row(tb, 6_000));
        // the new ranges' leaders know the transaction's intents there from their parent's summary
        Transaction writer = txns.begin();
        writer.put(row(tb, 7_000), bytes("other"));
        assertThrows(TransactionConflictException.class, writer::commit, "a key of the child holds an intent");
        for (int i = ROWS; i < ROWS + 5_000; i++) {
            big.put(row(tb, i), bytes("v" + i));
        }
        assertEquals(ROWS + 5_000, count(big, tb), "its own intents, read back across the new ranges");
        big.commit();
        awaitNoIntents(tb); // every part of every span, whichever range holds it now
        Transaction after = txns.begin();
        assertEquals(ROWS + 5_000, count(after, tb));
        assertEquals("v5999", string(after.get(row(tb, 5_999))));
        assertEquals("v6000", string(after.get(row(tb, 6_000))));
        after.commit();
    }

    @Test
    void readersScanningWhileTheIntentsAreBeingResolvedSeeEveryRowEveryTime() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        for (int i = 0; i < 3 * ROWS; i++) {
            big.put(row(tb, i), bytes("v" + i));
        }
        big.commit();
        int scans = 0;
        do {
            Transaction reader = txns.begin();
            assertEquals(3 * ROWS, count(reader, tb), "a scan during resolution (versions and intents read through)");
            reader.commit();
            scans++;
        } while (intentsIn(tb) > 0 || scans < 3);
        awaitNoIntents(tb);
    }

    @Test
    void splitsRacingABigTransactionsIntentBatchesDoNotFailIt() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        // splits land between a batch's routing and its apply: the range refuses the batch, which goes again
        CompletableFuture<Void> splits = CompletableFuture.runAsync(() -> {
            for (int k = 1; k < 40; k++) {
                node.split(row(tb, k * 500));
            }
        });
        int i = 0;
        while (!splits.isDone() || i < 2 * ROWS) {
            big.put(row(tb, i), bytes("v" + i));
            i++;
        }
        splits.get(60, TimeUnit.SECONDS);
        big.commit();
        awaitNoIntents(tb);
        Transaction after = txns.begin();
        assertEquals(i, count(after, tb));
        after.commit();
    }

    @Test
    void batchesInFlightAreReadBackAndAppliedInOrderWhenALaterBatchWritesTheirKeysAgain() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        for (int i = 0; i < 2 * FLUSH; i++) {
            big.put(row(tb, i), bytes("a" + i));
        }
        // the flushes just sent are still replicating: a read of their keys waits for its batch only
        assertEquals("a100", string(big.get(row(tb, 100))));
        assertEquals("a" + (2 * FLUSH - 1), string(big.get(row(tb, 2 * FLUSH - 1))));
        // the same keys again, right away: each range must apply the second write of a key after the first
        for (int i = 0; i < FLUSH; i++) {
            big.put(row(tb, i), bytes("b" + i));
        }
        for (int i = 0; i < FLUSH; i += 97) {
            assertEquals("b" + i, string(big.get(row(tb, i))), "the later write of row " + i);
        }
        big.commit();
        awaitNoIntents(tb);
        Transaction after = txns.begin();
        for (int i = 0; i < 2 * FLUSH; i += 89) {
            assertEquals((i < FLUSH ? "b" : "a") + i, string(after.get(row(tb, i))));
        }
        assertEquals(2 * FLUSH, count(after, tb));
        after.commit();
    }

    @Test
    void aConflictMetByABatchInFlightFailsTheTransactionAndItsRollbackLeavesNothing() throws Exception {
        int tb = table();
        Transaction big = txns.begin();
        Transaction other = txns.begin();
        other.put(row(tb, ROWS - 10), bytes("committed after the big one began"));
        other.commit();
        // the batch holding that row finds a version newer than the big transaction's snapshot; with batches
        // pipelined the 40001 may come from a later write or only from the commit, but it comes
        assertThrows(TransactionConflictException.class, () -> {
            for (int i = 0; i < ROWS; i++) {
                big.put(row(tb, i), bytes("v" + i));
            }
            big.commit();
        });
        big.rollback();
        awaitNoIntents(tb);
        Transaction after = txns.begin();
        assertEquals(1, count(after, tb), "only the other transaction's row");
        assertEquals("committed after the big one began", string(after.get(row(tb, ROWS - 10))));
        after.commit();
    }
}
