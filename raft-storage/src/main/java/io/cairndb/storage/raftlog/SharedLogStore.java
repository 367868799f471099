package io.cairndb.storage.raftlog;

import io.cairndb.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One RocksDB holding the Raft logs of every group of a node. It is its own database (not a column family of
 * the data store) so that the log's fsync per append flushes only the log's WAL: the data store's WAL is not
 * synced, and sharing it would make every data write wait behind log fsyncs and vice versa.
 *
 * <p>Two column families, as in jraft's RocksDBLogStorage: {@code entries} (every entry) and {@code conf}
 * (configuration entries again, plus each group's first-log-index marker), so a restart rebuilds a group's
 * configuration history without reading its whole log. Keys: {@link LogKeys}.
 *
 * <p>Concurrent groups writing with sync share RocksDB's write groups, so one fsync commits the appends of many
 * groups. The store outlives its groups: a group's storage registers on init and unregisters on shutdown, and
 * {@link #close()} refuses to run under a registered group (closing RocksDB under a reader crashes the JVM).
 */
public final class SharedLogStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** Memtable of the entries family: large enough that a busy node flushes rarely, small beside the data store. */
    private static final long ENTRIES_WRITE_BUFFER = 16L << 20;
    /** Conf entries are rare; a small memtable keeps the family from holding memory for nothing. */
    private static final long CONF_WRITE_BUFFER = 1L << 20;
    /**
     * Flush whatever family pins the WAL past this size. The conf family is written rarely, so without the cap
     * its unflushed memtable would keep every WAL file alive.
     */
    private static final long MAX_TOTAL_WAL = 64L << 20;
    private static final long BLOCK_CACHE = 16L << 20;

    /** Which column family an operation is about. */
    public enum Family { ENTRIES, CONF }

    private final Path dir;
    private final RocksDB db;
    private final ColumnFamilyHandle entries;
    private final ColumnFamilyHandle conf;
    private final List<AutoCloseable> resources;
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);
    private final WriteOptions plainWrites = new WriteOptions().setSync(false);
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<String> openGroups = new HashSet<>();
    private boolean closed;

    private SharedLogStore(Path dir, RocksDB db, List<ColumnFamilyHandle> handles, List<AutoCloseable> resources) {
        this.dir = dir;
        this.db = db;
        this.entries = handles.get(0);
        this.conf = handles.get(1);
        this.resources = resources;
    }

    /** Opens (creating if needed) the store in {@code dir}. */
    public static SharedLogStore open(Path dir) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            LRUCache cache = track(resources, new LRUCache(BLOCK_CACHE));
            BloomFilter bloom = track(resources, new BloomFilter(10));
            DBOptions dbOptions = track(resources, new DBOptions().setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true).setMaxTotalWalSize(MAX_TOTAL_WAL)
                    .setMaxBackgroundJobs(2).setKeepLogFileNum(2));
            ColumnFamilyOptions entryOptions = track(resources, family(cache, bloom, ENTRIES_WRITE_BUFFER, 3));
            ColumnFamilyOptions confOptions = track(resources, family(cache, bloom, CONF_WRITE_BUFFER, 2));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, entryOptions),
                    new ColumnFamilyDescriptor("conf".getBytes(StandardCharsets.UTF_8), confOptions)), handles);
            return new SharedLogStore(dir, db, handles, resources);
        } catch (Exception e) {
            closeAll(resources);
            throw new StorageException("cannot open the Raft log store at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ColumnFamilyOptions family(LRUCache cache, BloomFilter bloom, long writeBuffer, int buffers) {
        return new ColumnFamilyOptions().setWriteBufferSize(writeBuffer).setMaxWriteBufferNumber(buffers)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom));
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    /** Claims {@code groupId} for one open storage; a second open storage of the same group is a bug. */
    void register(String groupId) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            synchronized (openGroups) {
                if (!openGroups.add(groupId)) {
                    throw new IllegalStateException("the Raft log of " + groupId + " is already open");
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    void unregister(String groupId) {
        synchronized (openGroups) {
            openGroups.remove(groupId);
        }
    }

    /** The value at {@code key}, or null. */
    public byte[] get(Family family, byte[] key) throws RocksDBException {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return db.get(handle(family), key);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The first ({@code last == false}) or last key in {@code [lower, upper)}, or null if the span is empty. */
    public byte[] boundaryKey(Family family, byte[] lower, byte[] upper, boolean last) {
        lifecycle.readLock().lock();
        try {
            checkOpen(); // before touching RocksDB: an iterator of a closed database crashes the JVM
            try (Slice lo = new Slice(lower); Slice hi = new Slice(upper);
                 ReadOptions ro = new ReadOptions().setIterateLowerBound(lo).setIterateUpperBound(hi);
                 RocksIterator it = db.newIterator(handle(family), ro)) {
                if (last) {
                    it.seekToLast();
                } else {
                    it.seekToFirst();
                }
                return it.isValid() ? it.key() : null;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Calls {@code visitor} with every key/value in {@code [lower, upper)}, in key order. */
    public void scan(Family family, byte[] lower, byte[] upper, BiConsumer<byte[], byte[]> visitor) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            try (Slice lo = new Slice(lower); Slice hi = new Slice(upper);
                 ReadOptions ro = new ReadOptions().setIterateLowerBound(lo).setIterateUpperBound(hi);
                 RocksIterator it = db.newIterator(handle(family), ro)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    visitor.accept(it.key(), it.value());
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Applies {@code batch} atomically; {@code sync} waits for the WAL to reach the disk. */
    public void write(LogBatch batch, boolean sync) throws RocksDBException {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            db.write(sync ? syncWrites : plainWrites, batch.batch);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** A new, empty batch of writes against this store. */
    public LogBatch newBatch() {
        return new LogBatch(this);
    }

    /**
     * Removes everything of a group (its range was dropped). The group must be shut down: a live storage would
     * keep serving entries it no longer has. Not synced: the drop is already durable in the meta range, so a
     * delete lost to a power failure only leaves unreachable keys of a group that never starts again, and
     * dropping many tables does not pay one fsync each.
     */
    public void deleteGroup(String groupId) {
        synchronized (openGroups) {
            if (openGroups.contains(groupId)) {
                throw new IllegalStateException("the Raft log of " + groupId + " is still open");
            }
        }
        byte[] group = LogKeys.group(groupId);
        try (LogBatch batch = newBatch()) {
            batch.deleteGroup(group);
            write(batch, false);
        } catch (RocksDBException e) {
            throw new StorageException("cannot delete the Raft log of " + groupId + ": " + e.getMessage(), e);
        }
    }

    ColumnFamilyHandle handle(Family family) {
        return family == Family.ENTRIES ? entries : conf;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Raft log store at " + dir + " is closed");
        }
    }

    /** Closes the store; every group must have shut down its storage first. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            synchronized (openGroups) {
                if (!openGroups.isEmpty()) {
                    throw new IllegalStateException("Raft logs still open: " + openGroups);
                }
            }
            closed = true;
            entries.close();
            conf.close();
            db.close();
            syncWrites.close();
            plainWrites.close();
            closeAll(resources);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing native option objects only frees memory; nothing to recover
            }
        }
    }
}
