package io.cairndb.storage;

import io.cairndb.storage.cluster.ClusterMember;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.range.RaftServer;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.time.HybridClock;
import io.cairndb.storage.time.LocalHighWater;
import io.cairndb.storage.txn.DistributedTransactionCoordinator;
import io.cairndb.storage.txn.TransactionCoordinator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's storage: its RocksDB store, its jraft RPC server, its membership of the cluster (the range replicas
 * it holds, routing to every range wherever it is led, the meta range's services when it leads meta), the
 * timestamp source and the transaction coordinator.
 *
 * <p>Data directory layout: {@code db/} the RocksDB store, {@code raft-log/} the Raft logs of all groups (one
 * RocksDB), {@code raft/range-<id>/} each group's metadata and snapshots, {@code cluster-id} and {@code node-id}
 * the node's identity (written once bootstrap or join completed), {@code join-token} the token of its join.
 */
public final class StorageNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);
    /** Versions stay readable this long after being overwritten; older snapshots fail with "snapshot too old". */
    public static final long GC_TTL_MILLIS = 10 * 60_000;
    private static final long GC_INTERVAL_SECONDS = 60;

    private final MvccStore store;
    private final RaftServer raft;
    private final HybridClock clock;
    private ClusterMember cluster;
    private TransactionCoordinator transactions;
    private volatile boolean closed;
    private final ScheduledExecutorService gcTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairndb-mvcc-gc");
        t.setDaemon(true);
        return t;
    });

    private StorageNode(MvccStore store, RaftServer raft, HybridClock clock) {
        this.store = store;
        this.raft = raft;
        this.clock = clock;
    }

    /**
     * Opens the node: opens RocksDB under {@code config.dataDir()}, starts the Raft RPC server on
     * {@code config.raftPort()}, then bootstraps a new cluster (empty directory, no join addresses), joins the
     * cluster at {@code config.join()} (empty directory), or restarts the replicas the node held.
     */
    public static StorageNode open(StorageConfig config) {
        if (config == null || config.dataDir() == null || config.host() == null) {
            throw new IllegalArgumentException("storage config needs a data directory and a host");
        }
        if (config.raftPort() <= 0 || config.raftPort() > 65535) {
            throw new IllegalArgumentException("Raft port out of range: " + config.raftPort());
        }
        MvccStore store = MvccStore.open(config.dataDir().resolve("db"));
        RaftServer raft;
        try {
            raft = new RaftServer(config.host(), config.raftPort(), config.dataDir().resolve("raft-log"));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        StorageNode node = new StorageNode(store, raft, new HybridClock(new LocalHighWater(store)));
        try {
            node.start(config);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void start(StorageConfig config) {
        cluster = ClusterMember.start(config, store, raft, clock);
        transactions = new DistributedTransactionCoordinator(cluster.router(), clock, cluster::nextUniqueId);
        gcTimer.scheduleWithFixedDelay(this::collectExpiredVersions, GC_INTERVAL_SECONDS, GC_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        LOG.info("node {} of cluster {} started, Raft at {}", cluster.nodeId(), cluster.clusterId(), raft.address());
    }

    /** This node's id, assigned at bootstrap/join and kept in its data directory. */
    public int nodeId() {
        return cluster.nodeId();
    }

    /** The id of the cluster this node belongs to. */
    public String clusterId() {
        return cluster.clusterId();
    }

    public TransactionCoordinator transactions() {
        checkOpen();
        return transactions;
    }

    /**
     * Makes sure table {@code tableId} has its own range covering {@code [KeySpace.tableStart(tableId),
     * KeySpace.tableEnd(tableId))}, replicated on up to the replication factor's number of nodes; idempotent.
     * Returns the range id.
     */
    public long ensureTableRange(int tableId) {
        checkOpen();
        return cluster.ensureTableRange(tableId);
    }

    /** Deletes every key of table {@code tableId} (all versions) and removes its range(s). */
    public void dropTableRange(int tableId) {
        checkOpen();
        cluster.dropTableRange(tableId);
    }

    /**
     * Splits the range holding {@code splitKey} at that key (a no-op when a range starts there already): the new
     * range gets its own Raft group on the same nodes; no data is copied.
     */
    public void split(byte[] splitKey) {
        checkOpen();
        cluster.split(splitKey);
    }

    /** A cluster-unique, roughly increasing 64-bit id (hidden row ids, object ids). */
    public long nextUniqueId() {
        checkOpen();
        return cluster.nextUniqueId();
    }

    /** The live picture of every range (sys.ranges). */
    public List<RangeStatus> rangeStatuses() {
        checkOpen();
        return cluster.rangeStatuses();
    }

    /** Whether this node leads range {@code rangeId} and serves it now. */
    public boolean leads(long rangeId) {
        checkOpen();
        return cluster.leads(rangeId);
    }

    /** The ranges this node runs a replica of (sorted). */
    public List<Long> localRangeIds() {
        checkOpen();
        return cluster.localRangeIds();
    }

    /**
     * Whether this node's replica of range {@code rangeId} is quiet (its range idle, heartbeats rare), or null when
     * this node holds no replica of it.
     */
    public Boolean replicaQuiet(long rangeId) {
        checkOpen();
        return cluster.replicaQuiet(rangeId);
    }

    /**
     * The descriptor of range {@code rangeId} as this node's replica applied it (span, voters, generation), or
     * null when it holds none. Every replica reaches the same one at the same log position.
     */
    public io.cairndb.storage.range.RangeDescriptor replicaDescriptor(long rangeId) {
        checkOpen();
        return cluster.replicaDescriptor(rangeId);
    }

    /**
     * Point reads and scan pages this node's replica of range {@code rangeId} has served as its leader since the
     * node started (0 when it holds no replica): summed over the nodes, how often a range was read.
     */
    public long readsServed(long rangeId) {
        checkOpen();
        return cluster.readsServed(rangeId);
    }

    /**
     * Read-index rounds (a heartbeat to a majority, or a wait for the apply) this node's replica of range
     * {@code rangeId} ran for its reads; the other reads were served on its read lease (0 when it holds none).
     */
    public long readRounds(long rangeId) {
        checkOpen();
        return cluster.readRounds(rangeId);
    }

    /** The live picture of every node (sys.nodes). */
    public List<NodeStatus> nodeStatuses() {
        checkOpen();
        return cluster.nodeStatuses();
    }

    /**
     * Decommissions node {@code nodeId}: every replica it holds moves to other nodes. Refused when fewer
     * nodes than the replication factor would remain, unless {@code force}.
     */
    public void decommission(int nodeId, boolean force) {
        checkOpen();
        cluster.decommission(nodeId, force);
    }

    private void collectExpiredVersions() {
        try {
            long horizon = clock.current() - (GC_TTL_MILLIS << HybridClock.LOGICAL_BITS);
            if (horizon > 0 && !closed) {
                cluster.collectGarbage(horizon, false);
            }
        } catch (RuntimeException e) {
            LOG.warn("MVCC garbage collection failed: {}", e.getMessage());
        }
    }

    /**
     * Removes, in every range this node leads, the versions no read at or above {@code horizonTs} can see, and
     * waits for it. Transactions reading below the horizon fail afterwards with a retryable "snapshot too old"
     * conflict. Runs by itself every minute with a horizon {@link #GC_TTL_MILLIS} behind the clock.
     */
    public void collectGarbage(long horizonTs) {
        checkOpen();
        cluster.collectGarbage(horizonTs, true);
    }

    /** Snapshots every local range replica now (jraft also does so every {@link RaftServer#SNAPSHOT_INTERVAL_SECS}). */
    public void snapshotAll() {
        checkOpen();
        cluster.snapshotAll();
    }

    /** The node's store (tests and diagnostics). */
    MvccStore store() {
        return store;
    }

    /** Routing to every range (recovery tests and diagnostics). */
    RangeRouter router() {
        checkOpen();
        return cluster.router();
    }

    /** The timestamp source (tests and diagnostics). */
    public HybridClock clock() {
        checkOpen();
        return clock;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("storage node is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gcTimer.shutdownNow();
        if (cluster != null) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                LOG.warn("leaving the cluster failed", e);
            }
        }
        try {
            raft.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the Raft server failed", e); // still close the store below
        }
        store.close();
        LOG.info("node {} closed", cluster == null ? "?" : cluster.nodeId());
    }
}
