package io.cairndb.storage.cluster;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.TestCluster;
import io.cairndb.storage.txn.Transaction;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jraft work CairnDB moves off per-group threads: followers handle every group's AppendEntries on a few
 * shared threads (jraft: one thread per group and leader), and one scanner per node re-checks waiting reads
 * (jraft: one per group). Replication and reads must work exactly as before; the per-group threads must be gone.
 * Three real nodes in one JVM.
 */
class SharedRaftThreadsTest {
    private static final int TABLES = 6;
    /** Per node: {@code SharedAppendEntriesProcessor.THREADS}. */
    private static final int APPEND_THREADS_PER_NODE = 8;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(3);

    @Test
    void replicationAndReadsRunOnSharedThreadsNotPerGroupOnes() throws Exception {
        List<StorageNode> nodes = cluster.startAll(3);
        for (int table = 1; table <= TABLES; table++) {
            nodes.get(0).ensureTableRange(table);
        }
        // a commit needs a follower's append on every range; many pipelined appends per range
        for (int round = 0; round < 20; round++) {
            writeRound(nodes.get(round % 3), round);
        }
        for (StorageNode n : nodes) {
            try (Transaction r = n.transactions().beginReadOnly()) {
                for (int table = 1; table <= TABLES; table++) {
                    assertEquals("v19", string(r.get(key(table, "k19"))));
                }
            }
        }

        List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .collect(Collectors.toList());
        assertEquals(List.of(), names.stream().filter(n -> n.contains("AppendEntriesThread")).toList(), "jraft's per-pair AppendEntries threads");
        assertEquals(List.of(), names.stream().filter(n -> n.startsWith("ReadOnlyService-PendingNotify-Scanner"))
                .toList(), "jraft's per-group read-index scanners");
        long shared = names.stream().filter(n -> n.startsWith("raft-append-entries-")).count();
        assertTrue(shared >= 1 && shared <= 3L * APPEND_THREADS_PER_NODE,
                shared + " shared AppendEntries threads on three nodes");
        assertTrue(names.stream().filter(n -> n.equals("raft-read-index-scanner")).count() <= 3,
                "one read-index scanner per node");
    }

    /** One key per range in one transaction, retried as a client would (a new leader's conflicts are 40001). */
    private static void writeRound(StorageNode via, int round) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction t = via.transactions().begin()) {
                for (int table = 1; table <= TABLES; table++) {
                    t.put(key(table, "k" + round), bytes("v" + round));
                }
                t.commit();
                return;
            } catch (StorageException e) {
                if (!e.isRetryable() || attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
