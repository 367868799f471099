package io.cairndb.storage.meta;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.keys.KeyWriter;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.StoredValues;
import io.cairndb.storage.range.RangeCommand;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.Write;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the meta range (range 1) keeps besides system data of the layers above: the cluster id, range
 * descriptors and node records (MVCC system keys), and range-local counters (range ids, unique-id blocks, node
 * ids). Every change goes through the meta range's Raft group; reads come from this node's replica. Only the
 * meta range's leader uses this class ({@code cluster.MetaService} checks that, other nodes ask it over RPC).
 */
public final class MetaRange {
    private static final String RANGE_SEQ = "range-seq";
    private static final String ID_SEQ = "id-seq";
    private static final String NODE_SEQ = "node-seq";

    private final RangeGroup group;
    private final MvccStore store;
    private final LongSupplier clock;

    /** {@code clock} gives timestamps for descriptor and node writes. */
    public MetaRange(RangeGroup group, MvccStore store, LongSupplier clock) {
        this.group = group;
        this.store = store;
        this.clock = clock;
    }

    /** A new range id (the meta range is 1). */
    public synchronized long nextRangeId() {
        long next = Math.max(counter(RANGE_SEQ), RangeDescriptor.META_RANGE_ID) + 1;
        return (Long) group.proposeAndWait(new RangeCommand.SetMeta(RANGE_SEQ, next));
    }

    /**
     * Reserves {@code count} cluster-unique ids through Raft and returns the first; nodes hand them out from
     * memory, so ids survive restarts unused-but-unique.
     */
    public synchronized long reserveIds(long count) {
        long start = Math.max(counter(ID_SEQ), 0) + 1;
        group.proposeAndWait(new RangeCommand.SetMeta(ID_SEQ, start + count - 1));
        return start;
    }

    private long counter(String name) {
        byte[] v = store.getLocal(MvccStore.metaKey(name));
        return v == null ? 0 : StoredValues.bytesLong(v);
    }

    // ---------------------------------------------------------------- descriptors

    private static byte[] descriptorKey(long rangeId) {
        return KeySpace.systemKey("range", new KeyWriter().writeLong(rangeId).toBytes());
    }

    /**
     * Records a range's descriptor unless meta holds the same or a newer generation already; returns whether it
     * did. Generations come from the range's own log (splits and recorded voters), so a higher one is always the
     * later state; nodes publish after the fact and in any order (a replica addition finishing after a split).
     * Synchronized: only the meta leader writes, and check and write must not interleave with another's.
     */
    public synchronized boolean putDescriptorIfNewer(RangeDescriptor d) {
        RangeDescriptor current = descriptor(d.rangeId());
        if (current != null && current.generation() >= d.generation()
                || store.get(tombstoneKey(d.rangeId()), Long.MAX_VALUE) != null) {
            return false; // newer, or dropped: a late publication must not bring a dropped range back
        }
        writeSystem(descriptorKey(d.rangeId()), d.toBytes());
        return true;
    }

    /** Removes a dropped range's descriptor and leaves a tombstone, so nodes holding a replica remove theirs. */
    public synchronized void deleteDescriptor(long rangeId) {
        writeSystem(tombstoneKey(rangeId), new byte[] {1});
        writeSystem(descriptorKey(rangeId), null);
    }

    private static byte[] tombstoneKey(long rangeId) {
        return KeySpace.systemKey("dropped-range", new KeyWriter().writeLong(rangeId).toBytes());
    }

    /**
     * Which of {@code rangeIds} were dropped (absence of a descriptor alone does not say dropped: a split publishes
     * late). Looked up one by one: the tombstones are never removed, so every range ever dropped has one, and a
     * caller only ever asks about the few ranges it knows of.
     */
    public List<Long> droppedAmong(java.util.Collection<Long> rangeIds) {
        List<Long> out = new ArrayList<>();
        for (long id : rangeIds) {
            if (store.get(tombstoneKey(id), Long.MAX_VALUE) != null) {
                out.add(id);
            }
        }
        return out;
    }

    public List<RangeDescriptor> descriptors() {
        byte[] prefix = KeySpace.systemKey("range", new byte[0]);
        List<RangeDescriptor> out = new ArrayList<>();
        for (KeyValue kv : store.scan(prefix, KeySpace.prefixEnd(prefix), Long.MAX_VALUE, Integer.MAX_VALUE)) {
            out.add(RangeDescriptor.fromBytes(kv.value()));
        }
        return out;
    }

    /** The descriptor of one range, or null (never created, or dropped). */
    public RangeDescriptor descriptor(long rangeId) {
        byte[] v = store.get(descriptorKey(rangeId), Long.MAX_VALUE);
        return v == null ? null : RangeDescriptor.fromBytes(v);
    }

    // ---------------------------------------------------------------- cluster id

    private static final byte[] CLUSTER_ID_KEY = KeySpace.systemKey("cluster", "id".getBytes(
            java.nio.charset.StandardCharsets.UTF_8));

    public void putClusterId(String clusterId) {
        writeSystem(CLUSTER_ID_KEY, clusterId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The cluster id recorded at bootstrap, or null (a data directory from a single-node release). */
    public String clusterId() {
        byte[] v = store.get(CLUSTER_ID_KEY, Long.MAX_VALUE);
        return v == null ? null : new String(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- nodes

    /**
     * A node as recorded in the meta range.
     *
     * @param joinToken the random token the node joined with (a retried join gets the same id); empty for the
     *                  node that bootstrapped the cluster
     */
    public record NodeRecord(int nodeId, String raftAddress, String sqlAddress, String joinToken, boolean draining) {
        public NodeRecord(int nodeId, String raftAddress, String sqlAddress, String joinToken) {
            this(nodeId, raftAddress, sqlAddress, joinToken, false);
        }

        /** The same node, being decommissioned: it receives no replicas and its replicas move away. */
        public NodeRecord asDraining() {
            return new NodeRecord(nodeId, raftAddress, sqlAddress, joinToken, true);
        }
    }

    /**
     * Gives a node its id: the same id for a join retried with the same token; a new one otherwise. A raft
     * address already held by a node with another token is refused (it would be two voters at one address).
     */
    public synchronized NodeRecord registerNode(String joinToken, String raftAddress, String sqlAddress) {
        int highest = 0;
        for (NodeRecord n : nodes()) {
            highest = Math.max(highest, n.nodeId());
            if (n.joinToken().equals(joinToken) && !joinToken.isEmpty()) {
                NodeRecord updated = new NodeRecord(n.nodeId(), raftAddress, sqlAddress, joinToken, n.draining());
                putNode(updated);
                return updated;
            }
            if (n.raftAddress().equals(raftAddress)) {
                throw new StorageException("address " + raftAddress + " already belongs to node " + n.nodeId()
                        + "; a node whose data directory was lost must join with another address");
            }
        }
        long id = (Long) group.proposeAndWait(new RangeCommand.SetMeta(NODE_SEQ, Math.max(counter(NODE_SEQ),
                highest) + 1));
        NodeRecord record = new NodeRecord((int) id, raftAddress, sqlAddress, joinToken);
        putNode(record);
        return record;
    }

    public void putNode(NodeRecord node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(node.nodeId());
            out.writeUTF(node.raftAddress());
            out.writeUTF(node.sqlAddress() == null ? "" : node.sqlAddress());
            out.writeUTF(node.joinToken() == null ? "" : node.joinToken());
            out.writeBoolean(node.draining());
        } catch (IOException e) {
            throw new StorageException("cannot encode node record", e);
        }
        writeSystem(KeySpace.systemKey("node", new KeyWriter().writeLong(node.nodeId()).toBytes()),
                bytes.toByteArray());
    }

    public List<NodeRecord> nodes() {
        byte[] prefix = KeySpace.systemKey("node", new byte[0]);
        List<NodeRecord> out = new ArrayList<>();
        for (KeyValue kv : store.scan(prefix, KeySpace.prefixEnd(prefix), Long.MAX_VALUE, Integer.MAX_VALUE)) {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(kv.value()))) {
                int id = in.readInt();
                String raft = in.readUTF();
                String sql = in.readUTF();
                String token = in.available() > 0 ? in.readUTF() : "";
                out.add(new NodeRecord(id, raft, sql, token, in.available() > 0 && in.readBoolean()));
            } catch (IOException e) {
                throw new StorageException("corrupt node record", e);
            }
        }
        return out;
    }

    private void writeSystem(byte[] key, byte[] value) {
        long ts = clock.getAsLong();
        group.proposeAndWait(new RangeCommand.CommitWrites(0, ts, List.of(new Write(key, value))));
    }
}
