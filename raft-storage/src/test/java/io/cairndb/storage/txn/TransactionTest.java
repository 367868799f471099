package io.cairndb.storage.txn;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestNodes;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.keys.KeySpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {
    @TempDir
    static Path dir;
    static StorageNode node;
    static TransactionCoordinator txns;
    static int nextTable = 100;

    @BeforeAll
    static void start() {
        node = TestNodes.open(dir);
        txns = node.transactions();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A fresh table with its own range, so tests do not see each other's keys. */
    private static int table() {
        int t = nextTable++;
        node.ensureTableRange(t);
        return t;
    }

    private static void write(byte[] key, String value) {
        Transaction t = txns.begin();
        t.put(key, bytes(value));
        t.commit();
    }

    private static List<String> scanValues(Transaction t, int table) {
        List<String> out = new ArrayList<>();
        try (KvIterator it = t.scan(KeySpace.tableStart(table), KeySpace.tableEnd(table))) {
            while (it.next()) {
                out.add(string(it.value()));
            }
        }
        return out;
    }

    @Test
    void readsSeeTheTransactionsOwnWritesAndDeletes() {
        int tb = table();
        write(key(tb, "b"), "old-b");
        write(key(tb, "d"), "old-d");
        Transaction t = txns.begin();
        t.put(key(tb, "a"), bytes("new-a"));
        t.put(key(tb, "b"), bytes("new-b"));
        t.delete(key(tb, "d"));
        assertEquals("new-a", string(t.get(key(tb, "a"))));
        assertEquals("new-b", string(t.get(key(tb, "b"))));
        assertNull(t.get(key(tb, "d")));
        assertEquals(List.of("new-a", "new-b"), scanValues(t, tb));
        Transaction other = txns.begin();
        assertNull(other.get(key(tb, "a")), "buffered writes are invisible to others");
        t.commit();
        assertFalse(t.isActive());
        Transaction after = txns.begin();
        assertEquals(List.of("new-a", "new-b"), scanValues(after, tb));
        assertThrows(StorageException.class, () -> t.put(key(tb, "z"), bytes("x")), "ended transaction");
    }

    @Test
    void readsComeFromTheSnapshotAtBegin() {
        int tb = table();
        write(key(tb, "k"), "v1");
        Transaction reader = txns.begin();
        write(key(tb, "k"), "v2");
        write(key(tb, "new"), "n");
        assertEquals("v1", string(reader.get(key(tb, "k"))));
        assertEquals(List.of("v1"), scanValues(reader, tb));
        assertEquals("v2", string(txns.begin().get(key(tb, "k"))));
    }

    @Test
    void lostUpdateIsPrevented() {
        int tb = table();
        write(key(tb, "counter"), "0");
        Transaction t1 = txns.begin();
        Transaction t2 = txns.begin();
        int v1 = Integer.parseInt(string(t1.get(key(tb, "counter"))));
        int v2 = Integer.parseInt(string(t2.get(key(tb, "counter"))));
        t1.put(key(tb, "counter"), bytes(Integer.toString(v1 + 1)));
        t2.put(key(tb, "counter"), bytes(Integer.toString(v2 + 1)));
        t1.commit();
        TransactionConflictException e = assertThrows(TransactionConflictException.class, t2::commit);
        assertTrue(e.isRetryable());
        assertFalse(t2.isActive(), "a failed commit rolls back");
        assertEquals("1", string(txns.begin().get(key(tb, "counter"))));
    }

    @Test
    void blindWriteWriteConflictIsDetected() {
        int tb = table();
        Transaction t1 = txns.begin();
        Transaction t2 = txns.begin();
        t1.put(key(tb, "k"), bytes("t1"));
        t2.put(key(tb, "k"), bytes("t2"));
        t2.commit();
        assertThrows(TransactionConflictException.class, t1::commit);
        assertEquals("t2", string(txns.begin().get(key(tb, "k"))));
    }

    /** {@code UPDATE counter = counter + 1} as the SQL layer runs it in an explicit transaction. */
    private static void increment(Transaction t, byte[] key) {
        t.runLocking(() -> t.put(key, bytes(Integer.toString(Integer.parseInt(string(t.get(key))) + 1))), false);
    }

    @Test
    void aWriterQueuesForTheRowLockAndThenUpdatesTheCommittedValue() throws Exception {
        int tb = table();
        write(key(tb, "counter"), "0");
        Transaction t1 = txns.begin();
        Transaction t2 = txns.begin();
        increment(t1, key(tb, "counter"));
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
            increment(t2, key(tb, "counter"));
            t2.commit();
        });
        Thread.sleep(300);
        assertFalse(second.isDone(), "t2 waits for t1's lock on the row");
        t1.commit();
        second.get(10, java.util.concurrent.TimeUnit.SECONDS); // no conflict: t2 read the row as t1 left it
        assertEquals("2", string(txns.begin().get(key(tb, "counter"))));
    }

    @Test
    void aStatementThatWaitedFailsAtOnceWhenAnEarlierReadChanged() throws Exception {
        int tb = table();
        write(key(tb, "j"), "0");
        write(key(tb, "k"), "0");
        Transaction t1 = txns.begin();
        Transaction t2 = txns.begin();
        assertEquals("0", string(t2.get(key(tb, "j"))));
        increment(t1, key(tb, "j"));
        increment(t1, key(tb, "k"));
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(
                () -> increment(t2, key(tb, "k")));
        Thread.sleep(300);
        t1.commit();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> second.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TransactionConflictException, String.valueOf(e.getCause()));
        t2.rollback();
        assertEquals("1", string(txns.begin().get(key(tb, "k"))));
    }

    @Test
    void aRunningTransactionKeepsItsRowLocksPastTheirTimeToLive() throws Exception {
        int tb = table();
        write(key(tb, "r"), "0");
        Transaction holder = txns.begin();
        increment(holder, key(tb, "r"));
        Thread.sleep(io.cairndb.storage.range.RangeReplica.ROW_LOCK_TTL_MS + 2_000); // renewed meanwhile
        Transaction other = txns.begin();
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
            increment(other, key(tb, "r"));
            other.commit();
        });
        Thread.sleep(300);
        assertFalse(second.isDone(), "the lock is still held: the other waits");
        holder.commit();
        second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("2", string(txns.begin().get(key(tb, "r"))));
    }

    @Test
    void lockersWaitingForEachOtherAreADeadlockThatFailsOneOfThem() throws Exception {
        int tb = table();
        write(key(tb, "x"), "0");
        write(key(tb, "y"), "0");
        Transaction t1 = txns.begin();
        Transaction t2 = txns.begin();
        increment(t1, key(tb, "x"));
        increment(t2, key(tb, "y"));
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
            increment(t2, key(tb, "x"));
            t2.commit();
        });
        Thread.sleep(300);
        TransactionConflictException e = assertThrows(TransactionConflictException.class,
                () -> increment(t1, key(tb, "y")));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
        t1.rollback();
        second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        Transaction check = txns.begin();
        assertEquals("1", string(check.get(key(tb, "x"))));
        assertEquals("1", string(check.get(key(tb, "y"))));
    }

    @Test
    void aTransactionThatReadARowAnotherChangedSinceCommitsBeforeThatOne() {
        int tb = table();
        write(key(tb, "tax"), "5");
        Transaction order = txns.begin();
        assertEquals("5", string(order.get(key(tb, "tax"))));
        write(key(tb, "tax"), "6"); // committed after order read it; order does not write it
        order.put(key(tb, "order-1"), bytes("tax 5"));
        order.commit(); // serialized before the change, at its own snapshot: nothing pushed it past it
        Transaction check = txns.begin();
        assertEquals("tax 5", string(check.get(key(tb, "order-1"))));
        assertEquals("6", string(check.get(key(tb, "tax"))));
    }

    @Test
    void aReaderAfterTheChangePushesTheEarlierReaderPastItAndThenItConflicts() {
        int tb = table();
        write(key(tb, "tax"), "5");
        Transaction order = txns.begin();
        assertEquals("5", string(order.get(key(tb, "tax"))));
        write(key(tb, "tax"), "6");
        // a later transaction reads where order will write: order must commit above that read, after the change
        Transaction later = txns.begin();
        assertNull(later.get(key(tb, "order-1")));
        later.commit();
        order.put(key(tb, "order-1"), bytes("tax 5"));
        assertThrows(TransactionConflictException.class, order::commit);
    }

    @Test
    void writeSkewIsPreventedInOneRange() {
        int tb = table();
        checkWriteSkew(key(tb, "a"), key(tb, "b"));
    }

    @Test
    void writeSkewIsPreventedAcrossRanges() {
        checkWriteSkew(key(table(), "a"), key(table(), "b"));
    }

    private static void checkWriteSkew(byte[] a, byte[] b) {
        write(a, "on");
        write(b, "on");
        Transaction t1 = txns.begin();
        Transaction t2 = txns.begin();
        // each turns one off only if both are on: serially, at most one can succeed
        assertEquals("on", string(t1.get(a)));
        assertEquals("on", string(t1.get(b)));
        assertEquals("on", string(t2.get(a)));
        assertEquals("on", string(t2.get(b)));
        t1.put(a, bytes("off"));
        t2.put(b, bytes("off"));
        t1.commit();
        assertThrows(TransactionConflictException.class, t2::commit);
        Transaction check = txns.begin();
        assertEquals("off", string(check.get(a)));
        assertEquals("on", string(check.get(b)));
    }

    @Test
    void phantomInsertIntoAScannedSpanIsAConflictWhenTheInserterReadWhatTheScannerWrites() {
        int tb = table();
        int summary = table();
        write(key(tb, "p1"), "1");
        write(key(tb, "p2"), "2");
        Transaction counter = txns.begin();
        assertEquals(2, scanValues(counter, tb).size());
        // a concurrent insert into the scanned span by a transaction that read the summary before it was written:
        // the counter cannot come before the insert (it missed p3) nor after it (the inserter missed its count)
        Transaction inserter = txns.begin();
        assertNull(inserter.get(key(summary, "count")));
        inserter.put(key(tb, "p3"), bytes("3"));
        inserter.commit();
        counter.put(key(summary, "count"), bytes("2"));
        assertThrows(TransactionConflictException.class, counter::commit);
        assertNull(txns.begin().get(key(summary, "count")));
    }

    @Test
    void aScannerCommitsBeforeAnInsertIntoItsSpanThatDependsOnNothingItWrote() {
        int tb = table();
        int summary = table();
        write(key(tb, "p1"), "1");
        write(key(tb, "p2"), "2");
        Transaction counter = txns.begin();
        assertEquals(2, scanValues(counter, tb).size());
        write(key(tb, "p3"), "3"); // commits after the scan, reads nothing: the counter is serialized before it
        counter.put(key(summary, "count"), bytes("2"));
        counter.commit();
        assertEquals("2", string(txns.begin().get(key(summary, "count"))));
        // a reader of both after the fact sees the insert too: the count was right as of its commit, before p3
        assertEquals(3, scanValues(txns.begin(), tb).size());
    }

    @Test
    void aScanStoppedEarlyValidatesOnlyWhatItRead() {
        int tb = table();
        write(key(tb, "a"), "1");
        write(key(tb, "m"), "2");
        Transaction t = txns.begin();
        try (KvIterator it = t.scan(KeySpace.tableStart(tb), KeySpace.tableEnd(tb))) {
            assertTrue(it.next());
            assertEquals("1", string(it.value()));
        }
        write(key(tb, "z"), "3"); // beyond what t saw
        t.put(key(tb, "a"), bytes("1b"));
        t.commit();
        assertEquals("1b", string(txns.begin().get(key(tb, "a"))));
    }

    @Test
    void twoPhaseCommitAcrossRangesIsAtomic() {
        int t1 = table();
        int t2 = table();
        Transaction t = txns.begin();
        t.put(key(t1, "x"), bytes("one"));
        t.put(key(t2, "y"), bytes("two"));
        t.commit();
        Transaction check = txns.begin();
        assertEquals("one", string(check.get(key(t1, "x"))));
        assertEquals("two", string(check.get(key(t2, "y"))));

        // a cross-range commit that fails at its second range leaves nothing anywhere
        Transaction loser = txns.begin();
        loser.put(key(t1, "x"), bytes("loser-1"));
        loser.put(key(t2, "y"), bytes("loser-2"));
        write(key(t2, "y"), "winner");
        assertThrows(TransactionConflictException.class, loser::commit);
        Transaction after = txns.begin();
        assertEquals("one", string(after.get(key(t1, "x"))));
        assertEquals("winner", string(after.get(key(t2, "y"))));
        // its locks and intents are gone: the key can be written again at once
        write(key(t1, "x"), "again");
        assertEquals("again", string(txns.begin().get(key(t1, "x"))));
    }

    @Test
    void aReaderAfterATwoPhaseCommitSeesAllOfIt() {
        int t1 = table();
        int t2 = table();
        for (int i = 0; i < 20; i++) {
            Transaction t = txns.begin();
            t.put(key(t1, "k"), bytes("v" + i));
            t.put(key(t2, "k"), bytes("v" + i));
            t.commit();
            Transaction r = txns.begin();
            assertEquals("v" + i, string(r.get(key(t1, "k"))));
            assertEquals("v" + i, string(r.get(key(t2, "k"))));
        }
    }

    @Test
    void readOnlyTransactionsReadASnapshotAndNeverConflict() {
        int tb = table();
        write(key(tb, "k"), "v1");
        Transaction ro = txns.beginReadOnly();
        assertTrue(ro.isReadOnly());
        assertEquals("v1", string(ro.get(key(tb, "k"))));
        write(key(tb, "k"), "v2");
        assertEquals("v1", string(ro.get(key(tb, "k"))));
        assertThrows(StorageException.class, () -> ro.put(key(tb, "k"), bytes("x")));
        ro.commit();
    }

    @Test
    void rollbackDiscardsWritesAndCloseRollsBack() {
        int tb = table();
        Transaction t = txns.begin();
        t.put(key(tb, "k"), bytes("v"));
        t.rollback();
        t.rollback(); // never throws for an ended transaction
        try (Transaction c = txns.begin()) {
            c.put(key(tb, "k2"), bytes("v"));
        }
        Transaction check = txns.begin();
        assertNull(check.get(key(tb, "k")));
        assertNull(check.get(key(tb, "k2")));
    }

    @Test
    void transactionsWritingSystemKeysWork() {
        byte[] k = KeySpace.systemKey("catalog", bytes("t1"));
        write(k, "schema");
        assertEquals("schema", string(txns.begin().get(k)));
    }

    @Test
    void badArgumentsAreExceptions() {
        Transaction t = txns.begin();
        assertThrows(IllegalArgumentException.class, () -> t.get(null));
        assertThrows(IllegalArgumentException.class, () -> t.put(key(1, "a"), null));
    }
}
