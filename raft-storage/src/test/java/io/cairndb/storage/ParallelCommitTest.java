package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.TxnStatus;
import io.cairndb.storage.range.Write;
import io.cairndb.storage.txn.IntentRecovery;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel commits: a transaction over several ranges is committed once every range holds its writes prepared at
 * the STAGING record's timestamp. The coordinator's way is run through {@link Transaction}; a coordinator that
 * stops half-way is played by preparing at the ranges directly, and recovery must then decide exactly as the
 * ranges' intents say — and make its answer final.
 */
class ParallelCommitTest {
    @TempDir
    static Path dir;
    static StorageNode node;
    static int nextTable = 400;

    @BeforeAll
    static void start() {
        node = TestNodes.open(dir);
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

    private static RangeReplica rangeOf(byte[] key) {
        return node.router().replicaFor(key);
    }

    /**
     * A transaction over two fresh tables' ranges whose coordinator is played by the test: its id, snapshot,
     * staged timestamp, and the STAGING record naming {@code aKeys} in the first range and {@code bKeys} in the
     * second.
     */
    private record Staging(int a, int b, RangeReplica ra, RangeReplica rb, long txn, long readTs, long ts,
                           TxnRecord record) {
        static Staging of(List<String> aKeys, List<String> bKeys) {
            int a = table();
            int b = table();
            RangeReplica ra = rangeOf(key(a, aKeys.get(0)));
            RangeReplica rb = rangeOf(key(b, bKeys.get(0)));
            long txn = node.nextUniqueId();
            long readTs = node.clock().now();
            long[] ids = {ra.descriptor().rangeId(), rb.descriptor().rangeId()};
            TxnRecord record = new TxnRecord(txn, TxnStatus.STAGING, readTs + 1, ids,
                    List.of(staged(a, aKeys), staged(b, bKeys)));
            return new Staging(a, b, ra, rb, txn, readTs, readTs + 1, record);
        }

        /** Prepares {@code writes} (key = value) at the first range, with the STAGING record. */
        long prepareA(String... writes) {
            return ra.prepare(txn, readTs, ts, ra.descriptor().rangeId(), new ReadSet(), writes(a, writes), record);
        }

        long prepareB(String... writes) {
            return rb.prepare(txn, readTs, ts, ra.descriptor().rangeId(), new ReadSet(), writes(b, writes), null);
        }

        private static List<Write> writes(int table, String... writes) {
            return java.util.Arrays.stream(writes).map(w -> w.split("="))
                    .map(kv -> new Write(key(table, kv[0]), bytes(kv[1]))).toList();
        }
    }

    private static TxnRecord.Staged staged(int table, List<String> keys) {
        return staged(keys.stream().map(k -> key(table, k)).toArray(byte[][]::new));
    }

    private static TxnRecord.Staged staged(byte[]... keys) {
        byte[] last = keys[keys.length - 1];
        return new TxnRecord.Staged(keys[0], KeySpace.successor(last), keys.length);
    }

    private static int recover() {
        return IntentRecovery.recover(node.router(), node.router().all(), Long.MAX_VALUE, node.clock()::now);
    }

    private static void awaitRecordGone(RangeReplica range, long txnId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (range.getRecord(txnId) != null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertNull(range.getRecord(txnId), "the record goes once every intent is resolved");
    }

    @Test
    void aCommitOverTwoRangesIsSeenWholeAndLeavesNoIntentNorRecord() throws Exception {
        int a = table();
        int b = table();
        Transaction t = node.transactions().begin();
        t.put(key(a, "k"), bytes("va"));
        t.put(key(b, "k"), bytes("vb"));
        t.commit();
        Transaction r = node.transactions().begin();
        assertEquals("va", string(r.get(key(a, "k"))));
        assertEquals("vb", string(r.get(key(b, "k"))));
        r.commit();
        awaitRecordGone(rangeOf(key(a, "k")), t.id());
        assertTrue(rangeOf(key(a, "k")).intents().isEmpty());
        assertTrue(rangeOf(key(b, "k")).intents().isEmpty());
    }

    @Test
    void recoveryCommitsAStagedTransactionWhoseWritesAreAllPrepared() {
        Staging t = Staging.of(List.of("k", "l"), List.of("k"));
        t.prepareA("k=1", "l=2");
        t.prepareB("k=3");
        // the coordinator stops here: it could have told its client "committed" already

        assertEquals(1, recover());
        assertEquals(TxnStatus.COMMITTED, statusOrGone(t.ra(), t.txn()));
        Transaction r = node.transactions().begin();
        assertEquals("1", string(r.get(key(t.a(), "k"))));
        assertEquals("2", string(r.get(key(t.a(), "l"))));
        assertEquals("3", string(r.get(key(t.b(), "k"))));
        r.commit();
    }

    @Test
    void recoveryAbortsAStagedTransactionWithAWriteMissingAndItsLatePrepareIsRefused() {
        Staging t = Staging.of(List.of("k"), List.of("k"));
        t.prepareA("k=1");
        // range b's prepare has not arrived when recovery looks

        assertEquals(1, recover());
        assertTrue(t.ra().intents().isEmpty(), "its intent removed");
        assertNull(node.transactions().begin().get(key(t.a(), "k")), "aborted");
        assertThrows(TransactionConflictException.class, () -> t.prepareB("k=3"),
                "the prepare arriving late is refused");
        assertThrows(TransactionConflictException.class, () -> t.prepareA("k=1"),
                "so is one at the record's range: no STAGING record can appear again");
        assertTrue(t.rb().intents().isEmpty());

        Transaction w = node.transactions().begin(); // neither key is locked by it
        w.put(key(t.a(), "k"), bytes("after"));
        w.put(key(t.b(), "k"), bytes("after"));
        w.commit();
        Transaction r = node.transactions().begin();
        assertEquals("after", string(r.get(key(t.b(), "k"))));
        r.commit();
    }

    @Test
    void aWritePreparedAboveTheStagedTimestampLeavesTheTransactionUncommitted() {
        Staging t = Staging.of(List.of("k"), List.of("k"));
        // a later reader of b's key pushes the write there above the staged timestamp
        Transaction reader = node.transactions().begin();
        assertNull(reader.get(key(t.b(), "k")));
        reader.commit();
        t.prepareA("k=1");
        long pushed = t.prepareB("k=3");
        assertTrue(pushed > t.ts(), "pushed above the staged timestamp");

        // only its coordinator could have committed it, at the pushed timestamp after refreshing its reads; recovery
        // got there first, and the record it leaves ABORTED stays, so the coordinator's commit finds it
        assertEquals(1, recover());
        assertEquals(TxnStatus.ABORTED, t.ra().decideStaged(t.record().as(TxnStatus.COMMITTED, pushed)).status());
        assertEquals(TxnStatus.ABORTED, t.ra().getRecord(t.txn()).status());
        Transaction r = node.transactions().begin();
        assertNull(r.get(key(t.a(), "k")));
        assertNull(r.get(key(t.b(), "k")));
        r.commit();
    }

    @Test
    void aTransactionPushedByALaterReadCommitsAboveIt() throws Exception {
        int a = table();
        int b = table();
        Transaction writer = node.transactions().begin();
        Transaction reader = node.transactions().begin(); // reads b's key after the writer's snapshot
        assertNull(reader.get(key(b, "k")));
        writer.put(key(a, "k"), bytes("1"));
        writer.put(key(b, "k"), bytes("2"));
        writer.commit(); // range b pushes it above the read: it refreshes and commits there
        assertNull(reader.get(key(b, "k")), "the reader's snapshot stays below the commit");
        reader.commit();
        Transaction r = node.transactions().begin();
        assertEquals("1", string(r.get(key(a, "k"))));
        assertEquals("2", string(r.get(key(b, "k"))));
        r.commit();
        awaitRecordGone(rangeOf(key(a, "k")), writer.id());
    }

    @Test
    void recoveryCountsAStagedRangesWritesAcrossTheRangesItSplitInto() {
        Staging t = Staging.of(List.of("k1", "k2", "k3"), List.of("k"));
        t.prepareA("k1=1", "k2=2", "k3=3");
        t.prepareB("k=4");
        long parent = t.ra().descriptor().rangeId();
        node.split(key(t.a(), "k2")); // two of its three writes now in another range
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.router().all().stream().noneMatch(r -> r.descriptor().rangeId() != parent
                && r.descriptor().contains(key(t.a(), "k2")) && !r.intentsByTransaction().isEmpty())) {
            // the child started here and leads: recovery settles what it finds in the ranges this node leads
            assertTrue(System.nanoTime() < deadline, "the split's child never started");
            Thread.onSpinWait();
        }

        assertEquals(1, recover());
        Transaction r = node.transactions().begin();
        assertEquals("1", string(r.get(key(t.a(), "k1"))));
        assertEquals("3", string(r.get(key(t.a(), "k3"))));
        assertEquals("4", string(r.get(key(t.b(), "k"))));
        r.commit();
    }

    /** The record's state; COMMITTED when recovery resolved everything and already removed it. */
    private static TxnStatus statusOrGone(RangeReplica range, long txnId) {
        TxnRecord record = range.getRecord(txnId);
        return record == null ? TxnStatus.COMMITTED : record.status();
    }
}
