package io.cairndb.storage;

import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.meta.MetaRange;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.RaftServer;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.RangeSnapshots;
import io.cairndb.storage.range.RangeStateMachine;
import io.cairndb.storage.time.HybridClock;
import io.cairndb.storage.txn.DistributedTransactionCoordinator;
import io.cairndb.storage.txn.IntentRecovery;
import io.cairndb.storage.txn.TransactionCoordinator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's storage: its RocksDB store, the Raft groups of the range replicas it holds (the meta range
 * included), range routing, the timestamp source and the transaction coordinator.
 *
 * <p>Data directory layout: {@code db/} the RocksDB store, {@code raft-log/} the Raft logs of all groups (one
 * RocksDB), {@code raft/range-<id>/} each group's metadata and snapshots, {@code node-id} the node's identity
 * (written once bootstrap completed).
 */
public final class StorageNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);
    private static final long LEADER_TIMEOUT_MS = 30_000;
    private static final int FIRST_NODE_ID = 1;
    /** Versions stay readable this long after being overwritten; older snapshots fail with "snapshot too old". */
    public static final long GC_TTL_MILLIS = 10 * 60_000;
    private static final long GC_INTERVAL_SECONDS = 60;

    private final StorageConfig config;
    private final int nodeId;
    private final MvccStore store;
    private final RaftServer raft;
    private final RangeRouter router = new RangeRouter();
    private final Map<Long, RangeDescriptor> descriptors = new ConcurrentHashMap<>();
    private final Map<Long, RangeGroup> groups = new ConcurrentHashMap<>();
    private final RangeSnapshots snapshots;
    private MetaRange meta;
    private HybridClock clock;
    private TransactionCoordinator transactions;
    private volatile boolean closed;
    private final ScheduledExecutorService gcTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairndb-mvcc-gc");
        t.setDaemon(true);
        return t;
    });

    private StorageNode(StorageConfig config, int nodeId, MvccStore store, RaftServer raft) {
        this.config = config;
        this.nodeId = nodeId;
        this.store = store;
        this.raft = raft;
        this.snapshots = new RangeSnapshots(store, descriptors::get);
    }

    /**
     * Opens (or, for an empty data directory, bootstraps) the node: opens RocksDB under
     * {@code config.dataDir()}, starts the Raft RPC server on {@code config.raftPort()}, starts the group of every
     * range replica recorded in the store (the meta range first) and waits until each has a leader.
     */
    public static StorageNode open(StorageConfig config) {
        if (config == null || config.dataDir() == null || config.host() == null) {
            throw new IllegalArgumentException("storage config needs a data directory and a host");
        }
        if (config.join() != null && !config.join().isEmpty()) {
            throw new StorageException("joining an existing cluster (" + config.join() + ") is not supported yet; "
                    + "start without --join to run a single-node cluster");
        }
        if (config.raftPort() <= 0 || config.raftPort() > 65535) {
            throw new IllegalArgumentException("Raft port out of range: " + config.raftPort());
        }
        if (config.replicationFactor() > 1) {
            LOG.warn("replication factor {} requested, but a single-node cluster keeps one replica per range",
                    config.replicationFactor());
        }
        Path idFile = config.dataDir().resolve("node-id");
        boolean bootstrap = !Files.exists(idFile);
        int nodeId = bootstrap ? FIRST_NODE_ID : readNodeId(idFile);
        MvccStore store = MvccStore.open(config.dataDir().resolve("db"));
        RaftServer raft;
        try {
            raft = new RaftServer(config.host(), config.raftPort(), config.dataDir().resolve("raft-log"));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        StorageNode node = new StorageNode(config, nodeId, store, raft);
        try {
            node.start(bootstrap);
            if (bootstrap) {
                Files.writeString(idFile, Integer.toString(nodeId), StandardCharsets.UTF_8);
            }
            return node;
        } catch (IOException e) {
            node.close();
            throw new StorageException("cannot write " + idFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static int readNodeId(Path idFile) {
        try {
            return Integer.parseInt(Files.readString(idFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            throw new StorageException("cannot read the node id from " + idFile + ": " + e.getMessage(), e);
        }
    }

    private void start(boolean bootstrap) {
        RangeDescriptor metaDescriptor = new RangeDescriptor(RangeDescriptor.META_RANGE_ID, -1,
                KeySpace.systemStart(), KeySpace.systemEnd(), List.of(nodeId), 1);
        descriptors.put(metaDescriptor.rangeId(), metaDescriptor);
        RangeGroup metaGroup = startGroup(metaDescriptor);
        meta = new MetaRange(metaGroup, store);
        clock = new HybridClock(meta);
        meta.setClock(clock::now);
        router.add(new LocalRangeReplica(metaDescriptor, metaGroup, store, clock));
        if (bootstrap) {
            meta.putDescriptor(metaDescriptor);
            meta.putNode(new MetaRange.NodeRecord(nodeId, raft.address(), config.sqlAddress()));
            LOG.info("bootstrapped a new cluster; this is node {}", nodeId);
        }
        for (RangeDescriptor d : meta.descriptors()) {
            if (d.rangeId() != RangeDescriptor.META_RANGE_ID) {
                descriptors.put(d.rangeId(), d);
                router.add(new LocalRangeReplica(d, startGroup(d), store, clock));
            }
        }
        int recovered = IntentRecovery.recover(router);
        if (recovered > 0) {
            LOG.info("resolved the intents of {} unfinished transactions", recovered);
        }
        transactions = new DistributedTransactionCoordinator(router, clock, meta::nextUniqueId);
        gcTimer.scheduleWithFixedDelay(this::collectExpiredVersions, GC_INTERVAL_SECONDS, GC_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        LOG.info("node {} serving {} ranges, Raft at {}", nodeId, groups.size(), raft.address());
    }

    private RangeGroup startGroup(RangeDescriptor d) {
        RangeStateMachine fsm = new RangeStateMachine(d.rangeId(), store, snapshots);
        RangeGroup group = raft.startGroup(d, List.of(raft.self()), groupDir(d.rangeId()), fsm);
        groups.put(d.rangeId(), group);
        group.awaitReadyLeader(LEADER_TIMEOUT_MS);
        return group;
    }

    private Path groupDir(long rangeId) {
        return config.dataDir().resolve("raft").resolve("range-" + rangeId);
    }

    /** This node's id, assigned at bootstrap/join and kept in its data directory. */
    public int nodeId() {
        return nodeId;
    }

    public TransactionCoordinator transactions() {
        checkOpen();
        return transactions;
    }

    /**
     * Makes sure table {@code tableId} has its own range covering {@code [KeySpace.tableStart(tableId),
     * KeySpace.tableEnd(tableId))}, creating its Raft group if needed; idempotent. Returns the range id.
     */
    public synchronized long ensureTableRange(int tableId) {
        checkOpen();
        RangeReplica existing = router.byTable(tableId);
        if (existing != null) {
            return existing.descriptor().rangeId();
        }
        long rangeId = meta.nextRangeId();
        RangeDescriptor d = new RangeDescriptor(rangeId, tableId, KeySpace.tableStart(tableId),
                KeySpace.tableEnd(tableId), List.of(nodeId), 1);
        meta.putDescriptor(d); // recorded first: a restart brings the group back even if we stop right here
        descriptors.put(rangeId, d);
        router.add(new LocalRangeReplica(d, startGroup(d), store, clock));
        LOG.info("created range {} for table {}", rangeId, tableId);
        return rangeId;
    }

    /** Deletes every key of table {@code tableId} (all versions) and removes its range(s). */
    public synchronized void dropTableRange(int tableId) {
        checkOpen();
        RangeReplica replica = router.byTable(tableId);
        if (replica == null) {
            return;
        }
        long rangeId = replica.descriptor().rangeId();
        replica.clear();
        meta.deleteDescriptor(rangeId);
        router.remove(rangeId);
        RangeGroup group = groups.remove(rangeId);
        if (group != null) {
            raft.stopGroup(group);
        }
        try {
            raft.deleteGroupLog(replica.descriptor());
        } catch (RuntimeException e) {
            // the range is gone from the meta range already; leftover log keys are unreachable, not wrong
            LOG.warn("range {}: cannot delete its Raft log: {}", rangeId, e.getMessage());
        }
        descriptors.remove(rangeId);
        store.forgetRange(rangeId);
        deleteTree(groupDir(rangeId));
        LOG.info("dropped range {} of table {}", rangeId, tableId);
    }

    /** A cluster-unique, roughly increasing 64-bit id (hidden row ids, object ids). */
    public long nextUniqueId() {
        checkOpen();
        return meta.nextUniqueId();
    }

    /** The live picture of every range (sys.ranges). */
    public List<RangeStatus> rangeStatuses() {
        checkOpen();
        List<RangeStatus> out = new ArrayList<>();
        for (RangeReplica r : router.all()) {
            RangeDescriptor d = r.descriptor();
            RangeGroup g = groups.get(d.rangeId());
            int leader = g != null && g.isLeader() ? nodeId : -1;
            out.add(new RangeStatus(d.rangeId(), d.tableId(), d.startKey().clone(), d.endKey().clone(), d.replicas(),
                    leader, store.approximateSize(d.startKey(), d.endKey())));
        }
        out.sort(Comparator.comparingLong(RangeStatus::rangeId));
        return out;
    }

    /** The live picture of every node (sys.nodes). */
    public List<NodeStatus> nodeStatuses() {
        checkOpen();
        int leaders = (int) groups.values().stream().filter(RangeGroup::isLeader).count();
        List<NodeStatus> out = new ArrayList<>();
        for (MetaRange.NodeRecord n : meta.nodes()) {
            boolean self = n.nodeId() == nodeId;
            out.add(new NodeStatus(n.nodeId(), self ? raft.address() : n.raftAddress(),
                    self ? config.sqlAddress() : n.sqlAddress(), self, self ? groups.size() : 0, self ? leaders : 0));
        }
        return out;
    }

    private void collectExpiredVersions() {
        try {
            long horizon = clock.current() - (GC_TTL_MILLIS << HybridClock.LOGICAL_BITS);
            if (horizon > 0 && !closed) {
                collectGarbage(horizon, false);
            }
        } catch (RuntimeException e) {
            LOG.warn("MVCC garbage collection failed: {}", e.getMessage());
        }
    }

    /**
     * Removes, in every range, the versions no read at or above {@code horizonTs} can see, and waits for it.
     * Transactions reading below the horizon fail afterwards with a retryable "snapshot too old" conflict.
     * Runs by itself every minute with a horizon {@link #GC_TTL_MILLIS} behind the clock.
     */
    public void collectGarbage(long horizonTs) {
        checkOpen();
        collectGarbage(horizonTs, true);
    }

    private void collectGarbage(long horizonTs, boolean wait) {
        for (RangeReplica r : router.all()) {
            if (r instanceof LocalRangeReplica local && local.group().isLeader()) {
                var done = local.collectGarbage(horizonTs);
                if (wait) {
                    RangeGroup.await(done, r.descriptor().rangeId());
                }
            }
        }
    }

    /** Snapshots every range replica now (jraft also does so every {@link RaftServer#SNAPSHOT_INTERVAL_SECS}). */
    public void snapshotAll() {
        checkOpen();
        for (RangeGroup g : groups.values()) {
            g.snapshot();
        }
    }

    /** The node's store (tests and diagnostics). */
    MvccStore store() {
        return store;
    }

    /** Routing to this node's range replicas (recovery tests and diagnostics). */
    RangeRouter router() {
        checkOpen();
        return router;
    }

    /** The timestamp source (tests and diagnostics). */
    public HybridClock clock() {
        checkOpen();
        return clock;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("storage node " + nodeId + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gcTimer.shutdownNow();
        List<Long> ids = new ArrayList<>(groups.keySet());
        ids.sort(Comparator.reverseOrder()); // the meta range last: others may still need timestamps
        for (Long id : ids) {
            try {
                raft.stopGroup(groups.remove(id));
            } catch (RuntimeException e) {
                LOG.warn("stopping range {} failed", id, e);
            }
        }
        try {
            raft.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the Raft server failed", e); // still close the store below
        }
        store.close();
        LOG.info("node {} closed", nodeId);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
