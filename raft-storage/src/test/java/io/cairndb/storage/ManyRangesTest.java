package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.bytes;
import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.txn.Transaction;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node carrying 100 table ranges: one Raft log store for all, and a bounded number of threads. */
class ManyRangesTest {
    private static final int TABLES = 100;
    /**
     * Threads jraft 1.4.1 itself starts for every group, none of which can be shared in that version: four
     * disruptor consumers (NodeImpl, FSMCaller, LogManager, ReadOnlyService) and the group's bolt RpcClient's
     * task scanner and connection-healing threads. The ReadOnlyService's pending-notify scanner is stopped (one
     * scanner per node does its work), and the log storage must add none: the shared store's RocksDB threads are
     * per process, not per group.
     */
    private static final int JRAFT_THREADS_PER_GROUP = 6;
    /**
     * Threads that may appear once, whatever the number of groups, while ranges are created: jraft's four shared
     * timers (each a pool of up to one thread per CPU, filled as groups schedule on it), its closure executor,
     * the JDK's common pool and cleaners. (On the 2-core build machine the count is exactly 6 per range.)
     */
    private static final int ONE_OFF_THREADS = 24 + 4 * Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    @Test
    void hundredTableRangesShareOneLogStoreAndStayWithinTheThreadBudget() {
        StorageConfig config = TestNodes.config(dir, TestNodes.freePort());
        List<Long> rangeIds = new ArrayList<>();
        try (StorageNode node = StorageNode.open(config)) {
            int before = liveThreads();
            for (int table = 1; table <= TABLES; table++) {
                rangeIds.add(node.ensureTableRange(table));
            }
            int after = liveThreads();
            int bound = before + TABLES * JRAFT_THREADS_PER_GROUP + ONE_OFF_THREADS;
            assertTrue(after <= bound, "live threads " + after + " with " + TABLES + " ranges, bound " + bound
                    + " (" + before + " before)");

            try (Transaction t = node.transactions().begin()) {
                for (int table = 1; table <= TABLES; table++) {
                    t.put(key(table, "k"), bytes("v" + table));
                }
                t.commit();
            }
            for (int table = 1; table <= TABLES; table += 2) {
                node.dropTableRange(table); // also deletes the group's span of the shared log
            }
        }
        // one log database for every group; no group has a log RocksDB of its own
        assertTrue(Files.isDirectory(dir.resolve("raft-log")));
        for (long rangeId : rangeIds) {
            assertFalse(Files.exists(dir.resolve("raft").resolve("range-" + rangeId).resolve("log")),
                    "range " + rangeId + " has no log directory of its own");
        }

        // the kept ranges come back from the shared log after a restart; the dropped ones stay gone
        try (StorageNode node = StorageNode.open(config); Transaction t = node.transactions().beginReadOnly()) {
            assertEquals(TABLES / 2 + 1, node.rangeStatuses().size()); // the meta range too
            for (int table = 2; table <= TABLES; table += 2) {
                assertEquals("v" + table, string(t.get(key(table, "k"))));
            }
            node.ensureTableRange(1); // a dropped table's id can get a new, empty range
            assertNull(t.get(key(1, "k")));
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
