package io.cairndb.storage;

import io.cairndb.storage.keys.KeySpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Starting real nodes (real RocksDB, real jraft on a loopback port) in tests. */
public final class TestNodes {
    private TestNodes() {
    }

    /** Ports handed out below the kernel's ephemeral range (32768–60999 on Linux), each at most once per run. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(20_000 + (int) (ProcessHandle.current().pid() % 500) * 20);

    /**
     * A loopback port free now. Not one the kernel picks for itself ({@code new ServerSocket(0)}): that port may be
     * handed to an outgoing connection — of the many a cluster test opens — before the node binds it ("Address
     * already in use"). Ports below the ephemeral range are never chosen for outgoing connections.
     */
    public static int freePort() {
        for (int tries = 0; tries < 2_000; tries++) {
            int port = NEXT_PORT.getAndIncrement();
            if (port >= 32_000) {
                NEXT_PORT.set(20_000);
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return port;
            } catch (IOException e) {
                // taken: the next one
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port between 20000 and 32000"));
    }

    public static StorageConfig config(Path dir, int port) {
        return new StorageConfig(dir, "127.0.0.1", port, List.of(), "127.0.0.1:0", 1);
    }

    public static StorageNode open(Path dir) {
        return StorageNode.open(config(dir, freePort()));
    }

    /** Row key {@code name} of table {@code tableId}'s primary index. */
    public static byte[] key(int tableId, String name) {
        return KeySpace.indexKey(tableId, 1).writeString(name).toBytes();
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public static byte[] longValue(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    public static long asLong(byte[] b) {
        return java.nio.ByteBuffer.wrap(b).getLong();
    }
}
