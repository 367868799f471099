package io.cairndb.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to run one CairnDB node.
 *
 * @param dataDir           the node's data directory
 * @param host              address clients and other nodes reach this node at (the listeners bind to it)
 * @param port              SQL/JDBC port (default {@value #DEFAULT_PORT}); 0 picks a free port
 * @param raftPort          Raft RPC port (default {@value #DEFAULT_RAFT_PORT})
 * @param httpPort          health/metrics HTTP port (default {@value #DEFAULT_HTTP_PORT}); 0 turns it off
 * @param join              other nodes' host:raftPort to join; empty to bootstrap a new cluster
 * @param replicationFactor replicas per range (1 for a single node)
 * @param rangeMaxBytes     a range growing past this many bytes splits automatically
 */
public record NodeConfig(Path dataDir, String host, int port, int raftPort, int httpPort, List<String> join,
                         int replicationFactor, long rangeMaxBytes) {
    public static final int DEFAULT_PORT = 26257;
    public static final int DEFAULT_RAFT_PORT = 26258;
    public static final int DEFAULT_HTTP_PORT = 8080;

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        join = join == null ? List.of() : List.copyOf(join);
        checkPort("port", port);
        checkPort("raftPort", raftPort);
        checkPort("httpPort", httpPort);
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, not " + replicationFactor);
        }
        if (rangeMaxBytes < 1024) {
            throw new IllegalArgumentException("rangeMaxBytes must be at least 1024, not " + rangeMaxBytes);
        }
    }

    /** A node with the default range size limit (64 MiB). */
    public NodeConfig(Path dataDir, String host, int port, int raftPort, int httpPort, List<String> join,
                      int replicationFactor) {
        this(dataDir, host, port, raftPort, httpPort, join, replicationFactor,
                io.cairndb.storage.StorageConfig.DEFAULT_RANGE_MAX_BYTES);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, not " + port);
        }
    }

    /** A single-node configuration with the default ports, on {@code host}. */
    public static NodeConfig singleNode(Path dataDir, String host) {
        return new NodeConfig(dataDir, host, DEFAULT_PORT, DEFAULT_RAFT_PORT, DEFAULT_HTTP_PORT, List.of(), 1);
    }
}
