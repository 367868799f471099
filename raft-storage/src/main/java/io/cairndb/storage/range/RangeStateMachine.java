package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.StoredValues;
import io.cairndb.storage.mvcc.VersionKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One range replica's state machine: applies the range's Raft log to the node's shared RocksDB store.
 *
 * <p>All entries of one {@code onApply} call go into one write batch together with the new applied index, so
 * data and index are durable together and a restart resumes exactly; entries at or below the stored applied
 * index (replayed after a restart) are skipped. A command that cannot be applied is skipped the same way on
 * every replica and fails its closure; {@code onApply} never throws.
 */
public final class RangeStateMachine extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RangeStateMachine.class);

    /** Told when this replica gains or loses leadership. */
    public interface LeadershipListener {
        void onLeaderStart(long term);

        void onLeaderStop();

        /** The intents of {@code txnId} on this replica were resolved (applied, any proposer, any leader). */
        void onResolved(long txnId);
    }

    private final long rangeId;
    private final MvccStore store;
    private final RangeSnapshots snapshots;
    private volatile long appliedIndex;
    /** Reads below this timestamp may miss collected versions (set before the deletes are written). */
    private volatile long gcHorizon;
    /** No leader served a read at or above this timestamp; raised by reads and by every commit. */
    private volatile long readWatermark;
    /** Raised in the batch being applied (written with it). */
    private long pendingWatermark;
    private final List<Long> resolvedInBatch = new ArrayList<>();
    private volatile boolean broken;
    private volatile LeadershipListener listener;
    /** The term this replica leads in (its first entry applied), or -1. */
    private long leaderTerm = -1;

    public RangeStateMachine(long rangeId, MvccStore store, RangeSnapshots snapshots) {
        this.rangeId = rangeId;
        this.store = store;
        this.snapshots = snapshots;
        this.appliedIndex = store.appliedIndex(rangeId);
        this.readWatermark = storedWatermark();
    }

    private long storedWatermark() {
        byte[] w = store.getLocal(MvccStore.watermarkKey(rangeId));
        return w == null ? 0 : StoredValues.bytesLong(w);
    }

    public long rangeId() {
        return rangeId;
    }

    /** The applied read watermark: reads at or above it must first raise it through the log. */
    public long readWatermark() {
        return readWatermark;
    }

    /**
     * Sets who hears of leadership and resolutions. A replica whose group started before the listener existed
     * and already leads is told now. Listener calls are serialized with each other (this monitor), so a
     * listener rebuilding state from the store never misses a resolution applied meanwhile.
     */
    public synchronized void setListener(LeadershipListener listener) {
        this.listener = listener;
        if (leaderTerm >= 0) {
            listener.onLeaderStart(leaderTerm);
        }
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /** The highest garbage-collection horizon applied (or being applied) on this replica since it started. */
    public long gcHorizon() {
        return gcHorizon;
    }

    @Override
    public void onApply(Iterator iter) {
        List<Closure> dones = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        long last = appliedIndex;
        pendingWatermark = readWatermark;
        resolvedInBatch.clear();
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            while (iter.hasNext()) {
                long index = iter.getIndex();
                Closure done = iter.done();
                Status status = Status.OK();
                if (broken) {
                    status = new Status(RaftError.EINTERNAL, "range %d: store write failed earlier", rangeId);
                } else if (index > appliedIndex) {
                    try {
                        batch.setSavePoint();
                        Object result = apply(RangeCommandCodec.decode(iter.getData()), batch);
                        if (done instanceof CommandClosure c) {
                            c.setResult(result);
                        }
                    } catch (RuntimeException | RocksDBException e) {
                        LOG.error("range {}: skipping log entry {} that cannot be applied", rangeId, index, e);
                        rollback(batch);
                        status = new Status(RaftError.EINVAL, "range %d: cannot apply entry %d: %s", rangeId,
                                index, e.getMessage());
                    }
                    last = index;
                }
                if (done != null) {
                    dones.add(done);
                    statuses.add(status);
                }
                iter.next();
            }
            if (!broken && last > appliedIndex) {
                batch.put(store.localFamily(), MvccStore.appliedIndexKey(rangeId), StoredValues.longBytes(last));
                if (pendingWatermark > readWatermark) {
                    batch.put(store.localFamily(), MvccStore.watermarkKey(rangeId),
                            StoredValues.longBytes(pendingWatermark));
                }
                store.write(batch);
                appliedIndex = last;
                readWatermark = pendingWatermark;
                if (!resolvedInBatch.isEmpty()) {
                    synchronized (this) {
                        LeadershipListener l = listener;
                        if (l != null) {
                            resolvedInBatch.forEach(l::onResolved);
                        }
                    }
                }
            }
        } catch (RuntimeException | RocksDBException e) {
            // the applied index did not move: a restart replays these entries from the Raft log
            LOG.error("range {}: cannot write applied entries; replica stops applying until restart", rangeId, e);
            broken = true;
            statuses.replaceAll(s -> new Status(RaftError.EIO, "range %d: store write failed: %s", rangeId,
                    e.getMessage()));
        }
        for (int i = 0; i < dones.size(); i++) {
            dones.get(i).run(statuses.get(i));
        }
    }

    private static void rollback(WriteBatchWithIndex batch) {
        try {
            batch.rollbackToSavePoint();
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot roll back write batch", e);
        }
    }

    private Object apply(RangeCommand command, WriteBatchWithIndex batch) throws RocksDBException {
        if (command instanceof RangeCommand.Noop) {
            return null;
        } else if (command instanceof RangeCommand.CommitWrites c) {
            // the commit validated its reads up to commitTs: a later leader must not accept writes below it
            pendingWatermark = Math.max(pendingWatermark, c.commitTs() + 1);
            for (Write w : c.writes()) {
                batch.put(store.dataFamily(), VersionKeys.versionKey(w.key(), c.commitTs()),
                        StoredValues.version(w.value()));
            }
            return null;
        } else if (command instanceof RangeCommand.Prepare p) {
            pendingWatermark = Math.max(pendingWatermark, p.commitTs() + 1);
            for (Write w : p.writes()) {
                batch.put(store.intentFamily(), w.key(),
                        StoredValues.intent(p.txnId(), p.commitTs(), p.recordRangeId(), w.value()));
            }
            return null;
        } else if (command instanceof RangeCommand.Resolve r) {
            for (byte[] key : r.keys()) {
                byte[] raw = store.getThrough(batch, store.intentFamily(), key);
                if (raw == null) {
                    continue;
                }
                Intent intent = StoredValues.decodeIntent(key, raw);
                if (intent.txnId() != r.txnId()) {
                    continue;
                }
                if (r.commit()) {
                    batch.put(store.dataFamily(), VersionKeys.versionKey(key, r.commitTs()),
                            StoredValues.version(intent.value()));
                }
                batch.delete(store.intentFamily(), key);
            }
            resolvedInBatch.add(r.txnId());
            return null;
        } else if (command instanceof RangeCommand.SetRecord s) {
            byte[] key = MvccStore.recordKey(rangeId, s.record().txnId());
            byte[] existing = store.getThrough(batch, store.localFamily(), key);
            if (existing != null) {
                return TxnRecord.fromBytes(existing);
            }
            batch.put(store.localFamily(), key, s.record().toBytes());
            return s.record();
        } else if (command instanceof RangeCommand.DeleteRecord d) {
            batch.delete(store.localFamily(), MvccStore.recordKey(rangeId, d.txnId()));
            return null;
        } else if (command instanceof RangeCommand.SetMeta m) {
            byte[] key = MvccStore.metaKey(m.name());
            byte[] existing = store.getThrough(batch, store.localFamily(), key);
            long value = existing == null ? m.value() : Math.max(m.value(), StoredValues.bytesLong(existing));
            batch.put(store.localFamily(), key, StoredValues.longBytes(value));
            return value;
        } else if (command instanceof RangeCommand.GcVersions g) {
            if (g.horizonTs() > gcHorizon) {
                gcHorizon = g.horizonTs();
            }
            return collectGarbage(g.start(), g.end(), g.horizonTs(), batch);
        } else if (command instanceof RangeCommand.ExtendReadWatermark w) {
            pendingWatermark = Math.max(pendingWatermark, w.ts());
            return pendingWatermark;
        } else if (command instanceof RangeCommand.ClearSpan c) {
            clearSpan(c.start(), c.end(), batch);
            return null;
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private void clearSpan(byte[] start, byte[] end, WriteBatchWithIndex batch) throws RocksDBException {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        try (RocksIterator it = store.db().newIterator(store.dataFamily())) {
            for (it.seek(VersionKeys.prefix(start)); it.isValid(); it.next()) {
                if (upper != null && Arrays.compareUnsigned(it.key(), upper) >= 0) {
                    break;
                }
                batch.delete(store.dataFamily(), it.key());
            }
        }
        for (Intent intent : store.intents(start, end)) {
            batch.delete(store.intentFamily(), intent.key());
        }
    }

    private int collectGarbage(byte[] start, byte[] end, long horizon, WriteBatchWithIndex batch)
            throws RocksDBException {
        byte[] upper = end.length == 0 ? null : VersionKeys.prefix(end);
        int deleted = 0;
        try (RocksIterator it = store.db().newIterator(store.dataFamily())) {
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
                batch.delete(store.dataFamily(), vk);
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public synchronized void onLeaderStart(long term) {
        LOG.debug("range {}: leader at term {}", rangeId, term);
        leaderTerm = term;
        LeadershipListener l = listener;
        if (l != null) {
            l.onLeaderStart(term);
        }
    }

    @Override
    public synchronized void onLeaderStop(Status status) {
        leaderTerm = -1;
        LeadershipListener l = listener;
        if (l != null) {
            l.onLeaderStop();
        }
    }

    @Override
    public void onError(RaftException e) {
        LOG.error("range {}: raft group stopped with an error", rangeId, e);
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        snapshots.save(rangeId, appliedIndex, writer, done);
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        boolean ok = snapshots.load(rangeId, reader);
        appliedIndex = store.appliedIndex(rangeId);
        readWatermark = Math.max(readWatermark, storedWatermark());
        return ok;
    }
}
