package io.cairndb.storage.range;

import java.nio.ByteBuffer;

/**
 * The value of a replica's registry entry ({@code MvccStore.replicaKey}): whether this node founded the group,
 * and the range's descriptor as the node knows it. Written by the node when it starts a replica and, for a split,
 * by the parent's state machine in the batch that applies the split (so a crash right after cannot lose the
 * child).
 */
public final class ReplicaRegistry {
    private ReplicaRegistry() {
    }

    public record Entry(RangeDescriptor descriptor, boolean founding) {
    }

    public static byte[] encode(RangeDescriptor d, boolean founding) {
        byte[] desc = d.toBytes();
        return ByteBuffer.allocate(1 + desc.length).put((byte) (founding ? 1 : 0)).put(desc).array();
    }

    /** The entry for {@code d}, keeping the founding flag of the entry {@code registered} (null: founding). */
    public static byte[] reencode(byte[] registered, RangeDescriptor d) {
        return encode(d, registered == null || decode(registered).founding());
    }

    public static Entry decode(byte[] value) {
        ByteBuffer v = ByteBuffer.wrap(value);
        boolean founding = v.get() == 1;
        byte[] d = new byte[v.remaining()];
        v.get(d);
        return new Entry(RangeDescriptor.fromBytes(d), founding);
    }
}
