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

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
