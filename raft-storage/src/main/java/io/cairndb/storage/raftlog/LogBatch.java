package io.cairndb.storage.raftlog;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Writes of one group to the shared log store, applied atomically by {@link SharedLogStore#write}. */
public final class LogBatch implements AutoCloseable {
    final WriteBatch batch = new WriteBatch();
    private final SharedLogStore store;

    LogBatch(SharedLogStore store) {
        this.store = store;
    }

    public LogBatch put(SharedLogStore.Family family, byte[] key, byte[] value) throws RocksDBException {
        batch.put(store.handle(family), key, value);
        return this;
    }

    /** Deletes {@code [from, to)} of one family (one range tombstone, whatever the number of keys). */
    public LogBatch deleteRange(SharedLogStore.Family family, byte[] from, byte[] to) throws RocksDBException {
        batch.deleteRange(store.handle(family), from, to);
        return this;
    }

    /** Deletes every key of the group in both families. */
    public LogBatch deleteGroup(byte[] group) throws RocksDBException {
        for (SharedLogStore.Family family : SharedLogStore.Family.values()) {
            deleteRange(family, LogKeys.entriesStart(group), LogKeys.groupEnd(group));
        }
        return this;
    }

    @Override
    public void close() {
        batch.close();
    }
}
