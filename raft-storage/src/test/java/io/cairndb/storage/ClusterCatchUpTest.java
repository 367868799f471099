package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replica that was down while its range moved on catches up when it comes back: by the log when the log still
 * holds what it missed, by a snapshot when the other replicas truncated their logs. Checked in the node's own
 * store, not through a leader.
 */
class ClusterCatchUpTest {
    private static final int TABLE = 40;
    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    private static void write(StorageNode gateway, int from, int to) {
        Transaction w = gateway.transactions().begin();
        for (int i = from; i < to; i++) {
            w.put(key(TABLE, "k" + i), bytes("v" + i));
        }
        w.commit();
    }

    private static int localRows(StorageNode n, int from, int to) {
        int found = 0;
        for (int i = from; i < to; i++) {
            if (TestCluster.localValue(n, key(TABLE, "k" + i)) != null) {
                found++;
            }
        }
        return found;
    }

    /** The snapshots jraft keeps in a replica's snapshot directory (it keeps the newest: snapshot_INDEX). */
    private static java.util.Set<String> snapshots(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return java.util.Set.of();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("snapshot_"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }


    @Test
    void aRestartedReplicaCatchesUpByLogAndBySnapshot() throws Exception {
        StorageNode n1 = cluster.startAll(3).get(0);
        n1.ensureTableRange(TABLE);
        write(n1, 0, 10);
        StorageNode n3 = cluster.nodes().get(2);
        TestCluster.await(() -> localRows(n3, 0, 10) == 10, 60_000, "the third replica applies the first rows");

        // by log: down while 20 rows are written, back, the leader sends the entries it missed
        cluster.stop(n3);
        write(n1, 10, 30);
        StorageNode back = cluster.start(2);
        TestCluster.await(() -> localRows(back, 0, 30) == 30, 60_000, "catch-up by log");

        // by snapshot: down while rows are written and the others snapshot (and so truncate their logs)
        cluster.stop(back);
        // jraft truncates a log up to the previous snapshot when it takes one: two snapshots, rows in between
        write(n1, 30, 45);
        for (StorageNode n : cluster.nodes()) {
            n.snapshotAll();
        }
        write(n1, 45, 60);
        for (StorageNode n : cluster.nodes()) {
            n.snapshotAll();
        }
        long rangeId = n1.rangeStatuses().stream().filter(r -> r.tableId() == TABLE).findFirst().orElseThrow()
                .rangeId();
        Path snapshots = cluster.dir().resolve("n2").resolve("raft").resolve("range-" + rangeId).resolve("snapshot");
        java.util.Set<String> before = snapshots(snapshots); // the one it was added with, if any
        StorageNode again = cluster.start(2);
        TestCluster.await(() -> localRows(again, 0, 60) == 60, 60_000, "catch-up by snapshot");
        java.util.Set<String> after = snapshots(snapshots);
        assertTrue(!after.isEmpty() && !before.containsAll(after), "the replica was sent a new snapshot: before "
                + before + ", after " + after);
    }
}
