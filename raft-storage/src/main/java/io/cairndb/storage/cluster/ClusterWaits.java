package io.cairndb.storage.cluster;

import io.cairndb.storage.concurrency.WaitForGraph;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.NodeRpcClient;
import io.cairndb.storage.rpc.NodeRpcServer;
import io.cairndb.storage.rpc.RpcKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The lock waits of the whole cluster, for a node's {@link WaitForGraph}: serves this node's waits to the others and
 * gathers theirs when a waiter asks whether it closes a cycle through several nodes. A node that does not answer
 * in time adds no waits; a cycle through it ends at the lock wait timeout instead.
 */
final class ClusterWaits implements WaitForGraph.Elsewhere {
    /** How long one node is given to answer: a waiter asks while it waits, so a slow node must not hold it long. */
    private static final long ASK_TIMEOUT_MS = 500;

    private final IntSupplier nodeId;
    private final WaitForGraph graph;
    private final NodeRpcClient rpc;
    private final Supplier<List<NodeInfo>> nodes;

    ClusterWaits(IntSupplier nodeId, WaitForGraph graph, NodeRpcClient rpc, Supplier<List<NodeInfo>> nodes) {
        this.nodeId = nodeId;
        this.graph = graph;
        this.rpc = rpc;
        this.nodes = nodes;
    }

    /** Serves this node's waits to the others and lets the graph ask for theirs. */
    void registerOn(NodeRpcServer server) {
        server.register(RpcKind.NODE_LOCK_WAITS, (req, b) -> {
            Map<Long, Long> waits = graph.waits();
            BodyWriter out = new BodyWriter().writeInt(waits.size());
            waits.forEach((waiter, holder) -> out.writeLong(waiter).writeLong(holder));
            return out.toBytes();
        });
        graph.setElsewhere(this);
    }

    @Override
    public Map<Long, Long> waits() {
        Map<Long, Long> out = new HashMap<>();
        for (NodeInfo n : nodes.get()) {
            if (n.nodeId() == nodeId.getAsInt() || !n.live()) {
                continue;
            }
            try {
                BodyReader r = rpc.call(n.raftAddress(), RpcKind.NODE_LOCK_WAITS, new byte[0], ASK_TIMEOUT_MS);
                for (int i = r.readInt(); i > 0; i--) {
                    out.put(r.readLong(), r.readLong());
                }
            } catch (RuntimeException e) {
                // unreachable or slow: its waits are not known this time
            }
        }
        return out;
    }
}
