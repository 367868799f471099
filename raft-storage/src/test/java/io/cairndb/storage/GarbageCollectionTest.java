package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.mvcc.VersionKeys;
import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

class GarbageCollectionTest {
    @TempDir
    Path dir;

    private static void put(StorageNode node, byte[] k, String v) {
        Transaction t = node.transactions().begin();
        if (v == null) {
            t.delete(k);
        } else {
            t.put(k, bytes(v));
        }
        t.commit();
    }

    private static int versions(StorageNode node, byte[] userKey) {
        byte[] prefix = VersionKeys.prefix(userKey);
        int n = 0;
        try (RocksIterator it = node.store().db().newIterator(node.store().dataFamily())) {
            for (it.seek(prefix); it.isValid() && VersionKeys.hasPrefix(it.key(), prefix); it.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void versionsHiddenBelowTheHorizonAreRemovedAndOldSnapshotsFailClearly() {
        try (StorageNode node = TestNodes.open(dir)) {
            node.ensureTableRange(1);
            byte[] k = key(1, "k");
            byte[] gone = key(1, "gone");
            put(node, k, "v1");
            put(node, k, "v2");
            put(node, gone, "x");
            put(node, gone, null);
            Transaction old = node.transactions().beginReadOnly();
            long horizon = node.clock().now();
            put(node, k, "v3");
            assertEquals(3, versions(node, k));
            assertEquals(2, versions(node, gone));

            node.collectGarbage(horizon);

            assertEquals(2, versions(node, k), "v2 (visible at the horizon) and v3 stay, v1 goes");
            assertEquals(0, versions(node, gone), "a key deleted below the horizon leaves nothing");
            Transaction now = node.transactions().begin();
            assertEquals("v3", string(now.get(k)));
            assertNull(now.get(gone));
            TransactionConflictException e = assertThrows(TransactionConflictException.class, () -> old.get(k));
            assertEquals(true, e.getMessage().contains("snapshot too old"), e.getMessage());
            assertEquals(true, Arrays.equals(bytes("v3"), node.transactions().beginReadOnly().get(k)));
        }
    }
}
