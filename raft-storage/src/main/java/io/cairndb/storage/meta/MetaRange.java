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
import io.cairndb.storage.time.HighWaterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the meta range (range 1) keeps besides system data of the layers above: range descriptors and node
 * records (MVCC system keys), and the range-local counters: the timestamp high-water mark and id sequences.
 * Every change goes through the meta range's Raft group; reads come from this node's replica, which leads it.
 */
public final class MetaRange implements HighWaterStore {
    private static final String HIGH_WATER = "ts-high-water";
    private static final String RANGE_SEQ = "range-seq";
    private static final String ID_SEQ = "id-seq";
    private static final long ID_BLOCK = 1000;

    private final RangeGroup group;
    private final MvccStore store;
    private LongSupplier clock;
    private long nextId;
    private long idLimit;

    public MetaRange(RangeGroup group, MvccStore store) {
        this.group = group;
        this.store = store;
    }

    /** Timestamps for descriptor and node writes (set once the clock exists). */
    public void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public long load() {
        return counter(HIGH_WATER);
    }

    @Override
    public long persist(long mark) {
        return (Long) group.proposeAndWait(new RangeCommand.SetMeta(HIGH_WATER, mark));
    }

    /** A new range id (the meta range is 1). */
    public synchronized long nextRangeId() {
        long next = Math.max(counter(RANGE_SEQ), RangeDescriptor.META_RANGE_ID) + 1;
        return (Long) group.proposeAndWait(new RangeCommand.SetMeta(RANGE_SEQ, next));
    }

    /** A cluster-unique id; blocks of ids are reserved through Raft, so ids survive restarts unused-but-unique. */
    public synchronized long nextUniqueId() {
        if (nextId >= idLimit) {
            long start = Math.max(counter(ID_SEQ), 0) + 1;
            long limit = start + ID_BLOCK;
            group.proposeAndWait(new RangeCommand.SetMeta(ID_SEQ, limit - 1));
            nextId = start;
            idLimit = limit;
        }
        return nextId++;
    }

    private long counter(String name) {
        byte[] v = store.getLocal(MvccStore.metaKey(name));
        return v == null ? 0 : StoredValues.bytesLong(v);
    }

    // ---------------------------------------------------------------- descriptors

    private static byte[] descriptorKey(long rangeId) {
        return KeySpace.systemKey("range", new KeyWriter().writeLong(rangeId).toBytes());
    }

    public void putDescriptor(RangeDescriptor d) {
        writeSystem(descriptorKey(d.rangeId()), d.toBytes());
    }

    public void deleteDescriptor(long rangeId) {
        writeSystem(descriptorKey(rangeId), null);
    }

    public List<RangeDescriptor> descriptors() {
        byte[] prefix = KeySpace.systemKey("range", new byte[0]);
        List<RangeDescriptor> out = new ArrayList<>();
        for (KeyValue kv : store.scan(prefix, KeySpace.prefixEnd(prefix), Long.MAX_VALUE, Integer.MAX_VALUE)) {
            out.add(RangeDescriptor.fromBytes(kv.value()));
        }
        return out;
    }

    // ---------------------------------------------------------------- nodes

    /** A node as recorded in the meta range. */
    public record NodeRecord(int nodeId, String raftAddress, String sqlAddress) {
    }

    public void putNode(NodeRecord node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(node.nodeId());
            out.writeUTF(node.raftAddress());
            out.writeUTF(node.sqlAddress() == null ? "" : node.sqlAddress());
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
                out.add(new NodeRecord(in.readInt(), in.readUTF(), in.readUTF()));
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
