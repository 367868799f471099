package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairndb.storage.txn.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    @TempDir
    Path dir;

    private static void put(StorageNode node, byte[] key, String value) {
        Transaction t = node.transactions().begin();
        t.put(key, bytes(value));
        t.commit();
    }

    @Test
    void aRestartWithTheSameStoreSkipsTheSnapshotAndKeepsEverything() {
        int port = TestNodes.freePort();
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            node.ensureTableRange(1);
            put(node, key(1, "before"), "1");
            node.snapshotAll();
            put(node, key(1, "after"), "2");
        }
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            Transaction t = node.transactions().begin();
            assertEquals("1", string(t.get(key(1, "before"))));
            assertEquals("2", string(t.get(key(1, "after"))));
        }
    }

    @Test
    void aLostStoreIsRebuiltFromSnapshotsPlusTheLogAfterThem() throws IOException {
        int port = TestNodes.freePort();
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            node.ensureTableRange(1);
            node.ensureTableRange(2);
            put(node, key(1, "a"), "a1");
            put(node, key(1, "gone"), "x");
            Transaction cross = node.transactions().begin();
            cross.put(key(1, "c"), bytes("c1"));
            cross.put(key(2, "c"), bytes("c2"));
            cross.delete(key(1, "gone"));
            cross.commit();
            node.snapshotAll();
            put(node, key(2, "late"), "after the snapshot");
        }
        deleteTree(dir.resolve("db")); // the store is lost; the Raft directories remain
        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            Transaction t = node.transactions().begin();
            assertEquals("a1", string(t.get(key(1, "a"))));
            assertEquals("c1", string(t.get(key(1, "c"))));
            assertEquals("c2", string(t.get(key(2, "c"))));
            assertNull(t.get(key(1, "gone")));
            assertEquals("after the snapshot", string(t.get(key(2, "late"))));
            assertEquals(3, node.rangeStatuses().size());
            put(node, key(1, "a"), "a2");
            assertEquals("a2", string(node.transactions().begin().get(key(1, "a"))));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> paths = Files.walk(p)) {
            for (Path x : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
