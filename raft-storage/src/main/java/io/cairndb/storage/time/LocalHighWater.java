package io.cairndb.storage.time;

import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.StoredValues;

/**
 * The node's clock high-water mark, kept in its own store (WAL-synced), outside every Raft group: each node's
 * clock only has to stay above what that node issued; across nodes, clocks move forward by the timestamps every
 * request and reply carry.
 */
public final class LocalHighWater implements HighWaterStore {
    private static final byte[] KEY = MvccStore.nodeKey("ts-high-water");
    /** Where single-node releases kept the mark (in the meta range's counters): read once, for upgrades. */
    private static final byte[] LEGACY_KEY = MvccStore.metaKey("ts-high-water");

    private final MvccStore store;

    public LocalHighWater(MvccStore store) {
        this.store = store;
    }

    @Override
    public long load() {
        return Math.max(read(KEY), read(LEGACY_KEY));
    }

    private long read(byte[] key) {
        byte[] v = store.getLocal(key);
        return v == null ? 0 : StoredValues.bytesLong(v);
    }

    @Override
    public long persist(long mark) {
        store.putLocalDurably(KEY, StoredValues.longBytes(mark));
        return mark;
    }
}
