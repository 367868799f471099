package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;

import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;

/**
 * Run as a separate process by {@link CrashDurabilityTest}: commits transactions forever and prints
 * {@code ACK <i>} after each commit returned, until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        StorageNode node = StorageNode.open(TestNodes.config(dir, port));
        node.ensureTableRange(1);
        node.ensureTableRange(2);
        System.out.println("READY");
        for (int i = 0; ; i++) {
            Transaction t = node.transactions().begin();
            t.put(key(1, "k" + i), bytes("v" + i));
            if (i % 3 == 0) {
                t.put(key(2, "k" + i), bytes("v" + i)); // every third commit is a two-phase commit
            }
            t.commit();
            System.out.println("ACK " + i);
            System.out.flush();
        }
    }
}
