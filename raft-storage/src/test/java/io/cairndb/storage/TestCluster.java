package io.cairndb.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real nodes of one cluster in this JVM (real RocksDB, real jraft groups over loopback sockets), for tests:
 * node {@code i} lives in {@code dir/n<i>} on a fixed Raft port, node 0 bootstraps and the others join it, every
 * range with replication factor 3. A test registers one per test method
 * ({@code @RegisterExtension final TestCluster cluster = new TestCluster(3);}): it gets its own temporary
 * directory, and after the test every node is closed and the directory deleted.
 */
public final class TestCluster implements AutoCloseable, AfterEachCallback {
    private final Path dir;
    private final int[] ports;
    private final List<StorageNode> open = new ArrayList<>();

    /** Room for {@code size} nodes. */
    public TestCluster(int size) {
        try {
            this.dir = Files.createTempDirectory("cairndb-cluster-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ports = new int[size];
        for (int i = 0; i < size; i++) {
            ports[i] = TestNodes.freePort();
        }
    }

    /** The directory node {@code i} lives in is {@code dir().resolve("n" + i)}. */
    public Path dir() {
        return dir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        Footprints.deleteTree(dir);
    }

    public StorageConfig config(int i, long rangeMaxBytes) {
        List<String> join = i == 0 ? List.of() : List.of("127.0.0.1:" + ports[0]);
        return new StorageConfig(dir.resolve("n" + i), "127.0.0.1", ports[i], join, "127.0.0.1:" + (5000 + i), 3,
                rangeMaxBytes);
    }

    /** Starts (or restarts, on its directory) node {@code i}. */
    public StorageNode start(int i) {
        return start(i, StorageConfig.DEFAULT_RANGE_MAX_BYTES);
    }

    public StorageNode start(int i, long rangeMaxBytes) {
        StorageNode n = StorageNode.open(config(i, rangeMaxBytes));
        open.add(n);
        return n;
    }

    /** Starts nodes 0..count-1 and waits until the meta range has a replica on three of them. */
    public List<StorageNode> startAll(int count) throws InterruptedException {
        return startAll(count, StorageConfig.DEFAULT_RANGE_MAX_BYTES);
    }

    public List<StorageNode> startAll(int count, long rangeMaxBytes) throws InterruptedException {
        List<StorageNode> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(start(i, rangeMaxBytes));
        }
        StorageNode first = started.get(0);
        await(() -> first.rangeStatuses().stream().anyMatch(r -> r.rangeId() == 1 && r.replicas().size() == 3),
                60_000, "the meta range on three nodes");
        return started;
    }

    /** The running nodes, in start order. */
    public List<StorageNode> nodes() {
        return List.copyOf(open);
    }

    /** Stops a node (clean close; its directory stays for a restart). */
    public void stop(StorageNode n) {
        open.remove(n);
        n.close();
    }

    public StorageNode byId(int nodeId) {
        return open.stream().filter(n -> n.nodeId() == nodeId).findFirst().orElseThrow();
    }

    /** The newest committed value of {@code key} in {@code node}'s own store (not through a leader). */
    public static byte[] localValue(StorageNode node, byte[] key) {
        return node.store().get(key, Long.MAX_VALUE);
    }

    public static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
