package io.cairndb.storage.cluster;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.meta.MetaRange;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.NotLeaderException;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.NodeRpcServer;
import io.cairndb.storage.rpc.RpcEnvelope;
import io.cairndb.storage.rpc.RpcHandler;
import io.cairndb.storage.rpc.RpcKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the meta range's leader serves to every node: join (node ids), heartbeats (liveness, and the member list
 * in reply), range descriptors and id counters. Every request is checked against this node's meta replica
 * leading right now; otherwise it fails with NOT_LEADER naming the leader this node knows.
 */
final class MetaService {
    private final Supplier<LocalRangeReplica> metaReplica;
    private final MvccStore store;
    private final LongSupplier clock;
    private final Map<Integer, RpcHandler> handlers = new HashMap<>();
    final NodeLiveness liveness = new NodeLiveness();
    private volatile MetaRange meta;
    private volatile boolean wasLeader;

    MetaService(Supplier<LocalRangeReplica> metaReplica, MvccStore store, LongSupplier clock) {
        this.metaReplica = metaReplica;
        this.store = store;
        this.clock = clock;
        handlers.put(RpcKind.JOIN, (req, b) -> {
            MetaRange m = leading(false);
            String clusterId = m.clusterId();
            MetaRange.NodeRecord n = m.registerNode(b.readString(), b.readString(), b.readString());
            liveness.heartbeat(n.nodeId(), 0);
            return NodeInfo.writeAll(new BodyWriter().writeString(clusterId).writeInt(n.nodeId())
                    .writeDescriptor(metaDescriptor(m)), members(m.nodes())).toBytes();
        });
        handlers.put(RpcKind.HEARTBEAT, (req, b) -> {
            MetaRange m = leading(true);
            int node = b.readInt();
            liveness.heartbeat(node, b.readInt());
            String sqlAddress = b.readString();
            List<MetaRange.NodeRecord> records = new java.util.ArrayList<>(m.nodes());
            for (int i = 0; i < records.size(); i++) {
                MetaRange.NodeRecord n = records.get(i);
                // a restarted node may listen for SQL elsewhere (port 0 picks a new one): keep its record current
                if (n.nodeId() == node && sqlAddress != null && !sqlAddress.equals(n.sqlAddress())) {
                    n = new MetaRange.NodeRecord(node, n.raftAddress(), sqlAddress, n.joinToken(), n.draining());
                    m.putNode(n);
                    records.set(i, n);
                }
            }
            return NodeInfo.writeAll(new BodyWriter().writeDescriptor(metaDescriptor(m)), members(records))
                    .toBytes();
        });
        handlers.put(RpcKind.META_DESCRIPTORS, (req, b) -> {
            MetaRange m = leading(true);
            BodyWriter out = new BodyWriter().writeDescriptors(m.descriptors())
                    .writeLongs(m.droppedAmong(b.readLongs())); // the caller's range ids: which were dropped
            return NodeInfo.writeAll(out, members(m.nodes())).toBytes();
        });
        handlers.put(RpcKind.META_PUT_DESCRIPTOR, (req, b) -> {
            leading(true).putDescriptorIfNewer(b.readDescriptor());
            return new byte[0];
        });
        handlers.put(RpcKind.META_DELETE_DESCRIPTOR, (req, b) -> {
            leading(false).deleteDescriptor(b.readLong());
            return new byte[0];
        });
        handlers.put(RpcKind.META_DECOMMISSION, (req, b) -> {
            decommission(leading(true), b.readInt(), b.readBoolean(), b.readInt());
            return new byte[0];
        });
        handlers.put(RpcKind.META_NEXT_RANGE_ID, (req, b) ->
                new BodyWriter().writeLong(leading(false).nextRangeId()).toBytes());
        handlers.put(RpcKind.META_RESERVE_IDS, (req, b) ->
                new BodyWriter().writeLong(leading(false).reserveIds(b.readLong())).toBytes());
    }

    void registerOn(NodeRpcServer server) {
        handlers.forEach(server::register);
    }

    /** Serves a request on this node (its meta replica leads): the same code path a remote request takes. */
    byte[] handleLocally(int kind, byte[] body) {
        return handlers.get(kind).handle(new RpcEnvelope(kind, "", 0, 0, body), new BodyReader(body));
    }

    /**
     * Marks a node draining: the balancer moves its replicas away and gives it none. Refused (unless
     * {@code force}) when fewer nodes than the replication factor would be left to hold the replicas, since
     * ranges would then run with fewer replicas than asked for.
     */
    private void decommission(MetaRange m, int node, boolean force, int replicationFactor) {
        MetaRange.NodeRecord target = null;
        int remaining = 0;
        for (MetaRange.NodeRecord n : m.nodes()) {
            if (n.nodeId() == node) {
                target = n;
            } else if (!n.draining() && !liveness.isDead(n.nodeId())) {
                remaining++;
            }
        }
        if (target == null) {
            throw new StorageException("node " + node + " is not a member of this cluster");
        }
        if (!force && remaining < replicationFactor) {
            throw new StorageException("decommissioning node " + node + " would leave " + remaining
                    + " nodes for replication factor " + replicationFactor + "; add a node first, or use FORCE");
        }
        if (!target.draining()) {
            m.putNode(target.asDraining());
        }
    }

    /** The meta range as its leader here; {@code read}: also confirm leadership and catch up for a read. */
    MetaRange leading(boolean read) {
        LocalRangeReplica r = metaReplica.get();
        if (r == null) {
            throw new NotLeaderException("this node holds no replica of the meta range", null);
        }
        r.checkServing();
        if (read) {
            r.group().readBarrier();
        }
        MetaRange m = meta;
        if (m == null || !wasLeader) {
            m = new MetaRange(r.group(), store, clock);
            meta = m;
            liveness.leadershipStarted();
            wasLeader = true;
        }
        return m;
    }

    /** Whether this node leads the meta range now (tracks leadership changes for the liveness grace period). */
    boolean isLeading() {
        LocalRangeReplica r = metaReplica.get();
        boolean leading = r != null && r.isServing();
        if (!leading) {
            wasLeader = false;
        }
        return leading;
    }

    private static RangeDescriptor metaDescriptor(MetaRange m) {
        RangeDescriptor d = m.descriptor(RangeDescriptor.META_RANGE_ID);
        if (d == null) {
            throw new StorageException("the meta range has no descriptor of itself");
        }
        return d;
    }

    /** The members with liveness and leader counts as this meta leader knows them. */
    private List<NodeInfo> members(List<MetaRange.NodeRecord> records) {
        List<NodeInfo> out = new java.util.ArrayList<>(records.size());
        for (MetaRange.NodeRecord n : records) {
            NodeLiveness.Report r = liveness.report(n.nodeId());
            out.add(new NodeInfo(n.nodeId(), n.raftAddress(), n.sqlAddress(), liveness.isLive(n.nodeId()),
                    n.draining(), r == null ? 0 : r.leaders()));
        }
        return out;
    }
}
