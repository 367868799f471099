package io.cairndb.storage.mvcc;

import io.cairndb.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.HyperClockCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SizeApproximationFlag;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * The node's one RocksDB store, shared by every range replica. Column families:
 * <ul>
 *   <li>{@code data}: committed versions, keyed by {@link VersionKeys}; value per {@link StoredValues#version}.</li>
 *   <li>{@code intents}: prepared writes of multi-range transactions, keyed by the raw user key.</li>
 *   <li>{@code local}: range-local metadata: applied Raft index per range, transaction records, meta counters.</li>
 * </ul>
 * Writes come only from the range state machines (Raft apply), in one batch per apply call; the WAL is on but
 * not synced, because the fsynced Raft log replays whatever a crash lost.
 */
public final class MvccStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** Block cache shared by every store of the process; it fills only as blocks are read. */
    private static final Cache BLOCK_CACHE = new HyperClockCache(256L << 20, 0, -1, false);

    /** Steps a scan takes over older versions of a key before it seeks past them instead. */
    private static final int STEPS_BEFORE_SEEK = 4;
    /** Ranges forgotten between two flushes of the local family (see {@link #forgetRange}). */
    private static final int FORGOTTEN_RANGES_PER_FLUSH = 256;

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle intents;
    private final ColumnFamilyHandle local;
    private final WriteOptions writeOptions;
    private final java.util.concurrent.atomic.AtomicInteger forgottenSinceFlush =
            new java.util.concurrent.atomic.AtomicInteger();

    private MvccStore(RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions, List<ColumnFamilyHandle> handles) {
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.handles = handles;
        this.data = handles.get(1);
        this.intents = handles.get(2);
        this.local = handles.get(3);
        this.writeOptions = new WriteOptions().setSync(false).setDisableWAL(false);
    }

    public static MvccStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2);
            // point reads seek every sorted run; a cache that holds a small node's working set keeps those seeks
            // off the page cache and the block decoder (RocksDB's default is 32 MiB)
            ColumnFamilyOptions cfOptions = new ColumnFamilyOptions().setWriteBufferSize(16L << 20)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(BLOCK_CACHE));
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                    new ColumnFamilyDescriptor("data".getBytes(), cfOptions),
                    new ColumnFamilyDescriptor("intents".getBytes(), cfOptions),
                    new ColumnFamilyDescriptor("local".getBytes(), cfOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            return new MvccStore(db, dbOptions, cfOptions, handles);
        } catch (Exception e) {
            throw new StorageException("cannot open RocksDB store at " + dir + ": " + e.getMessage(), e);
        }
    }

    public RocksDB db() {
        return db;
    }

    public ColumnFamilyHandle dataFamily() {
        return data;
    }

    public ColumnFamilyHandle intentFamily() {
        return intents;
    }

    public ColumnFamilyHandle localFamily() {
        return local;
    }

    // ---------------------------------------------------------------- reads of committed data

    /** The value of {@code key} visible at {@code readTs}, or null when absent or deleted. */
    public byte[] get(byte[] key, long readTs) {
        try (VersionReader reader = versionReader()) {
            return reader.get(key, readTs);
        }
    }

    /** Point reads of committed versions through one iterator, for the keys of one request. */
    public VersionReader versionReader() {
        return new VersionReader(db.newIterator(data));
    }

    /**
     * Point reads of committed versions, key after key, through one RocksDB iterator: creating and closing an
     * iterator costs about what a seek does. It reads the store as it was when the reader was opened.
     */
    public static final class VersionReader implements AutoCloseable {
        private final RocksIterator it;

        private VersionReader(RocksIterator it) {
            this.it = it;
        }

        /** The value of {@code key} visible at {@code readTs}, or null when absent or deleted. */
        public byte[] get(byte[] key, long readTs) {
            byte[] prefix = VersionKeys.prefix(key);
            it.seek(VersionKeys.withTimestamp(prefix, readTs));
            return onVersionOf(prefix) ? StoredValues.versionValue(it.value()) : null;
        }

        /**
         * The value of {@code key} visible at {@code readTs} (null when absent or deleted) with the commit timestamp
         * of its newest version (-1: none): what a locking read needs, in one seek where the newest is visible.
         */
        public VersionedValue getWithNewest(byte[] key, long readTs) {
            byte[] prefix = VersionKeys.prefix(key);
            it.seek(prefix);
            if (!onVersionOf(prefix)) {
                return new VersionedValue(-1, null);
            }
            long newest = VersionKeys.timestamp(it.key());
            if (newest > readTs) {
                it.seek(VersionKeys.withTimestamp(prefix, readTs));
                if (!onVersionOf(prefix)) {
                    return new VersionedValue(newest, null);
                }
            }
            return new VersionedValue(newest, StoredValues.versionValue(it.value()));
        }

        /** Commit timestamp of the newest version of {@code key}, or -1 when it has none. */
        public long latestVersionTs(byte[] key) {
            byte[] prefix = VersionKeys.prefix(key);
            it.seek(prefix);
            return onVersionOf(prefix) ? VersionKeys.timestamp(it.key()) : -1;
        }

        /** Whether {@code key} has a version committed in {@code (afterTs, upToTs]}. */
        public boolean hasVersionIn(byte[] key, long afterTs, long upToTs) {
            byte[] prefix = VersionKeys.prefix(key);
            it.seek(VersionKeys.withTimestamp(prefix, upToTs)); // the newest version at or below upToTs
            return onVersionOf(prefix) && VersionKeys.timestamp(it.key()) > afterTs;
        }

        private boolean onVersionOf(byte[] prefix) {
            return it.isValid() && VersionKeys.hasPrefix(it.key(), prefix);
        }

        @Override
        public void close() {
            it.close();
        }
    }

    /**
     * Up to {@code limit} live pairs with keys in {@code [start, end)} as of {@code readTs}, ascending.
     * An empty {@code end} means no upper bound.
     */
    public List<KeyValue> scan(byte[] start, byte[] end, long readTs, int limit) {
        List<KeyValue> out = new ArrayList<>();
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        try (RocksIterator it = db.newIterator(data)) {
            it.seek(VersionKeys.prefix(start));
            while (it.isValid() && out.size() < limit) {
                byte[] vk = it.key();
                if (upper != null && Arrays.compareUnsigned(vk, upper) >= 0) {
                    break;
                }
                byte[] prefix = Arrays.copyOf(vk, VersionKeys.prefixLength(vk));
                long ts = VersionKeys.timestamp(vk);
                if (ts > readTs) {
                    // jump to the newest version at or below readTs
                    it.seek(VersionKeys.withTimestamp(prefix, readTs));
                    continue;
                }
                byte[] value = StoredValues.versionValue(it.value());
                if (value != null) {
                    out.add(new KeyValue(VersionKeys.userKey(vk), value));
                }
                skipVersions(it, prefix);
            }
        }
        return out;
    }

    /** The user key of the first version in {@code [start, end)} committed after {@code afterTs}, or null. */
    public byte[] firstVersionNewerThan(byte[] start, byte[] end, long afterTs) {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        try (RocksIterator it = db.newIterator(data)) {
            it.seek(VersionKeys.prefix(start));
            while (it.isValid()) {
                byte[] vk = it.key();
                if (upper != null && Arrays.compareUnsigned(vk, upper) >= 0) {
                    return null;
                }
                if (VersionKeys.timestamp(vk) > afterTs) {
                    return VersionKeys.userKey(vk);
                }
                // the newest version of this key is not newer: skip the rest of its versions
                skipVersions(it, Arrays.copyOf(vk, VersionKeys.prefixLength(vk)));
            }
            return null;
        }
    }

    /**
     * Moves {@code it}, standing on a version of the key whose versions start with {@code prefix}, to the first
     * entry of the next key. Most keys have one or a few versions, so a few steps forward come first (a step is
     * far cheaper than a seek); a key with many versions gets a seek past its oldest.
     */
    private static void skipVersions(RocksIterator it, byte[] prefix) {
        for (int i = 0; i < STEPS_BEFORE_SEEK; i++) {
            it.next();
            if (!it.isValid() || !VersionKeys.hasPrefix(it.key(), prefix)) {
                return;
            }
        }
        it.seek(VersionKeys.withTimestamp(prefix, 0));
        if (it.isValid() && VersionKeys.hasPrefix(it.key(), prefix)) {
            it.next();
        }
    }

    /**
     * The user key of the first version in {@code [start, end)} committed in {@code (afterTs, upToTs]}, or null.
     * Versions above {@code upToTs} (a commit pushed ahead of the clock) are passed over.
     */
    public byte[] firstVersionIn(byte[] start, byte[] end, long afterTs, long upToTs) {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        try (RocksIterator it = db.newIterator(data)) {
            it.seek(VersionKeys.prefix(start));
            while (it.isValid()) {
                byte[] vk = it.key();
                if (upper != null && Arrays.compareUnsigned(vk, upper) >= 0) {
                    return null;
                }
                long ts = VersionKeys.timestamp(vk);
                byte[] prefix = Arrays.copyOf(vk, VersionKeys.prefixLength(vk));
                if (ts > upToTs) {
                    // newer than the window: look at the newest version within it
                    it.seek(VersionKeys.withTimestamp(prefix, upToTs));
                    if (!it.isValid() || !VersionKeys.hasPrefix(it.key(), prefix)) {
                        continue; // no version of this key at or below upToTs; the iterator is on the next key
                    }
                    ts = VersionKeys.timestamp(it.key());
                }
                if (ts > afterTs) {
                    return VersionKeys.userKey(vk);
                }
                skipVersions(it, prefix);
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- intents and local metadata

    /** Every intent with a key in {@code [start, end)} (empty end = unbounded). */
    public List<Intent> intents(byte[] start, byte[] end) {
        List<Intent> out = new ArrayList<>();
        eachIntent(null, start, end, (key, raw) -> out.add(StoredValues.decodeIntent(key, raw)));
        return out;
    }

    /** Told each intent of a walk over a span, in key order; answers whether the walk goes on. */
    private interface IntentVisitor {
        boolean visit(byte[] key, byte[] raw);
    }

    /**
     * Walks the intents in {@code [start, end)} (empty end = unbounded) — through {@code batch} when it is not null,
     * so earlier commands of the batch count — until {@code visitor} stops it; returns the key it stopped at, or
     * null when it reached the end of the span.
     */
    private byte[] eachIntent(WriteBatchWithIndex batch, byte[] start, byte[] end, IntentVisitor visitor) {
        try (BoundedIterator base = intentIterator(end);
             RocksIterator it = batch == null ? null : batch.newIteratorWithBase(intents, base.it)) {
            RocksIterator walk = it == null ? base.it : it;
            walk.seek(start);
            while (walk.isValid() && (end.length == 0 || Arrays.compareUnsigned(walk.key(), end) < 0)) {
                byte[] key = walk.key();
                if (!visitor.visit(key, walk.value())) {
                    return key;
                }
                walk.next();
            }
            return null;
        }
    }

    /**
     * An iterator over the intent column family that stops at {@code end} (empty = unbounded) inside RocksDB:
     * resolved intents leave tombstones behind, and an unbounded iterator looking for the next live intent would
     * pass over every one of them, however far past the span it was asked about.
     */
    private BoundedIterator intentIterator(byte[] end) {
        Slice upper = end.length == 0 ? null : new Slice(end);
        ReadOptions ro = new ReadOptions();
        if (upper != null) {
            ro.setIterateUpperBound(upper);
        }
        return new BoundedIterator(db.newIterator(intents, ro), ro, upper);
    }

    /** A RocksDB iterator with the read options and bound it was made with; closes all three. */
    private static final class BoundedIterator implements AutoCloseable {
        final RocksIterator it;
        private final ReadOptions options;
        private final Slice upper;

        BoundedIterator(RocksIterator it, ReadOptions options, Slice upper) {
            this.it = it;
            this.options = options;
            this.upper = upper;
        }

        @Override
        public void close() {
            it.close();
            options.close();
            if (upper != null) {
                upper.close();
            }
        }
    }

    /** The intent on {@code key}, or null. */
    public Intent intent(byte[] key) {
        try {
            byte[] raw = db.get(intents, key);
            return raw == null ? null : StoredValues.decodeIntent(key, raw);
        } catch (RocksDBException e) {
            throw new StorageException("intent read failed: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} intents of {@code txnId} in {@code [start, end)} (empty end = unbounded), ascending. */
    public List<Intent> intentsOf(long txnId, byte[] start, byte[] end, int limit) {
        return intentsOf(java.util.Set.of(txnId), start, end, limit);
    }

    /** Up to {@code limit} intents of the transactions in {@code txnIds} in {@code [start, end)}, ascending. */
    public List<Intent> intentsOf(java.util.Set<Long> txnIds, byte[] start, byte[] end, int limit) {
        List<Intent> out = new ArrayList<>();
        if (limit > 0) {
            eachIntent(null, start, end, (key, raw) -> {
                if (txnIds.contains(StoredValues.intentTxnId(raw))) {
                    out.add(StoredValues.decodeIntent(key, raw));
                }
                return out.size() < limit;
            });
        }
        return out;
    }

    /** Per transaction, a summary of its intents in {@code [start, end)}; the intents are streamed, not kept. */
    public List<TxnIntents> intentsByTransaction(byte[] start, byte[] end) {
        java.util.Map<Long, TxnIntents> byTxn = new java.util.LinkedHashMap<>();
        eachIntent(null, start, end, (key, value) -> {
            ByteBuffer raw = ByteBuffer.wrap(value);
            long txnId = raw.getLong();
            long ts = raw.getLong();
            long recordRange = raw.getLong();
            byte[] after = Arrays.copyOf(key, key.length + 1);
            byTxn.merge(txnId, new TxnIntents(txnId, recordRange, ts, ts, key, after),
                    (a, b) -> new TxnIntents(txnId, a.recordRangeId(), Math.min(a.oldestTs(), ts),
                            Math.max(a.newestTs(), ts), a.firstKey(), after));
            return true;
        });
        return new ArrayList<>(byTxn.values());
    }

    /** Writes, into {@code batch}, a committed version of {@code key} at {@code commitTs} (null value: deleted). */
    public void writeVersion(WriteBatchWithIndex batch, byte[] key, long commitTs, byte[] value) {
        try {
            batch.put(data, VersionKeys.versionKey(key, commitTs), StoredValues.version(value));
        } catch (RocksDBException e) {
            throw new StorageException("write failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes, into {@code batch}, the intent of {@code txnId} on {@code key}: its provisional timestamp, the range
     * holding its transaction record, and the value (null: a delete). It replaces the transaction's earlier intent
     * on the key; a key holds at most one intent.
     */
    public void writeIntent(WriteBatchWithIndex batch, byte[] key, long txnId, long ts, long recordRangeId,
                            byte[] value) {
        try {
            batch.put(intents, key, StoredValues.intent(txnId, ts, recordRangeId, value));
        } catch (RocksDBException e) {
            throw new StorageException("write failed: " + e.getMessage(), e);
        }
    }

    /** Deletes, into {@code batch}, every version and intent in {@code [start, end)} (empty end = unbounded). */
    public void clearSpan(WriteBatchWithIndex batch, byte[] start, byte[] end) {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        try (RocksIterator it = db.newIterator(data)) {
            for (it.seek(VersionKeys.prefix(start)); it.isValid(); it.next()) {
                if (upper != null && Arrays.compareUnsigned(it.key(), upper) >= 0) {
                    break;
                }
                batch.delete(data, it.key());
            }
            for (Intent intent : intents(start, end)) {
                batch.delete(intents, intent.key());
            }
        } catch (RocksDBException e) {
            throw new StorageException("clear failed: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes, into {@code batch}, the versions in {@code [start, end)} that no read at or above {@code horizon} can
     * see: of each key's versions at or below the horizon only the newest stays, and not even that one when it
     * says "deleted". Returns how many were deleted.
     */
    public int collectGarbage(WriteBatchWithIndex batch, byte[] start, byte[] end, long horizon) {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        int deleted = 0;
        try (RocksIterator it = db.newIterator(data)) {
            byte[] prefix = null;
            boolean visibleKept = false;
            for (it.seek(VersionKeys.prefix(start)); it.isValid(); it.next()) {
                byte[] vk = it.key();
                if (upper != null && Arrays.compareUnsigned(vk, upper) >= 0) {
                    break;
                }
                if (prefix == null || !VersionKeys.hasPrefix(vk, prefix)) {
                    prefix = Arrays.copyOf(vk, VersionKeys.prefixLength(vk));
                    visibleKept = false;
                }
                if (VersionKeys.timestamp(vk) > horizon) {
                    continue; // newer than the horizon: still readable
                }
                if (!visibleKept) {
                    // the version a read at the horizon sees: kept, unless it says "deleted"
                    visibleKept = true;
                    if (StoredValues.versionValue(it.value()) != null) {
                        continue;
                    }
                }
                batch.delete(data, vk);
                deleted++;
            }
        } catch (RocksDBException e) {
            throw new StorageException("garbage collection failed: " + e.getMessage(), e);
        }
        return deleted;
    }

    /**
     * Resolves the intent of {@code txnId} on {@code key} into {@code batch}: a version at {@code commitTs} when
     * {@code commit}, else nothing; the intent goes either way. Another transaction's intent is left alone.
     */
    public void resolveIntent(WriteBatchWithIndex batch, long txnId, boolean commit, long commitTs, byte[] key) {
        byte[] raw = getThrough(batch, intents, key);
        if (raw == null || StoredValues.intentTxnId(raw) != txnId) {
            return;
        }
        try {
            if (commit) {
                batch.put(data, VersionKeys.versionKey(key, commitTs),
                        StoredValues.version(StoredValues.decodeIntent(key, raw).value()));
            }
            batch.delete(intents, key);
        } catch (RocksDBException e) {
            throw new StorageException("resolve failed: " + e.getMessage(), e);
        }
    }

    /**
     * Resolves, into {@code batch}, the intents of {@code txnId} in {@code [start, end)} (empty end = unbounded) in
     * key order, stopping after {@code limit} of them or after passing {@code 4 * limit} intents of any transaction,
     * so one call costs a bounded amount whatever the span holds. Returns the key to go on from, or null when the
     * span holds no more intent of {@code txnId}. Reads through the batch, so earlier commands of it count.
     */
    public byte[] resolveIntents(WriteBatchWithIndex batch, long txnId, boolean commit, long commitTs, byte[] start,
                                 byte[] end, int limit) {
        List<byte[][]> found = new ArrayList<>(); // {key, raw}: the batch is written only after the walk
        int[] passed = {0};
        byte[] resume = eachIntent(batch, start, end, (key, raw) -> {
            if (found.size() == limit || passed[0] == 4 * limit) {
                return false;
            }
            passed[0]++;
            if (StoredValues.intentTxnId(raw) == txnId) {
                found.add(new byte[][] {key, raw});
            }
            return true;
        });
        try {
            for (byte[][] kv : found) {
                if (commit) {
                    batch.put(data, VersionKeys.versionKey(kv[0], commitTs),
                            StoredValues.version(StoredValues.decodeIntent(kv[0], kv[1]).value()));
                }
                batch.delete(intents, kv[0]);
            }
            return resume;
        } catch (RocksDBException e) {
            throw new StorageException("resolve failed: " + e.getMessage(), e);
        }
    }

    /**
     * How many intents {@code txnId} has in {@code [start, end)} (empty end = unbounded), read through
     * {@code batch}: {@code [0]} all of them, {@code [1]} those prepared at or below {@code maxTs}.
     */
    public int[] countIntents(WriteBatchWithIndex batch, long txnId, byte[] start, byte[] end, long maxTs) {
        int[] counts = new int[2];
        eachIntent(batch, start, end, (key, raw) -> {
            if (StoredValues.intentTxnId(raw) == txnId) {
                counts[0]++;
                if (StoredValues.decodeIntent(key, raw).commitTs() <= maxTs) {
                    counts[1]++;
                }
            }
            return true;
        });
        return counts;
    }

    public byte[] getLocal(byte[] key) {
        try {
            return db.get(local, key);
        } catch (RocksDBException e) {
            throw new StorageException("local read failed: " + e.getMessage(), e);
        }
    }

    /** Reads through a pending batch: what the store will hold once the batch is written. */
    public byte[] getThrough(WriteBatchWithIndex batch, ColumnFamilyHandle family, byte[] key) {
        try (ReadOptions ro = new ReadOptions()) {
            return batch.getFromBatchAndDB(db, family, ro, key);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
    }

    /** Local key holding the last Raft index applied by range {@code rangeId}. */
    public static byte[] appliedIndexKey(long rangeId) {
        return ByteBuffer.allocate(9).put((byte) 'A').putLong(rangeId).array();
    }

    /** Local key of the record of transaction {@code txnId} kept by range {@code rangeId}. */
    public static byte[] recordKey(long rangeId, long txnId) {
        return ByteBuffer.allocate(17).put(recordPrefix(rangeId)).putLong(txnId).array();
    }

    /** Local key prefix of the transaction records kept by range {@code rangeId}. */
    public static byte[] recordPrefix(long rangeId) {
        return ByteBuffer.allocate(9).put((byte) 'T').putLong(rangeId).array();
    }

    /** Local key of a named meta value (timestamp high-water mark, id counters). */
    public static byte[] metaKey(String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + n.length).put((byte) 'M').put(n).array();
    }

    /** Local key of a range's read watermark: no leader served a read at or above it (replicated). */
    public static byte[] watermarkKey(long rangeId) {
        return ByteBuffer.allocate(9).put((byte) 'W').putLong(rangeId).array();
    }

    /** Local key of a range's applied quiet flag (see RangeCommand.SetQuiet); absent = busy. */
    public static byte[] quietKey(long rangeId) {
        return ByteBuffer.allocate(9).put((byte) 'Q').putLong(rangeId).array();
    }

    /** Local key of a replica this node holds: its descriptor as the node last knew it (not replicated). */
    public static byte[] replicaKey(long rangeId) {
        return ByteBuffer.allocate(9).put((byte) 'R').putLong(rangeId).array();
    }

    /** Prefix of {@link #replicaKey} keys. */
    public static byte[] replicaPrefix() {
        return new byte[] {'R'};
    }

    /** Local key of a node-local value (clock high-water mark; never replicated, never in a snapshot). */
    public static byte[] nodeKey(String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + n.length).put((byte) 'H').put(n).array();
    }

    /** Writes a node-local key durably (WAL synced), outside any Raft group. */
    public void putLocalDurably(byte[] key, byte[] value) {
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            if (value == null) {
                db.delete(local, sync, key);
            } else {
                db.put(local, sync, key, value);
            }
        } catch (RocksDBException e) {
            throw new StorageException("local write failed: " + e.getMessage(), e);
        }
    }

    /** Every local pair whose key starts with {@code prefix}. */
    public List<KeyValue> localWithPrefix(byte[] prefix) {
        List<KeyValue> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(local)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length < prefix.length || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                    break;
                }
                out.add(new KeyValue(k, it.value()));
            }
        }
        return out;
    }

    public long appliedIndex(long rangeId) {
        byte[] v = getLocal(appliedIndexKey(rangeId));
        return v == null ? 0 : StoredValues.bytesLong(v);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Deletes every version and intent of {@code [start, end)} (empty end = unbounded) from this node's store,
     * outside any Raft group: the replica of that span left this node.
     */
    public void deleteSpan(byte[] start, byte[] end) {
        byte[] max = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF};
        try {
            db.deleteRange(data, VersionKeys.prefix(start), end.length == 0 ? max : VersionKeys.prefix(end));
            db.deleteRange(intents, start, end.length == 0 ? max : end);
        } catch (RocksDBException e) {
            throw new StorageException("cannot delete a span: " + e.getMessage(), e);
        }
    }

    /** Removes the local metadata of a range this node no longer holds (its group is stopped). */
    public void forgetRange(long rangeId) {
        try {
            db.delete(local, appliedIndexKey(rangeId));
            db.delete(local, watermarkKey(rangeId));
            db.delete(local, quietKey(rangeId));
            // every record of the range (starting at recordKey(rangeId, Long.MIN_VALUE), i.e. ...80..., skipped
            // every positive txn id)
            db.deleteRange(local, recordPrefix(rangeId), recordPrefix(rangeId + 1));
        } catch (RocksDBException e) {
            throw new StorageException("cannot remove metadata of range " + rangeId + ": " + e.getMessage(), e);
        }
        // A removed range leaves tombstones here, its registry entry's among them, which every scan of the
        // registry (one per replica removal) steps over. Local writes are small, so the memtable holds hundreds of
        // thousands before it fills and flushes: with many tables created and dropped, the scans slowed down
        // without end. Flushed, the tombstones go to files, and the compaction into the last level drops them.
        if (forgottenSinceFlush.incrementAndGet() >= FORGOTTEN_RANGES_PER_FLUSH) {
            forgottenSinceFlush.set(0);
            try (FlushOptions fo = new FlushOptions().setWaitForFlush(false)) {
                db.flush(fo, local);
            } catch (RocksDBException e) {
                // only a tidy-up: the next removals try again
                forgottenSinceFlush.set(FORGOTTEN_RANGES_PER_FLUSH / 2);
            }
        }
    }

    public void write(WriteBatchWithIndex batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StorageException("RocksDB write failed: " + e.getMessage(), e);
        }
    }

    /** Makes everything written so far durable (WAL fsync). */
    public void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new StorageException("WAL sync failed: " + e.getMessage(), e);
        }
    }

    /**
     * The user key at which about half of the bytes of {@code [start, end)} — versions and intents — lie before it
     * (a split point); null when the span holds fewer than two user keys. Reads the span twice. Intents count: a
     * range grown by a big transaction's intents is over the size limit because of them, and cut by its versions
     * alone it would keep every intent on one side and be over the limit again at once.
     */
    public byte[] middleKey(byte[] start, byte[] end) {
        long[] total = {0};
        eachKeyOfSpan(start, end, (user, bytes) -> {
            total[0] += bytes;
            return true;
        });
        long[] seen = {0};
        byte[][] first = {null, null};
        eachKeyOfSpan(start, end, (user, bytes) -> {
            if (first[0] == null) {
                first[0] = user;
            } else if (seen[0] >= total[0] / 2 && !Arrays.equals(user, first[0])) {
                first[1] = user; // every version and the intent of a key stay on one side
                return false;
            }
            seen[0] += bytes;
            return true;
        });
        return first[1];
    }

    /** Told each stored entry of a span (its user key and bytes); answers whether the walk goes on. */
    private interface SpanVisitor {
        boolean visit(byte[] userKey, long bytes);
    }

    /** Walks the versions and intents of {@code [start, end)} (empty end = unbounded) merged in user-key order. */
    private void eachKeyOfSpan(byte[] start, byte[] end, SpanVisitor visitor) {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        try (RocksIterator versions = db.newIterator(data); BoundedIterator intentIt = intentIterator(end)) {
            versions.seek(VersionKeys.prefix(start));
            intentIt.it.seek(start);
            while (true) {
                byte[] version = versions.isValid()
                        && (upper == null || Arrays.compareUnsigned(versions.key(), upper) < 0) ? versions.key() : null;
                byte[] intent = intentIt.it.isValid()
                        && (end.length == 0 || Arrays.compareUnsigned(intentIt.it.key(), end) < 0)
                        ? intentIt.it.key() : null;
                if (version == null && intent == null) {
                    return;
                }
                byte[] versionUser = version == null ? null : VersionKeys.userKey(version);
                boolean takeVersion = intent == null
                        || versionUser != null && Arrays.compareUnsigned(versionUser, intent) <= 0;
                boolean more = takeVersion
                        ? visitor.visit(versionUser, version.length + versions.value().length)
                        : visitor.visit(intent, intent.length + intentIt.it.value().length);
                if (!more) {
                    return;
                }
                if (takeVersion) {
                    versions.next();
                } else {
                    intentIt.it.next();
                }
            }
        }
    }

    /** Approximate bytes stored for user keys in {@code [start, end)}, versions and intents included. */
    public long approximateSize(byte[] start, byte[] end) {
        byte[] upper = end.length == 0 ? new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF} : end;
        long total = 0;
        try (Slice s1 = new Slice(VersionKeys.prefix(start)); Slice l1 = new Slice(VersionKeys.prefix(upper));
             Slice s2 = new Slice(start); Slice l2 = new Slice(upper)) {
            total += db.getApproximateSizes(data, List.of(new org.rocksdb.Range(s1, l1)),
                    SizeApproximationFlag.INCLUDE_FILES, SizeApproximationFlag.INCLUDE_MEMTABLES)[0];
            total += db.getApproximateSizes(intents, List.of(new org.rocksdb.Range(s2, l2)),
                    SizeApproximationFlag.INCLUDE_FILES, SizeApproximationFlag.INCLUDE_MEMTABLES)[0];
        }
        return total;
    }

    @Override
    public void close() {
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, handles);
        } catch (RocksDBException e) {
            // the WAL still holds the data; the Raft log replays anything missing
        }
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        writeOptions.close();
        cfOptions.close();
        dbOptions.close();
    }
}
