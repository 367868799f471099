package io.cairndb.storage.txn;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.ReadSet;
import io.cairndb.storage.range.Write;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A transaction: reads at its snapshot timestamp through the range leaders, buffers its writes here until
 * commit, and remembers what it read per range so the commit can validate it.
 */
final class RangeTransaction implements Transaction {
    private final long id;
    private final long readTs;
    private final boolean readOnly;
    private final RangeRouter router;
    private final CommitProtocol commits;
    private final TreeMap<byte[], Write> writes = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<Long, ReadSet> reads = new LinkedHashMap<>();
    private boolean active = true;

    RangeTransaction(long id, long readTs, boolean readOnly, RangeRouter router, CommitProtocol commits) {
        this.id = id;
        this.readTs = readTs;
        this.readOnly = readOnly;
        this.router = router;
        this.commits = commits;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long readTimestamp() {
        return readTs;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public byte[] get(byte[] key) {
        checkActive();
        checkKey(key);
        Write own = writes.get(key);
        if (own != null) {
            return own.value() == null ? null : own.value().clone();
        }
        RangeReplica replica = router.replicaFor(key);
        byte[] value = replica.get(key, readTs, id);
        readSet(replica.descriptor().rangeId()).addKey(key.clone());
        return value;
    }

    @Override
    public KvIterator scan(byte[] startInclusive, byte[] endExclusive) {
        checkActive();
        checkKey(startInclusive);
        if (endExclusive == null) {
            throw new IllegalArgumentException("scan end must not be null (use an empty array for no bound)");
        }
        NavigableMap<byte[], Write> own = endExclusive.length == 0
                ? writes.tailMap(startInclusive, true)
                : Arrays.compareUnsigned(startInclusive, endExclusive) >= 0
                ? new TreeMap<>(Arrays::compareUnsigned)
                : writes.subMap(startInclusive, true, endExclusive, false);
        StoreScan store = new StoreScan(router, startInclusive.clone(), endExclusive.clone(), readTs, id,
                this::readSet);
        return new MergingKvIterator(store, new TreeMap<>(own));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("put of a null value; use delete");
        }
        writes.put(key.clone(), new Write(key.clone(), value.clone()));
    }

    @Override
    public void delete(byte[] key) {
        checkWritable();
        checkKey(key);
        writes.put(key.clone(), new Write(key.clone(), null));
    }

    @Override
    public void commit() {
        checkActive();
        active = false;
        if (readOnly || writes.isEmpty()) {
            return; // serialized at its read timestamp; its reads are in the timestamp caches
        }
        commits.commit(id, readTs, writes.values(), reads);
    }

    @Override
    public void rollback() {
        active = false;
        writes.clear();
    }

    ReadSet readSet(long rangeId) {
        return reads.computeIfAbsent(rangeId, r -> new ReadSet());
    }

    private void checkActive() {
        if (!active) {
            throw new StorageException("transaction " + id + " has already ended");
        }
    }

    private void checkWritable() {
        checkActive();
        if (readOnly) {
            throw new StorageException("transaction " + id + " is read-only");
        }
    }

    private static void checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
    }
}
