package io.cairndb.storage.raftlog;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.conf.ConfigurationEntry;
import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.codec.LogEntryDecoder;
import com.alipay.sofa.jraft.entity.codec.LogEntryEncoder;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import io.cairndb.storage.raftlog.SharedLogStore.Family;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group's Raft log inside the node's {@link SharedLogStore}, with the semantics of jraft's own
 * RocksDBLogStorage (1.4.1), which LogManagerImpl relies on:
 *
 * <ul>
 *   <li>every entry goes to the entries family; configuration entries also go to the conf family, which
 *       {@link #init} replays into the group's ConfigurationManager;</li>
 *   <li>the first log index is a persisted marker once a prefix was truncated (or the first index was asked
 *       for); before that it is the first stored entry, or 1 for an empty log; the last index is the last stored
 *       entry, or 0;</li>
 *   <li>{@link #reset} (snapshot install) empties the group's log and keeps only the entry at the new index (a
 *       no-op entry with term 0 if there was none), with no marker.</li>
 * </ul>
 *
 * <p>One deliberate difference: jraft deletes a truncated prefix in a background thread after saving the marker
 * (and re-runs the delete at start-up in case it was lost); here marker and range delete go in one atomic batch,
 * so there is never a leftover to clean up, and no thread.
 */
public final class SharedLogStorage implements LogStorage {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLogStorage.class);

    private final SharedLogStore store;
    private final boolean sync;
    // reset replaces the whole log; everything else may run concurrently (RocksDB is thread-safe)
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private String groupId;
    private byte[] group;
    private LogEntryEncoder encoder;
    private LogEntryDecoder decoder;
    private volatile boolean open;
    private volatile long firstLogIndex = 1;
    private volatile boolean firstLogIndexKnown;

    public SharedLogStorage(SharedLogStore store, RaftOptions raftOptions) {
        this.store = store;
        this.sync = raftOptions.isSync();
    }

    @Override
    public boolean init(LogStorageOptions opts) {
        if (opts.getConfigurationManager() == null || opts.getLogEntryCodecFactory() == null) {
            throw new IllegalArgumentException("log storage options need a conf manager and a codec factory");
        }
        lock.writeLock().lock();
        try {
            if (open) {
                LOG.warn("Raft log of {} initialized twice", groupId);
                return true;
            }
            groupId = opts.getGroupId();
            group = LogKeys.group(groupId);
            encoder = opts.getLogEntryCodecFactory().encoder();
            decoder = opts.getLogEntryCodecFactory().decoder();
            store.register(groupId);
            open = true;
            firstLogIndex = 1;
            firstLogIndexKnown = false;
            load(opts.getConfigurationManager());
            return true;
        } catch (RuntimeException e) {
            LOG.error("cannot open the Raft log of {}", groupId, e);
            if (open) {
                open = false;
                store.unregister(groupId);
            }
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replays the conf family: configuration history into {@code confManager}, and the first-index marker. */
    private void load(ConfigurationManager confManager) {
        store.scan(Family.CONF, LogKeys.entriesStart(group), LogKeys.groupEnd(group), (key, value) -> {
            if (!LogKeys.isEntry(group, key)) {
                firstLogIndex = ByteBuffer.wrap(value).getLong();
                firstLogIndexKnown = true;
                return;
            }
            LogEntry entry = decoder.decode(value);
            if (entry == null) {
                LOG.warn("{}: undecodable conf entry at index {}", groupId, LogKeys.indexOf(key));
            } else if (entry.getType() == EntryType.ENTRY_TYPE_CONFIGURATION) {
                confManager.add(toConfigurationEntry(entry));
            }
        });
    }

    private static ConfigurationEntry toConfigurationEntry(LogEntry entry) {
        ConfigurationEntry conf = new ConfigurationEntry();
        conf.setId(new LogId(entry.getId().getIndex(), entry.getId().getTerm()));
        conf.setConf(new Configuration(entry.getPeers(), entry.getLearners()));
        if (entry.getOldPeers() != null) {
            conf.setOldConf(new Configuration(entry.getOldPeers(), entry.getOldLearners()));
        }
        return conf;
    }

    @Override
    public void shutdown() {
        lock.writeLock().lock();
        try {
            if (open) {
                open = false;
                store.unregister(groupId);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long getFirstLogIndex() {
        lock.readLock().lock();
        try {
            checkOpen();
            if (firstLogIndexKnown) {
                return firstLogIndex;
            }
            byte[] first = store.boundaryKey(Family.ENTRIES, LogKeys.entriesStart(group), LogKeys.entriesEnd(group),
                    false);
            if (first == null) {
                return 1;
            }
            long index = LogKeys.indexOf(first);
            saveFirstLogIndex(index);
            return index;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Persists the marker and remembers it (jraft pins the first index this way once it was asked for). */
    private void saveFirstLogIndex(long index) {
        try (LogBatch batch = store.newBatch()) {
            batch.put(Family.CONF, LogKeys.firstIndexMarker(group), longBytes(index));
            store.write(batch, sync);
            firstLogIndex = index;
            firstLogIndexKnown = true;
        } catch (RocksDBException e) {
            LOG.error("{}: cannot save first log index {}", groupId, index, e);
        }
    }

    @Override
    public long getLastLogIndex() {
        lock.readLock().lock();
        try {
            checkOpen();
            byte[] last = store.boundaryKey(Family.ENTRIES, LogKeys.entriesStart(group), LogKeys.entriesEnd(group),
                    true);
            return last == null ? 0 : LogKeys.indexOf(last);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public LogEntry getEntry(long index) {
        lock.readLock().lock();
        try {
            checkOpen();
            if (firstLogIndexKnown && index < firstLogIndex) {
                return null;
            }
            byte[] value = store.get(Family.ENTRIES, LogKeys.entry(group, index));
            if (value == null) {
                return null;
            }
            LogEntry entry = decoder.decode(value);
            if (entry == null) {
                LOG.error("{}: undecodable log entry at index {}", groupId, index);
            }
            return entry;
        } catch (RocksDBException e) {
            LOG.error("{}: cannot read log entry {}", groupId, index, e);
            return null;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long getTerm(long index) {
        LogEntry entry = getEntry(index);
        return entry == null ? 0 : entry.getId().getTerm();
    }

    @Override
    public boolean appendEntry(LogEntry entry) {
        return appendEntries(List.of(entry)) == 1;
    }

    @Override
    public int appendEntries(List<LogEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return 0;
        }
        lock.readLock().lock();
        try (LogBatch batch = store.newBatch()) {
            if (!open) {
                LOG.warn("{}: append to a shut down Raft log", groupId);
                return 0;
            }
            for (LogEntry entry : entries) {
                addEntry(batch, entry);
            }
            store.write(batch, sync); // one write, one fsync: all of them or none
            return entries.size();
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("{}: cannot append {} log entries", groupId, entries.size(), e);
            return 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void addEntry(LogBatch batch, LogEntry entry) throws RocksDBException {
        byte[] key = LogKeys.entry(group, entry.getId().getIndex());
        byte[] value = encoder.encode(entry);
        batch.put(Family.ENTRIES, key, value);
        if (entry.getType() == EntryType.ENTRY_TYPE_CONFIGURATION) {
            batch.put(Family.CONF, key, value);
        }
    }

    @Override
    public boolean truncatePrefix(long firstIndexKept) {
        lock.readLock().lock();
        try (LogBatch batch = store.newBatch()) {
            checkOpen();
            // from index 0, not from the current first index: whatever lies below firstIndexKept goes
            byte[] from = LogKeys.entry(group, 0);
            byte[] to = LogKeys.entry(group, firstIndexKept);
            batch.put(Family.CONF, LogKeys.firstIndexMarker(group), longBytes(firstIndexKept))
                    .deleteRange(Family.ENTRIES, from, to)
                    .deleteRange(Family.CONF, from, to);
            store.write(batch, sync);
            firstLogIndex = firstIndexKept;
            firstLogIndexKnown = true;
            return true;
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("{}: cannot truncate the log prefix before {}", groupId, firstIndexKept, e);
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean truncateSuffix(long lastIndexKept) {
        lock.readLock().lock();
        try (LogBatch batch = store.newBatch()) {
            checkOpen();
            byte[] from = LogKeys.entry(group, lastIndexKept + 1);
            byte[] to = LogKeys.entriesEnd(group);
            batch.deleteRange(Family.ENTRIES, from, to).deleteRange(Family.CONF, from, to);
            store.write(batch, sync);
            return true;
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("{}: cannot truncate the log after {}", groupId, lastIndexKept, e);
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean reset(long nextLogIndex) {
        if (nextLogIndex <= 0) {
            throw new IllegalArgumentException("Invalid next log index.");
        }
        lock.writeLock().lock();
        try (LogBatch batch = store.newBatch()) {
            checkOpen();
            LogEntry entry = getEntry(nextLogIndex);
            if (entry == null) {
                entry = new LogEntry();
                entry.setType(EntryType.ENTRY_TYPE_NO_OP);
                entry.setId(new LogId(nextLogIndex, 0));
                LOG.warn("{}: no entry at {} when resetting the log", groupId, nextLogIndex);
            }
            // like jraft's destroy-and-reopen, but atomic: the whole group goes (marker and conf entries too),
            // then the kept entry is written; later writes of a batch win over its earlier deletes
            batch.deleteGroup(group);
            addEntry(batch, entry);
            store.write(batch, sync);
            firstLogIndex = 1;
            firstLogIndexKnown = false;
            return true;
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("{}: cannot reset the log to {}", groupId, nextLogIndex, e);
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the Raft log of " + groupId + " is not open");
        }
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    @Override
    public String toString() {
        return "SharedLogStorage{" + groupId + "}";
    }
}
