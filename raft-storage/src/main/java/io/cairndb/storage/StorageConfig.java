package io.cairndb.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * How to open a node's storage.
 *
 * @param dataDir           the node's data directory (RocksDB store, Raft logs and metadata, node identity)
 * @param host              address other nodes reach this node's Raft server at
 * @param raftPort          port of the Raft RPC server (shared by every range group of the node)
 * @param join              other nodes' host:raftPort to join; empty to bootstrap a new cluster
 * @param sqlAddress        host:port of this node's SQL (JDBC) listener, recorded for sys.nodes
 * @param replicationFactor replicas per range (1 for a single node)
 * @param rangeMaxBytes     a range whose data grows past this splits in two (automatic split)
 */
public record StorageConfig(Path dataDir, String host, int raftPort, List<String> join, String sqlAddress,
                            int replicationFactor, long rangeMaxBytes) {
    /** Ranges split automatically past 64 MiB unless configured otherwise. */
    public static final long DEFAULT_RANGE_MAX_BYTES = 64L << 20;

    public StorageConfig(Path dataDir, String host, int raftPort, List<String> join, String sqlAddress,
                         int replicationFactor) {
        this(dataDir, host, raftPort, join, sqlAddress, replicationFactor, DEFAULT_RANGE_MAX_BYTES);
    }
}
