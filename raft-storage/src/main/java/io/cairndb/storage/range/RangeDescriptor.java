package io.cairndb.storage.range;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A range: the keys {@code [startKey, endKey)} (empty endKey = end of the keyspace), replicated by the Raft
 * group {@code "range-" + rangeId} on the nodes in {@code replicas}. {@code generation} grows with every change
 * of the descriptor (split, merge, membership), so a stale route can be detected.
 *
 * @param tableId the table whose keys it holds, or -1 for the meta range
 */
public record RangeDescriptor(long rangeId, int tableId, byte[] startKey, byte[] endKey, List<Integer> replicas,
                              long generation) {
    /** The meta range: system keyspace, descriptors, nodes, timestamp high-water mark, id counters. */
    public static final long META_RANGE_ID = 1;

    public String groupId() {
        return "range-" + rangeId;
    }

    public boolean contains(byte[] key) {
        return Arrays.compareUnsigned(key, startKey) >= 0
                && (endKey.length == 0 || Arrays.compareUnsigned(key, endKey) < 0);
    }

    @Override
    public String toString() {
        return "range " + rangeId + " [" + io.cairndb.storage.keys.KeySpace.hex(startKey) + ", " + io.cairndb.storage.keys.KeySpace.hex(endKey)
                + ") on " + replicas + " generation " + generation;
    }

    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 + 4 + startKey.length + 4 + endKey.length + 4
                + 4 * replicas.size() + 8);
        buf.putLong(rangeId).putInt(tableId);
        buf.putInt(startKey.length).put(startKey).putInt(endKey.length).put(endKey);
        buf.putInt(replicas.size());
        replicas.forEach(buf::putInt);
        buf.putLong(generation);
        return buf.array();
    }

    public static RangeDescriptor fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long rangeId = buf.getLong();
        int tableId = buf.getInt();
        byte[] start = new byte[buf.getInt()];
        buf.get(start);
        byte[] end = new byte[buf.getInt()];
        buf.get(end);
        int n = buf.getInt();
        List<Integer> replicas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            replicas.add(buf.getInt());
        }
        return new RangeDescriptor(rangeId, tableId, start, end, List.copyOf(replicas), buf.getLong());
    }
}
