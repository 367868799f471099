package io.cairndb.storage.cluster;

import com.alipay.sofa.jraft.entity.PeerId;
import io.cairndb.storage.NodeStatus;
import io.cairndb.storage.RangeStatus;
import io.cairndb.storage.StorageConfig;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.meta.MetaRange;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.NotLeaderException;
import io.cairndb.storage.range.RaftServer;
import io.cairndb.storage.range.RangeCommand;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.RangeStateMachine;
import io.cairndb.storage.range.RangeUnavailableException;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.NodeRpcClient;
import io.cairndb.storage.rpc.NodeRpcServer;
import io.cairndb.storage.rpc.RpcKind;
import io.cairndb.storage.time.HybridClock;
import io.cairndb.storage.txn.IntentRecovery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a cluster member: bootstraps a cluster or joins one, brings back its replicas after a restart,
 * creates and drops the ranges of tables, and runs the background work of membership: heartbeats to the meta
 * range's leader, reconciling local replicas with the descriptors, up-replication (on the meta leader) and the
 * resolution of intents whose coordinator died.
 */
public final class ClusterMember implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);
    private static final long JOIN_TIMEOUT_MS = 60_000;
    private static final long LEADER_TIMEOUT_MS = 30_000;
    private static final long ADD_REPLICA_TIMEOUT_MS = 120_000;
    /** Peer additions (snapshot, catch-up) this node runs at once as the leader of the ranges concerned. */
    private static final int CONCURRENT_PEER_ADDITIONS = 2;
    private final java.util.concurrent.Semaphore peerAdditions =
            new java.util.concurrent.Semaphore(CONCURRENT_PEER_ADDITIONS);
    private static final long ID_BLOCK = 1000;
    /** How long a replica the descriptors give this node may be missing before the reconciler starts it. */
    private static final long MISSING_REPLICA_GRACE_MS = 30_000;
    /** Intents whose commit timestamp is this old are taken for orphans of a dead coordinator (10 s). */
    private static final long ORPHAN_AGE = 10_000L << HybridClock.LOGICAL_BITS;

    private final StorageConfig config;
    private final MvccStore store;
    private final RaftServer raft;
    private final HybridClock clock;
    private final ClusterIdentity identity;
    private final NodeRpcClient rpc;
    private final NodeRpcServer server;
    private volatile String clusterId;
    private volatile int nodeId;
    private ReplicaManager replicas;
    private RangeDirectory directory;
    private MetaService metaService;
    private MetaClient meta;
    private final Map<Long, Long> missingSince = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per range, the newest generation this node saw meta accept or already hold (it published it). */
    private final Map<Long, Long> published = new java.util.concurrent.ConcurrentHashMap<>();
    private long nextId;
    private long idLimit;
    private volatile boolean closed;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "cairndb-cluster");
        t.setDaemon(true);
        return t;
    });

    private ClusterMember(StorageConfig config, MvccStore store, RaftServer raft, HybridClock clock) {
        this.config = config;
        this.store = store;
        this.raft = raft;
        this.clock = clock;
        this.identity = new ClusterIdentity(config.dataDir());
        this.rpc = new NodeRpcClient(() -> clusterId, () -> nodeId, clock);
        this.server = new NodeRpcServer(raft.rpcServer(), () -> clusterId, clock);
    }

    /** Joins (or bootstraps, or rejoins after a restart) and starts this node's replicas and background work. */
    public static ClusterMember start(StorageConfig config, MvccStore store, RaftServer raft, HybridClock clock) {
        ClusterMember m = new ClusterMember(config, store, raft, clock);
        try {
            m.begin();
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private void begin() {
        List<String> join = config.join() == null ? List.of() : config.join();
        if (identity.exists()) {
            nodeId = identity.nodeId();
            clusterId = identity.clusterId();
            wire(join);
            directory.updateNodes(List.of(self()));
            restartReplicas();
        } else if (join.isEmpty()) {
            clusterId = java.util.UUID.randomUUID().toString();
            nodeId = 1;
            wire(join);
            bootstrap();
        } else {
            RangeDescriptor metaDescriptor = join(join);
            wire(join);
            directory.updateNodes(joinedMembers);
            directory.client(metaDescriptor);
            identity.save(clusterId, nodeId);
            LOG.info("joined cluster {} as node {}", clusterId, nodeId);
        }
        recoverAtStart();
        timers.scheduleWithFixedDelay(() -> background(this::heartbeat), 0, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(this::reconcile), 2, 5, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(this::replicate), 2, 2, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(this::sweepOrphans), 5, 5, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(this::balanceLeaders), 7, 5, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(this::splitLargeRanges), 10, 10, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(this::keepDescriptorsCurrent), 10, 10, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> background(replicas::quiesceIdle), 2, 2, TimeUnit.SECONDS);
    }

    private NodeInfo self() {
        return new NodeInfo(nodeId, raft.address(), config.sqlAddress(), true, false, 0);
    }

    private void wire(List<String> join) {
        replicas = new ReplicaManager(raft, store, clock, config.dataDir(), id -> directory.address(id));
        directory = new RangeDirectory(nodeId, store, rpc, replicas, join);
        replicas.setDescriptorListener(d -> directory.client(d));
        metaService = new MetaService(() -> replicas.get(RangeDescriptor.META_RANGE_ID), store, clock::now);
        RangeDescriptor metaDescriptor = new RangeDescriptor(RangeDescriptor.META_RANGE_ID, -1,
                KeySpace.systemStart(), KeySpace.systemEnd(), List.of(), 0);
        meta = new MetaClient(directory.client(metaDescriptor), metaService);
        directory.setMeta(meta);
        metaService.registerOn(server);
        new RangeService(replicas::get).registerOn(server);
        new ClusterWaits(this::nodeId, replicas.waits(), rpc, directory::nodes).registerOn(server);
        server.register(RpcKind.REPLICA_CREATE, (req, b) -> {
            RangeDescriptor d = b.readDescriptor();
            boolean founding = b.readBoolean();
            replicas.start(d, founding);
            directory.client(d);
            return new byte[0];
        });
        server.register(RpcKind.REPLICA_DESTROY, (req, b) -> {
            long rangeId = b.readLong();
            replicas.destroy(rangeId);
            directory.forget(rangeId);
            return new byte[0];
        });
        server.register(RpcKind.REPLICA_ADD, (req, b) -> {
            LocalRangeReplica r = held(b.readLong());
            return new BodyWriter().writeDescriptor(addVoter(r, b.readInt())).toBytes();
        });
        server.register(RpcKind.REPLICA_REMOVE, (req, b) -> {
            LocalRangeReplica r = held(b.readLong());
            return new BodyWriter().writeDescriptor(removeVoter(r, b.readInt())).toBytes();
        });
        server.register(RpcKind.REPLICA_SPLIT, (req, b) -> {
            LocalRangeReplica r = held(b.readLong());
            return new BodyWriter().writeDescriptors(splitAt(r, b.readBytes())).toBytes();
        });
        server.register(RpcKind.RANGE_INFO, (req, b) -> {
            List<byte[]> ranges = b.readKeys();
            BodyWriter out = new BodyWriter().writeInt(ranges.size());
            for (byte[] id : ranges) {
                LocalRangeReplica r = replicas.get(new BodyReader(id).readLong());
                RangeInfo info = r == null ? new RangeInfo(-1, false) : localInfo(r);
                out.writeLong(info.size()).writeBoolean(info.quiet());
            }
            return out.toBytes();
        });
    }

    private static void acquire(java.util.concurrent.Semaphore permits) {
        try {
            if (!permits.tryAcquire(ADD_REPLICA_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new RangeUnavailableException("too many replica additions in progress on this node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to add a replica");
        }
    }

    /** This node's replica of a range a request names, or RANGE_NOT_FOUND for the sender. */
    private LocalRangeReplica held(long rangeId) {
        LocalRangeReplica r = replicas.get(rangeId);
        if (r == null) {
            throw new io.cairndb.storage.range.ReplicaNotFoundException("no replica of range " + rangeId + " here");
        }
        return r;
    }

    // ---------------------------------------------------------------- bootstrap, join, restart

    private void bootstrap() {
        directory.updateNodes(List.of(self()));
        RangeDescriptor d = foundMetaRangeHere();
        MetaRange m = metaService.leading(false);
        m.putClusterId(clusterId);
        m.putDescriptorIfNewer(d);
        m.registerNode("", raft.address(), config.sqlAddress());
        identity.save(clusterId, nodeId);
        LOG.info("bootstrapped cluster {}; this is node {}", clusterId, nodeId);
    }

    /** Starts the meta range as a one-replica group of this node and waits until it serves. */
    private RangeDescriptor foundMetaRangeHere() {
        RangeDescriptor d = new RangeDescriptor(RangeDescriptor.META_RANGE_ID, -1, KeySpace.systemStart(),
                KeySpace.systemEnd(), List.of(nodeId), 1);
        LocalRangeReplica r = replicas.start(d, true);
        directory.client(d);
        awaitServing(r);
        return d;
    }

    private List<NodeInfo> joinedMembers = List.of();

    private RangeDescriptor join(List<String> addresses) {
        String token = identity.joinToken();
        byte[] body = new BodyWriter().writeString(token).writeString(raft.address())
                .writeString(config.sqlAddress()).toBytes();
        long deadline = System.currentTimeMillis() + JOIN_TIMEOUT_MS;
        List<String> queue = new ArrayList<>(addresses);
        String lastError = "no address to join";
        while (System.currentTimeMillis() < deadline) {
            String target = queue.remove(0);
            queue.add(target);
            try {
                BodyReader reply = rpc.call(target, RpcKind.JOIN, body, 5_000);
                clusterId = reply.readString();
                nodeId = reply.readInt();
                RangeDescriptor metaDescriptor = reply.readDescriptor();
                joinedMembers = NodeInfo.readAll(reply);
                return metaDescriptor;
            } catch (NotLeaderException e) {
                lastError = e.getMessage();
                if (e.leaderHint() != null) {
                    queue.remove(e.leaderHint());
                    queue.add(0, e.leaderHint());
                    continue;
                }
            } catch (StorageException e) {
                lastError = e.getMessage();
                if (!(e instanceof RangeUnavailableException)) {
                    throw new StorageException("cannot join the cluster at " + target + ": " + e.getMessage(), e);
                }
            }
            sleep(500);
        }
        throw new StorageException("cannot join the cluster at " + addresses + " within " + JOIN_TIMEOUT_MS
                + " ms: " + lastError);
    }

    private void restartReplicas() {
        List<ReplicaManager.Registered> registered = replicas.registered();
        if (registered.isEmpty()) {
            migrateSingleNode();
            return;
        }
        for (ReplicaManager.Registered reg : registered) {
            replicas.start(reg.descriptor(), reg.founding());
            directory.client(reg.descriptor());
        }
        LOG.info("node {} restarted {} replicas", nodeId, registered.size());
    }

    /** A data directory of a single-node release: every range was a one-replica group of this node. */
    private void migrateSingleNode() {
        foundMetaRangeHere();
        MetaRange m = metaService.leading(false);
        if (m.clusterId() == null) {
            m.putClusterId(clusterId);
        } else {
            clusterId = m.clusterId();
        }
        for (RangeDescriptor t : m.descriptors()) {
            if (t.rangeId() != RangeDescriptor.META_RANGE_ID) {
                replicas.start(t, true);
                directory.client(t);
            }
        }
        LOG.info("node {}: registered the replicas of a single-node data directory", nodeId);
    }

    /**
     * Settles intents left in the ranges this node leads by transactions that were committing when the node
     * stopped (their coordinator may have been this node). Waits briefly for the local replicas to elect.
     */
    private void recoverAtStart() {
        long deadline = System.currentTimeMillis() + 5_000;
        List<LocalRangeReplica> leading = new ArrayList<>();
        for (LocalRangeReplica r : replicas.all()) {
            while (!r.isServing() && !ledElsewhere(r) && System.currentTimeMillis() < deadline) {
                sleep(20);
            }
            if (r.isServing()) {
                leading.add(r);
            }
        }
        int recovered = IntentRecovery.recover(directory.router(), leading, Long.MAX_VALUE, clock::now);
        if (recovered > 0) {
            LOG.info("resolved the intents of {} unfinished transactions", recovered);
        }
    }

    private boolean ledElsewhere(LocalRangeReplica r) {
        String leader = r.group().leaderAddress();
        return leader != null && !leader.equals(raft.address());
    }

    // ---------------------------------------------------------------- background

    private void background(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.debug("background cluster task failed: {}", e.getMessage());
        }
    }

    private void heartbeat() {
        int leaders = (int) replicas.all().stream().filter(LocalRangeReplica::isServing).count();
        long sent = System.nanoTime();
        MetaClient.Members members = meta.heartbeat(nodeId, leaders, config.sqlAddress());
        raft.confirmLiveness(sent);
        directory.updateNodes(members.nodes());
        replicas.suspectLeadersAt(members.nodes().stream().filter(n -> !n.live() && n.nodeId() != nodeId)
                .map(NodeInfo::raftAddress).collect(java.util.stream.Collectors.toSet()));
        directory.client(members.meta());
    }

    /** Starts replicas the descriptors give this node and removes those of dropped ranges. */
    private void reconcile() {
        directory.refreshAll();
        long now = System.currentTimeMillis();
        for (RangeClient c : directory.clients()) {
            RangeDescriptor d = c.descriptor();
            if (!d.replicas().contains(nodeId) || replicas.get(d.rangeId()) != null) {
                missingSince.remove(d.rangeId());
                continue;
            }
            if (d.generation() == 1) {
                LOG.info("starting the missing replica of range {}", d.rangeId());
                replicas.start(d, true); // a new range whose creation did not reach this node
                continue;
            }
            // a split's child is started by this node's replica of the parent as it applies the split, and an
            // added replica by the leader's REPLICA_CREATE; only one still missing after a while was skipped (this
            // node installed a parent snapshot taken after the split): it starts empty and gets a snapshot
            long since = missingSince.computeIfAbsent(d.rangeId(), id -> now);
            if (now - since >= MISSING_REPLICA_GRACE_MS) {
                LOG.info("starting the missing replica of range {} empty; its leader sends a snapshot", d.rangeId());
                replicas.deleteDataOnlyItHolds(d);
                replicas.start(d, false);
                missingSince.remove(d.rangeId());
            }
        }
        for (Long id : droppedLocalReplicas()) {
            replicas.destroy(id);
        }
    }

    /**
     * Spreads leadership: a node leading more than its share (ranges / live nodes, rounded up) hands one range
     * to a live voter that leads fewer than that, per round. Every node does this for itself, from the leader
     * counts the heartbeats report.
     */
    private void balanceLeaders() {
        List<NodeInfo> live = directory.nodes().stream().filter(n -> n.nodeId() == nodeId || n.live()).toList();
        long ranges = directory.clients().stream().filter(c -> !c.descriptor().replicas().isEmpty()).count();
        if (live.size() < 2 || ranges == 0) {
            return;
        }
        long share = (ranges + live.size() - 1) / live.size();
        // the idlest ranges move first: a transfer fails the commits in flight on the old leader with an unknown
        // outcome (40003), so a range with none in flight is the one to hand over
        List<LocalRangeReplica> leading = replicas.all().stream().filter(LocalRangeReplica::isServing)
                .sorted(Comparator.comparingLong((LocalRangeReplica r) -> r.group().idleMillis()).reversed())
                .toList();
        if (leading.size() <= share) {
            return;
        }
        for (LocalRangeReplica r : leading) {
            for (NodeInfo n : live) {
                if (n.nodeId() != nodeId && n.leaders() < share && r.descriptor().replicas().contains(n.nodeId())) {
                    LOG.info("range {}: handing leadership to node {} (this node leads {}, its share is {})",
                            r.descriptor().rangeId(), n.nodeId(), leading.size(), share);
                    r.group().transferLeadershipTo(PeerId.parsePeer(n.raftAddress()));
                    return;
                }
            }
        }
    }

    private Set<Long> droppedLocalReplicas() {
        Set<Long> out = new HashSet<>();
        for (LocalRangeReplica r : replicas.all()) {
            long id = r.descriptor().rangeId();
            if (directory.dropped().contains(id)) {
                out.add(id); // a tombstone: absence alone is not enough (a split's child is published late)
            }
        }
        return out;
    }

    /**
     * On the meta range's leader: carries out the next changes {@link ReplicaBalancer} plans (up-replication,
     * surplus removal, moves that even out the replicas per node).
     */
    private void replicate() {
        if (!metaService.isLeading()) {
            return;
        }
        MetaRange m = metaService.leading(true);
        // placement counts every node not dead yet: one that is only briefly away (a restart) keeps its replicas
        Set<Integer> available = new HashSet<>();
        Set<Integer> live = new HashSet<>();
        for (MetaRange.NodeRecord n : m.nodes()) {
            boolean self = n.nodeId() == nodeId;
            if (n.draining()) {
                continue; // being decommissioned: holds nothing it does not have to, receives nothing
            }
            if (self || !metaService.liveness.isDead(n.nodeId())) {
                available.add(n.nodeId());
            }
            if (self || metaService.liveness.isLive(n.nodeId())) {
                live.add(n.nodeId());
            }
        }
        List<RangeDescriptor> ranges = m.descriptors();
        for (ReplicaBalancer.Change change : ReplicaBalancer.plan(ranges, available, live,
                config.replicationFactor())) {
            RangeDescriptor d = ranges.stream().filter(r -> r.rangeId() == change.rangeId()).findFirst()
                    .orElseThrow();
            RangeClient c = directory.client(d);
            if (change.to() >= 0) {
                LOG.info("range {}: adding a replica on node {}", d.rangeId(), change.to());
                addReplica(c, change.to());
            }
            if (change.from() >= 0) {
                LOG.info("range {}: removing the replica on node {}", d.rangeId(), change.from());
                removeReplica(c, change.from());
            }
        }
    }

    /**
     * Removes the voter on {@code node} through the range's leader, records the shrunk descriptor in meta and
     * tells the node to delete its replica (if it is down, its replica stays until it is told again).
     */
    private void removeReplica(RangeClient c, int node) {
        long rangeId = c.descriptor().rangeId();
        RangeDescriptor shrunk = c.route(RpcKind.REPLICA_REMOVE,
                () -> new BodyWriter().writeLong(rangeId).writeInt(node).toBytes(),
                r -> removeVoter(r, node), BodyReader::readDescriptor, ADD_REPLICA_TIMEOUT_MS);
        publish(shrunk);
        try {
            destroyReplicaOn(node, rangeId);
        } catch (StorageException e) {
            LOG.info("range {}: node {} keeps its removed replica for now ({})", rangeId, node, e.getMessage());
        }
    }

    /** Starts {@code node}'s replica of a range: here directly, on another node through REPLICA_CREATE. */
    private void createReplicaOn(int node, RangeDescriptor d, boolean founding) {
        if (node == nodeId) {
            replicas.start(d, founding);
        } else {
            rpc.call(directory.address(node), RpcKind.REPLICA_CREATE,
                    new BodyWriter().writeDescriptor(d).writeBoolean(founding).toBytes(), 10_000);
        }
    }

    /** Deletes {@code node}'s replica of a range: here directly, on another node through REPLICA_DESTROY. */
    private void destroyReplicaOn(int node, long rangeId) {
        if (node == nodeId) {
            replicas.destroy(rangeId);
        } else {
            rpc.call(directory.address(node), RpcKind.REPLICA_DESTROY, new BodyWriter().writeLong(rangeId).toBytes(),
                    10_000);
        }
    }

    /**
     * At a range's leader: removes the voter on {@code node}. When that is this replica, leadership goes to
     * another voter first and the caller follows it there (NOT_LEADER). Returns the shrunk descriptor.
     */
    private RangeDescriptor removeVoter(LocalRangeReplica r, int node) {
        return r.reshape(ADD_REPLICA_TIMEOUT_MS, () -> removeVoterNow(r, node));
    }

    private RangeDescriptor removeVoterNow(LocalRangeReplica r, int node) {
        RangeDescriptor d = r.descriptor();
        String address = directory.address(node);
        if (address == null) {
            throw new StorageException("node " + node + " is unknown");
        }
        PeerId peer = PeerId.parsePeer(address);
        if (node == nodeId) {
            for (PeerId other : r.group().peers()) {
                if (!other.equals(peer)) {
                    r.group().transferLeadershipTo(other);
                    throw new NotLeaderException("range " + d.rangeId() + ": leadership handed to " + other
                            + " before removing this replica", other.getEndpoint().toString());
                }
            }
            throw new StorageException("range " + d.rangeId() + ": cannot remove its only voter");
        }
        if (r.group().peers().contains(peer)) {
            r.group().removePeer(peer, ADD_REPLICA_TIMEOUT_MS);
        }
        RangeDescriptor shrunk = recordVoters(r);
        directory.client(shrunk);
        return shrunk;
    }

    /**
     * At a range's leader: writes the voters its group has now into the range's descriptor through the range's
     * log (one generation on, unless they are recorded already), and returns the descriptor. Called after every
     * membership change and before a split, so every replica's descriptor and its generation follow the log.
     */
    private RangeDescriptor recordVoters(LocalRangeReplica r) {
        List<Integer> voters = votersOf(r);
        if (voters == null) {
            directory.refreshAll();
            voters = votersOf(r);
        }
        if (voters == null) {
            throw new StorageException("range " + r.descriptor().rangeId() + ": a voter of its group is no known node");
        }
        if (voters.equals(r.descriptor().replicas())) {
            return r.descriptor();
        }
        return (RangeDescriptor) r.group().proposeAndWait(new RangeCommand.SetVoters(voters));
    }

    /** The node ids of the voters a leader's group has, sorted; null when an address is no known node. */
    private List<Integer> votersOf(LocalRangeReplica r) {
        List<Integer> voters = new ArrayList<>();
        for (PeerId p : r.group().peers()) {
            Integer node = nodeOfAddress(p.getEndpoint().toString());
            if (node == null) {
                return null;
            }
            voters.add(node);
        }
        voters.sort(Integer::compare);
        return voters;
    }

    /**
     * For the ranges this node leads: records voters the group has but the descriptor does not (a leader stopped
     * between the change and its record), and publishes descriptors meta may not have (a publication failed, or
     * a follower's split that this new leader never published). The balancer and every route start from meta.
     */
    private void keepDescriptorsCurrent() {
        for (LocalRangeReplica r : replicas.all()) {
            if (!r.isServing()) {
                continue;
            }
            try {
                List<Integer> voters = votersOf(r);
                if (voters != null && !voters.equals(r.descriptor().replicas())) {
                    RangeDescriptor d = r.reshape(0, () -> recordVoters(r));
                    LOG.info("range {}: recorded voters {} that its group had already", d.rangeId(), d.replicas());
                }
                RangeDescriptor d = r.descriptor();
                if (published.getOrDefault(d.rangeId(), 0L) < d.generation()) {
                    publish(d);
                }
            } catch (StorageException e) {
                // a membership change or split runs now (it records and publishes itself), leadership moved, or
                // meta is unreachable: the next round tries again; the other ranges go on
                LOG.debug("range {}: descriptor not brought up to date: {}", r.descriptor().rangeId(),
                        e.getMessage());
            }
        }
    }

    /** Records a descriptor in meta (kept there only if newer than meta's) and in this node's directory. */
    private void publish(RangeDescriptor d) {
        meta.putDescriptor(d);
        published.merge(d.rangeId(), d.generation(), Math::max);
        directory.client(d);
    }

    /**
     * At a range's leader: creates an empty replica on {@code node} and adds it as a voter (jraft catches it up
     * first); returns the range's descriptor with the voters the group has afterwards. Re-running it after a
     * failure part-way is harmless.
     */
    private RangeDescriptor addVoter(LocalRangeReplica r, int node) {
        return r.reshape(ADD_REPLICA_TIMEOUT_MS, () -> addVoterNow(r, node));
    }

    private RangeDescriptor addVoterNow(LocalRangeReplica r, int node) {
        String address = directory.address(node);
        if (address == null) {
            directory.refreshAll();
            address = directory.address(node);
        }
        if (address == null) {
            throw new StorageException("node " + node + " is unknown");
        }
        RangeDescriptor d = r.descriptor();
        PeerId peer = PeerId.parsePeer(address);
        if (!r.group().peers().contains(peer)) {
            createReplicaOn(node, d, false);
            // a new replica must start from a snapshot, never by replaying the log from its first entry: the log
            // of a split's child holds none of the data it took over (that came through the parent's log), and a
            // parent's log replays commands for keys it has since given away, and the split itself. Snapshots and
            // catch-ups are heavy: a few at a time per node (hundreds of new ranges grow at once after a bulk
            // CREATE TABLE)
            acquire(peerAdditions);
            try {
                r.group().truncateLogBehindSnapshot();
                r.group().addPeer(peer, ADD_REPLICA_TIMEOUT_MS);
            } finally {
                peerAdditions.release();
            }
        }
        RangeDescriptor grown = recordVoters(r);
        directory.client(grown);
        return grown;
    }

    private void sweepOrphans() {
        List<LocalRangeReplica> leading = replicas.all().stream().filter(LocalRangeReplica::isServing).toList();
        int settled = IntentRecovery.recover(directory.router(), leading, clock.current() - ORPHAN_AGE,
                clock::now);
        if (settled > 0) {
            LOG.info("resolved the intents of {} transactions whose coordinator stopped", settled);
        }
    }

    // ---------------------------------------------------------------- splits

    private Integer nodeOfAddress(String address) {
        for (NodeInfo n : directory.nodes()) {
            if (n.raftAddress().equals(address)) {
                return n.nodeId();
            }
        }
        return null;
    }

    /**
     * Splits the range holding {@code splitKey} there (through its leader); returns the two descriptors, the
     * parent's first. The new range is replicated by a new Raft group on the same nodes; no data moves.
     */
    public List<RangeDescriptor> split(byte[] splitKey) {
        for (int attempt = 1; ; attempt++) {
            directory.refreshAll(); // route by the newest descriptors: another node may have split meanwhile
            RangeClient c = (RangeClient) directory.router().replicaFor(splitKey);
            if (Arrays.equals(c.descriptor().startKey(), splitKey)) {
                return List.of(c.descriptor()); // already a boundary
            }
            long rangeId = c.descriptor().rangeId();
            try {
                List<RangeDescriptor> both = c.route(RpcKind.REPLICA_SPLIT,
                        () -> new BodyWriter().writeLong(rangeId).writeBytes(splitKey).toBytes(),
                        r -> splitAt(r, splitKey), BodyReader::readDescriptors, ADD_REPLICA_TIMEOUT_MS);
                directory.refreshAll();
                return both;
            } catch (io.cairndb.storage.range.RangeMismatchException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * At a range's leader: proposes the split through the range's log (every replica applies it and starts the
     * child), then records both descriptors in meta.
     */
    private List<RangeDescriptor> splitAt(LocalRangeReplica r, byte[] splitKey) {
        return r.reshape(ADD_REPLICA_TIMEOUT_MS, () -> splitNow(r, splitKey));
    }

    private List<RangeDescriptor> splitNow(LocalRangeReplica r, byte[] splitKey) {
        recordVoters(r); // both halves start with the voters the group has (a crash may have left them unrecorded)
        RangeDescriptor d = r.descriptor();
        if (Arrays.compareUnsigned(splitKey, d.startKey()) <= 0 || !d.contains(splitKey)) {
            // the caller's descriptor was stale (split here or elsewhere since): it reloads and tries again
            throw new io.cairndb.storage.range.RangeMismatchException("range " + d.rangeId() + " no longer holds "
                    + io.cairndb.storage.keys.KeySpace.hex(splitKey) + " strictly inside it");
        }
        long childId = meta.nextRangeId();
        // the child starts on the group's current voters, as this leader knows them: the same on every replica
        List<String> voters = r.group().peers().stream().map(p -> p.getEndpoint().toString()).toList();
        Object result = r.group().proposeAndWait(new RangeCommand.Split(childId, splitKey, d.generation(), voters));
        if (result instanceof RangeStateMachine.Mismatch m) {
            throw new StorageException("cannot split range " + d.rangeId() + ": " + m.reason());
        }
        RangeDescriptor[] both = (RangeDescriptor[]) result;
        publish(both[1]); // the child first: until the parent shrinks, routes to it stay valid
        publish(both[0]);
        return List.of(both[0], both[1]);
    }

    /** Splits, in the middle, every range this node leads that has grown past the configured size. */
    private void splitLargeRanges() {
        long max = config.rangeMaxBytes();
        for (LocalRangeReplica r : replicas.all()) {
            RangeDescriptor d = r.descriptor();
            if (!r.isServing() || d.rangeId() == RangeDescriptor.META_RANGE_ID) {
                continue;
            }
            long size = store.approximateSize(d.startKey(), d.endKey());
            if (size <= max) {
                continue;
            }
            byte[] middle = store.middleKey(d.startKey(), d.endKey());
            if (middle == null || Arrays.compareUnsigned(middle, d.startKey()) <= 0) {
                continue; // one huge key, or nothing to cut between
            }
            LOG.info("range {}: {} bytes, over {}: splitting at {}", d.rangeId(), size, max,
                    io.cairndb.storage.keys.KeySpace.hex(middle));
            splitAt(r, middle);
        }
    }

    // ---------------------------------------------------------------- ranges of tables

    public int nodeId() {
        return nodeId;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The ranges this node runs a replica of, sorted. */
    public List<Long> localRangeIds() {
        return replicas.all().stream().map(r -> r.descriptor().rangeId()).sorted().toList();
    }

    /** Whether this node leads the range and serves it now. */
    public boolean leads(long rangeId) {
        LocalRangeReplica r = replicas.get(rangeId);
        return r != null && r.isServing();
    }

    /** Whether this node's replica of the range is quiet; null when it holds none. */
    public Boolean replicaQuiet(long rangeId) {
        LocalRangeReplica r = replicas.get(rangeId);
        return r == null ? null : r.group().isQuiet();
    }

    /** This node's replica's descriptor of the range; null when it holds none. */
    public RangeDescriptor replicaDescriptor(long rangeId) {
        LocalRangeReplica r = replicas.get(rangeId);
        return r == null ? null : r.descriptor();
    }

    /** Point reads and scan pages this node's replica of the range served as leader; 0 when it holds none. */
    public long readsServed(long rangeId) {
        LocalRangeReplica r = replicas.get(rangeId);
        return r == null ? 0 : r.readsServed();
    }

    /** Read-index rounds this node's replica of the range ran for its reads; 0 when it holds none. */
    public long readRounds(long rangeId) {
        LocalRangeReplica r = replicas.get(rangeId);
        return r == null ? 0 : r.readRounds();
    }

    public RangeRouter router() {
        return directory.router();
    }

    /**
     * Makes sure table {@code tableId} has its range, creating it (descriptor in meta first, then a founding
     * replica on each of min(replication factor, live nodes) nodes, the least loaded) and waiting for its leader.
     */
    public synchronized long ensureTableRange(int tableId) {
        var existing = directory.router().byTable(tableId);
        if (existing != null) {
            return existing.descriptor().rangeId();
        }
        long rangeId = meta.nextRangeId();
        List<Integer> nodes = placement();
        // founded as a one-voter group, which elects itself at once; the others join as added voters, which
        // takes a few Raft rounds instead of an election timeout
        int founder = nodes.contains(nodeId) ? nodeId : nodes.get(0);
        RangeDescriptor d = new RangeDescriptor(rangeId, tableId, KeySpace.tableStart(tableId),
                KeySpace.tableEnd(tableId), List.of(founder), 1);
        meta.putDescriptor(d); // recorded first: reconcile brings the replica back even if we stop right here
        createReplicaOn(founder, d, true);
        RangeClient client = directory.client(d);
        awaitLeader(client);
        for (int node : nodes) {
            if (node != founder) {
                try {
                    addReplica(client, node);
                } catch (StorageException e) {
                    LOG.warn("range {}: no replica on node {} yet ({}); up-replication adds it later", rangeId, node,
                            e.getMessage());
                }
            }
        }
        LOG.info("created range {} for table {} on nodes {}", rangeId, tableId, client.descriptor().replicas());
        return rangeId;
    }

    /** Adds a voter on {@code node} through the range's leader and records the grown descriptor in meta. */
    private RangeDescriptor addReplica(RangeClient c, int node) {
        long rangeId = c.descriptor().rangeId();
        RangeDescriptor grown = c.route(RpcKind.REPLICA_ADD,
                () -> new BodyWriter().writeLong(rangeId).writeInt(node).toBytes(),
                r -> addVoter(r, node), BodyReader::readDescriptor, ADD_REPLICA_TIMEOUT_MS);
        publish(grown);
        return grown;
    }

    /** min(replication factor, live nodes) live nodes, fewest replicas first, this node preferred on ties. */
    private List<Integer> placement() {
        List<NodeInfo> live = new ArrayList<>();
        for (NodeInfo n : directory.nodes()) {
            if ((n.nodeId() == nodeId || n.live()) && !n.draining()) {
                live.add(n);
            }
        }
        if (live.isEmpty()) {
            live.add(self()); // every node drains: the range still needs a home
        }
        Map<Integer, Integer> load = new HashMap<>();
        for (RangeClient c : directory.clients()) {
            c.descriptor().replicas().forEach(n -> load.merge(n, 1, Integer::sum));
        }
        live.sort(Comparator.comparingInt((NodeInfo n) -> load.getOrDefault(n.nodeId(), 0))
                .thenComparingInt(n -> n.nodeId() == nodeId ? 0 : 1).thenComparingInt(NodeInfo::nodeId));
        int count = Math.min(Math.max(1, config.replicationFactor()), live.size());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(live.get(i).nodeId());
        }
        out.sort(Integer::compare);
        return out;
    }

    private void awaitLeader(RangeClient c) {
        LocalRangeReplica mine = replicas.get(c.descriptor().rangeId());
        if (mine != null && c.descriptor().replicas().equals(List.of(nodeId))) {
            // its only voter is here: wait for it, rather than route a call that refreshes the whole directory
            // from meta on every miss while the group elects itself
            awaitServing(mine);
            return;
        }
        long deadline = System.currentTimeMillis() + LEADER_TIMEOUT_MS;
        while (true) {
            try {
                c.getRecord(Long.MIN_VALUE);
                return;
            } catch (RangeUnavailableException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new RangeUnavailableException("range " + c.descriptor().rangeId() + ": no leader after "
                            + LEADER_TIMEOUT_MS + " ms");
                }
            }
        }
    }

    private void awaitServing(LocalRangeReplica r) {
        long deadline = System.currentTimeMillis() + LEADER_TIMEOUT_MS;
        for (int polls = 0; !r.isServing(); polls++) {
            if (System.currentTimeMillis() > deadline) {
                throw new RangeUnavailableException("range " + r.descriptor().rangeId() + ": no leader after "
                        + LEADER_TIMEOUT_MS + " ms"); // retryable, as from the routed wait in awaitLeader
            }
            sleep(polls < 50 ? 1 : 10); // a one-voter group elects itself within a few ms (every CREATE TABLE)
        }
    }

    /** Deletes every key of table {@code tableId} and removes its ranges and every replica of them. */
    public synchronized void dropTableRange(int tableId) {
        directory.refreshAll();
        for (RangeClient c : directory.clients()) {
            RangeDescriptor d = c.descriptor();
            if (d.tableId() == tableId) {
                dropRange(c, d);
            }
        }
    }

    private void dropRange(RangeClient c, RangeDescriptor d) {
        c.clear();
        meta.deleteDescriptor(d.rangeId());
        directory.forget(d.rangeId());
        for (int node : d.replicas()) {
            try {
                destroyReplicaOn(node, d.rangeId());
            } catch (StorageException e) {
                LOG.info("range {}: node {} will remove its replica when it is back ({})", d.rangeId(), node,
                        e.getMessage());
            }
        }
        LOG.info("dropped range {} of table {}", d.rangeId(), d.tableId());
    }

    /**
     * Starts decommissioning {@code node}: its replicas move to other nodes (watch its replica count in
     * sys.nodes fall to 0), after which it can be stopped without any range losing its majority.
     */
    public void decommission(int node, boolean force) {
        meta.decommission(node, force, Math.max(1, config.replicationFactor()));
    }

    /** A cluster-unique, roughly increasing id (blocks reserved through the meta range). */
    public synchronized long nextUniqueId() {
        if (nextId >= idLimit) {
            nextId = meta.reserveIds(ID_BLOCK);
            idLimit = nextId + ID_BLOCK;
        }
        return nextId++;
    }

    // ---------------------------------------------------------------- status

    public List<RangeStatus> rangeStatuses() {
        try {
            directory.refreshAll(); // sys.ranges shows the meta range's current picture, not this node's cache
        } catch (StorageException e) {
            LOG.debug("sys.ranges from the cached descriptors: {}", e.getMessage());
        }
        List<RangeStatus> out = new ArrayList<>();
        for (RangeClient c : directory.clients()) {
            RangeDescriptor d = c.descriptor();
            if (d.replicas().isEmpty()) {
                continue; // the meta range before this node heard of it
            }
            LocalRangeReplica local = replicas.get(d.rangeId());
            RangeInfo info = local != null ? localInfo(local) : remoteInfo(c);
            out.add(new RangeStatus(d.rangeId(), d.tableId(), d.startKey().clone(), d.endKey().clone(), d.replicas(),
                    local != null ? leaderSeenBy(local, c) : c.leaderNode(), info.size(), info.quiet()));
        }
        out.sort(Comparator.comparingLong(RangeStatus::rangeId));
        return out;
    }

    /** What sys.ranges shows of a range that one of its replicas knows: its size here, and whether it is quiet. */
    private record RangeInfo(long size, boolean quiet) {
    }

    private RangeInfo localInfo(LocalRangeReplica r) {
        return new RangeInfo(store.approximateSize(r.descriptor().startKey(), r.descriptor().endKey()),
                r.group().isQuiet());
    }

    /** The leader as this node's replica knows it (from the group's own heartbeats), else from routing. */
    private int leaderSeenBy(LocalRangeReplica r, RangeClient c) {
        if (r.isServing()) {
            return nodeId;
        }
        String address = r.group().leaderAddress();
        Integer node = address == null ? null : nodeOfAddress(address);
        return node != null ? node : c.leaderNode();
    }

    private RangeInfo remoteInfo(RangeClient c) {
        for (int node : c.descriptor().replicas()) {
            try {
                BodyReader r = rpc.call(directory.address(node), RpcKind.RANGE_INFO, new BodyWriter()
                        .writeKeys(List.of(new BodyWriter().writeLong(c.descriptor().rangeId()).toBytes()))
                        .toBytes(), 1_000);
                r.readInt();
                long size = r.readLong();
                boolean quiet = r.readBoolean();
                if (size >= 0) {
                    return new RangeInfo(size, quiet);
                }
            } catch (RuntimeException e) {
                // try the next replica
            }
        }
        return new RangeInfo(-1, false);
    }

    /**
     * Every member: replica counts from the descriptors (what the cluster has placed on each node), leader counts
     * from this node's replicas and, for the others, from their last heartbeat (up to a second old).
     */
    public List<NodeStatus> nodeStatuses() {
        try {
            directory.refreshAll();
        } catch (StorageException e) {
            LOG.debug("sys.nodes from the cached descriptors: {}", e.getMessage());
        }
        Map<Integer, Integer> placed = new HashMap<>();
        for (RangeClient c : directory.clients()) {
            c.descriptor().replicas().forEach(n -> placed.merge(n, 1, Integer::sum));
        }
        List<NodeStatus> out = new ArrayList<>();
        for (NodeInfo n : directory.nodes()) {
            int replicaCount = placed.getOrDefault(n.nodeId(), 0);
            if (n.nodeId() == nodeId) {
                int leaders = (int) replicas.all().stream().filter(LocalRangeReplica::isServing).count();
                out.add(new NodeStatus(nodeId, raft.address(), config.sqlAddress(), true, n.draining(), replicaCount,
                        leaders));
            } else {
                out.add(new NodeStatus(n.nodeId(), n.raftAddress(), n.sqlAddress(), n.live(), n.draining(),
                        replicaCount, n.leaders()));
            }
        }
        return out;
    }

    /** Garbage collection (versions, then transaction records) in every range this node leads; waits when {@code wait}. */
    public void collectGarbage(long horizonTs, boolean wait) {
        List<LocalRangeReplica> leading = new ArrayList<>();
        for (LocalRangeReplica r : replicas.all()) {
            if (r.isServing()) {
                leading.add(r);
                var done = r.collectGarbage(horizonTs);
                if (wait) {
                    RangeGroup.await(done, r.descriptor().rangeId());
                }
            }
        }
        int records = io.cairndb.storage.txn.RecordCollector.collect(directory.router(), leading, horizonTs);
        if (records > 0) {
            LOG.info("deleted {} transaction records older than the collection horizon", records);
        }
    }

    /** Snapshots every local replica now. */
    public void snapshotAll() {
        for (LocalRangeReplica r : replicas.all()) {
            r.group().snapshot();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted");
        }
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        try {
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (replicas != null) {
            replicas.stopAll();
        }
        server.close();
        rpc.close();
    }
}
