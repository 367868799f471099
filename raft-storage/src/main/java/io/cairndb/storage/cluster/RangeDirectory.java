package io.cairndb.storage.cluster;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.NodeRpcClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's routing cache: a {@link RangeClient} per known range (in the {@link RangeRouter} the transaction
 * layer uses) and the address of every member. Filled from the meta range, reloaded when a lookup misses or a
 * range seems to have moved; member addresses are also kept in the node's store, so a restarted node can find
 * the meta range before it hears from it.
 */
final class RangeDirectory implements ClusterView {
    private static final byte[] NODES_KEY = MvccStore.nodeKey("member-list");

    private final int selfId;
    private final MvccStore store;
    private final NodeRpcClient rpc;
    private final ReplicaManager replicas;
    private final List<String> joinAddresses;
    private final RangeRouter router = new RangeRouter(this::refreshAll);
    private final Map<Long, RangeClient> clients = new ConcurrentHashMap<>();
    private final Map<Integer, NodeInfo> nodes = new ConcurrentHashMap<>();
    private volatile MetaClient meta;
    private volatile java.util.Set<Long> dropped = java.util.Set.of();
    private final ThreadLocal<Boolean> refreshing = ThreadLocal.withInitial(() -> false);

    RangeDirectory(int selfId, MvccStore store, NodeRpcClient rpc, ReplicaManager replicas,
                   List<String> joinAddresses) {
        this.selfId = selfId;
        this.store = store;
        this.rpc = rpc;
        this.replicas = replicas;
        this.joinAddresses = List.copyOf(joinAddresses);
        byte[] saved = store.getLocal(NODES_KEY);
        if (saved != null) {
            try {
                NodeInfo.readAll(new BodyReader(saved)).forEach(n -> nodes.put(n.nodeId(), n));
            } catch (IllegalArgumentException e) {
                // an older encoding: the first heartbeat brings the members again
            }
        }
    }

    void setMeta(MetaClient meta) {
        this.meta = meta;
    }

    RangeRouter router() {
        return router;
    }

    /** The client of a range, created for {@code d} if the directory did not know it. */
    RangeClient client(RangeDescriptor d) {
        RangeClient c = clients.computeIfAbsent(d.rangeId(), id -> {
            RangeClient fresh = new RangeClient(d, this, rpc);
            router.add(fresh);
            return fresh;
        });
        c.update(d);
        return c;
    }

    RangeClient client(long rangeId) {
        return clients.get(rangeId);
    }

    List<RangeClient> clients() {
        return new ArrayList<>(clients.values());
    }

    void forget(long rangeId) {
        clients.remove(rangeId);
        router.remove(rangeId);
    }

    /** Ids of the ranges this node knew of that were dropped (tombstones in meta), as of the last refresh. */
    java.util.Set<Long> dropped() {
        return dropped;
    }

    List<NodeInfo> nodes() {
        List<NodeInfo> out = new ArrayList<>(nodes.values());
        out.sort(java.util.Comparator.comparingInt(NodeInfo::nodeId));
        return out;
    }

    NodeInfo node(int nodeId) {
        return nodes.get(nodeId);
    }

    /** Takes the member list from the meta leader (heartbeat, join, directory reply). */
    void updateNodes(List<NodeInfo> members) {
        boolean changed = false;
        for (NodeInfo n : members) {
            NodeInfo old = nodes.put(n.nodeId(), n);
            changed |= old == null || !old.raftAddress().equals(n.raftAddress());
        }
        if (changed) {
            store.putLocalDurably(NODES_KEY, NodeInfo.writeAll(new BodyWriter(), members).toBytes());
        }
    }

    /** Reloads every descriptor and member from the meta range; ranges that are gone leave the router. */
    void refreshAll() {
        MetaClient m = meta;
        if (m == null || refreshing.get()) {
            return;
        }
        refreshing.set(true);
        try {
            // only the drops of ranges this node knows matter to it (clients to forget, replicas to remove); meta
            // keeps a tombstone of every range ever dropped, far too many to send on every refresh
            Set<Long> ask = new HashSet<>(clients.keySet());
            replicas.all().forEach(r -> ask.add(r.descriptor().rangeId()));
            MetaClient.Directory dir = m.directory(ask);
            updateNodes(dir.nodes());
            Set<Long> known = new HashSet<>();
            for (RangeDescriptor d : dir.descriptors()) {
                known.add(d.rangeId());
                client(d);
            }
            dropped = dir.dropped();
            for (Long id : List.copyOf(clients.keySet())) {
                if (dropped.contains(id)) {
                    forget(id);
                }
            }
        } finally {
            refreshing.set(false);
        }
    }

    // ---------------------------------------------------------------- ClusterView

    @Override
    public int selfId() {
        return selfId;
    }

    @Override
    public LocalRangeReplica localReplica(long rangeId) {
        return replicas.get(rangeId);
    }

    @Override
    public String address(int nodeId) {
        NodeInfo n = nodes.get(nodeId);
        return n == null ? null : n.raftAddress();
    }

    @Override
    public RangeDescriptor refresh(long rangeId) {
        if (rangeId != RangeDescriptor.META_RANGE_ID) {
            try {
                refreshAll();
            } catch (StorageException e) {
                // meta unreachable: keep what we know
            }
        }
        RangeClient c = clients.get(rangeId);
        return c == null ? null : c.descriptor();
    }

    @Override
    public List<String> fallbackAddresses(long rangeId) {
        if (rangeId != RangeDescriptor.META_RANGE_ID) {
            return List.of();
        }
        List<String> out = new ArrayList<>(joinAddresses);
        for (NodeInfo n : nodes.values()) {
            if (!out.contains(n.raftAddress())) {
                out.add(n.raftAddress());
            }
        }
        return out;
    }
}
