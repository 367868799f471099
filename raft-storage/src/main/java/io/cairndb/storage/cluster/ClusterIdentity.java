package io.cairndb.storage.cluster;

import io.cairndb.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Who this node is, kept as small files in its data directory: {@code cluster-id} (the cluster it belongs to),
 * {@code node-id} (written last: its presence marks a finished bootstrap or join) and {@code join-token} (a
 * random token sent with JOIN, so a join retried after a lost reply gets the same node id).
 */
public final class ClusterIdentity {
    private final Path dir;

    public ClusterIdentity(Path dataDir) {
        this.dir = dataDir;
    }

    /** Whether the node finished bootstrap or join earlier (a restart). */
    public boolean exists() {
        return Files.exists(dir.resolve("node-id"));
    }

    public int nodeId() {
        try {
            return Integer.parseInt(read("node-id"));
        } catch (NumberFormatException e) {
            throw new StorageException("corrupt " + dir.resolve("node-id") + ": " + e.getMessage());
        }
    }

    /**
     * The cluster id. A data directory from before clusters had ids (single node) gets one now: it is its own
     * cluster.
     */
    public String clusterId() {
        if (!Files.exists(dir.resolve("cluster-id"))) {
            write("cluster-id", UUID.randomUUID().toString());
        }
        return read("cluster-id");
    }

    /** The join token, created on first use. */
    public String joinToken() {
        if (!Files.exists(dir.resolve("join-token"))) {
            write("join-token", UUID.randomUUID().toString());
        }
        return read("join-token");
    }

    /** Records a finished bootstrap or join: cluster id first, node id last. */
    public void save(String clusterId, int nodeId) {
        write("cluster-id", clusterId);
        write("node-id", Integer.toString(nodeId));
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new StorageException("cannot read " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private void write(String name, String value) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, value, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }
}
