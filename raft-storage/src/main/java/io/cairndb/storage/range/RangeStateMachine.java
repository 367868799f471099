package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.StoredValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksDBException;
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
    /** A read of every intent of the range (a replica's start, a snapshot installed) that takes this long is logged. */
    private static final long SLOW_INTENT_READ_MS = 500;

    /** Told when this replica gains or loses leadership. */
    public interface LeadershipListener {
        /**
         * This replica leads from {@code term} on; {@code intents} summarizes, per transaction, the intents it
         * holds (see {@link AppliedIntents}).
         */
        void onLeaderStart(long term, List<io.cairndb.storage.mvcc.TxnIntents> intents);

        void onLeaderStop();

        /**
         * Intents of {@code txnId} on this replica were resolved (applied, any proposer, any leader): committed at
         * {@code commitTs} when {@code commit}, else aborted.
         */
        void onResolved(long txnId, boolean commit, long commitTs);

        /**
         * No intent of {@code txnId} is left in {@code [from, to)} (empty = unbounded) here: a span resolved, its
         * transaction committed at {@code commitTs} when {@code commit}, else aborted.
         */
        void onResolvedSpan(long txnId, boolean commit, long commitTs, byte[] from, byte[] to);
    }

    /** Told when a split has been applied here: the parent's new span, and the child to start on this node. */
    public interface SplitListener {
        /** {@code childIntents}: the child's part of the parent's {@link AppliedIntents}. */
        void onSplit(RangeDescriptor parent, RangeDescriptor child, List<PeerId> voters,
                     List<io.cairndb.storage.mvcc.TxnIntents> childIntents);
    }

    /**
     * The result of a command refused because its keys are not (or no longer) in this range: nothing of it was
     * written, on any replica.
     */
    public record Mismatch(String reason) {
    }

    /** The result of a prepare refused because the range holds a final record of its transaction. */
    public record Refused(TxnRecord held) {
    }

    /**
     * What {@link RangeCommand.CheckPrepared} found: how many of the transaction's intents in the span (as far as
     * this range holds it) are prepared at or below the timestamp asked about, and the key to go on from at the next
     * range when the span reaches past this one (null when it does not).
     */
    public record PreparedCount(int keys, byte[] resume) {
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
    /** The applied {@link RangeCommand.SetQuiet} flag, and its value in the batch being applied. */
    private volatile boolean quiet;
    private boolean pendingQuiet;
    private volatile java.util.function.Consumer<Boolean> quietListener;
    /** Resolutions applied in the batch being applied, told to the listener once it is written. */
    private final List<Resolution> resolvedInBatch = new ArrayList<>();

    /**
     * A resolution applied: of listed keys ({@code from == null}), or of a span, which holds no more intents of
     * the transaction in {@code [from, to)}.
     */
    private record Resolution(long txnId, boolean commit, long commitTs, byte[] from, byte[] to) {
    }
    private volatile boolean broken;
    private volatile LeadershipListener listener;
    private volatile SplitListener splitListener;
    /**
     * The range as this replica applies it. Its span changes only through {@link RangeCommand.Split} (and a
     * snapshot), so every replica checks keys against the same span at the same log position.
     */
    private volatile RangeDescriptor descriptor;
    private RangeDescriptor pendingDescriptor;
    private final List<RangeDescriptor> splitsInBatch = new ArrayList<>();
    private final List<List<PeerId>> splitVoters = new ArrayList<>();
    private final List<List<io.cairndb.storage.mvcc.TxnIntents>> splitIntents = new ArrayList<>();
    /** What this replica's intents are, per transaction (state machine thread only). */
    private final AppliedIntents intents;
    /** Changes to {@link #intents} made by the batch being applied: they take effect once it is written. */
    private final List<Runnable> intentChanges = new ArrayList<>();
    /** The term this replica leads in (its first entry applied), or -1. */
    private long leaderTerm = -1;

    public RangeStateMachine(RangeDescriptor descriptor, MvccStore store, RangeSnapshots snapshots) {
        this(descriptor, store, snapshots, null);
    }

    /**
     * {@code intentsFromParent}: for a split's child started right after the split, its part of the parent's
     * summary of intents (null: read from the store now).
     */
    public RangeStateMachine(RangeDescriptor descriptor, MvccStore store, RangeSnapshots snapshots,
                             List<io.cairndb.storage.mvcc.TxnIntents> intentsFromParent) {
        this.intents = new AppliedIntents(intentsFromParent != null ? intentsFromParent
                : readIntents(store, descriptor, "starting"));
        this.descriptor = descriptor;
        this.rangeId = descriptor.rangeId();
        this.store = store;
        this.snapshots = snapshots;
        this.appliedIndex = store.appliedIndex(rangeId);
        this.readWatermark = storedWatermark();
        this.quiet = store.getLocal(MvccStore.quietKey(rangeId)) != null;
    }

    /** Whether the range is marked idle (the last applied {@link RangeCommand.SetQuiet}). */
    public boolean quiet() {
        return quiet;
    }

    /** Sets who follows the quiet flag (the replica's group); told after every batch that changed it. */
    void setQuietListener(java.util.function.Consumer<Boolean> listener) {
        this.quietListener = listener;
    }

    private long storedWatermark() {
        byte[] w = store.getLocal(MvccStore.watermarkKey(rangeId));
        return w == null ? 0 : StoredValues.bytesLong(w);
    }

    public long rangeId() {
        return rangeId;
    }

    /** The range as applied here (span from the log; voters and generation as the node last learnt them). */
    public RangeDescriptor descriptor() {
        return descriptor;
    }

    public void setSplitListener(SplitListener listener) {
        this.splitListener = listener;
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
            // not on the state machine's thread: the summary may be changing, the store says what is there now
            listener.onLeaderStart(leaderTerm, readIntents(store, descriptor, "for a listener set late"));
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
        pendingQuiet = quiet;
        pendingDescriptor = descriptor;
        resolvedInBatch.clear();
        splitsInBatch.clear();
        splitVoters.clear();
        splitIntents.clear();
        intentChanges.clear();
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            while (iter.hasNext()) {
                long index = iter.getIndex();
                Closure done = iter.done();
                Status status = Status.OK();
                if (broken) {
                    status = new Status(RaftError.EINTERNAL, "range %d: store write failed earlier", rangeId);
                } else if (index > appliedIndex) {
                    int changesBefore = intentChanges.size();
                    try {
                        batch.setSavePoint();
                        Object result = apply(RangeCommandCodec.decode(iter.getData()), batch);
                        if (done instanceof CommandClosure c) {
                            c.setResult(result);
                        }
                    } catch (RuntimeException | RocksDBException e) {
                        LOG.error("range {}: skipping log entry {} that cannot be applied", rangeId, index, e);
                        rollback(batch);
                        intentChanges.subList(changesBefore, intentChanges.size()).clear();
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
                if (pendingQuiet != quiet) {
                    if (pendingQuiet) {
                        batch.put(store.localFamily(), MvccStore.quietKey(rangeId), new byte[0]);
                    } else {
                        batch.delete(store.localFamily(), MvccStore.quietKey(rangeId));
                    }
                }
                store.write(batch);
                intentChanges.forEach(Runnable::run); // in log order; a split's part is taken for its child here
                appliedIndex = last;
                readWatermark = pendingWatermark;
                if (pendingQuiet != quiet) {
                    quiet = pendingQuiet;
                    java.util.function.Consumer<Boolean> l = quietListener;
                    if (l != null) {
                        l.accept(quiet);
                    }
                }
                descriptor = pendingDescriptor;
                if (!splitsInBatch.isEmpty()) {
                    synchronized (this) {
                        SplitListener l = splitListener;
                        for (int i = 0; i < splitsInBatch.size(); i++) {
                            if (l != null) {
                                l.onSplit(descriptor, splitsInBatch.get(i), splitVoters.get(i), splitIntents.get(i));
                            }
                        }
                    }
                }
                if (!resolvedInBatch.isEmpty()) {
                    synchronized (this) {
                        LeadershipListener l = listener;
                        if (l != null) {
                            for (Resolution r : resolvedInBatch) {
                                if (r.from() == null) {
                                    l.onResolved(r.txnId(), r.commit(), r.commitTs());
                                } else {
                                    l.onResolvedSpan(r.txnId(), r.commit(), r.commitTs(), r.from(), r.to());
                                }
                            }
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
            Mismatch outside = writesOutsideSpan(c.writes());
            if (outside != null) {
                return outside;
            }
            // the commit validated its reads up to commitTs: a later leader must not accept writes below it
            pendingWatermark = Math.max(pendingWatermark, c.commitTs() + 1);
            for (Write w : c.writes()) {
                store.writeVersion(batch, w.key(), c.commitTs(), w.value());
            }
            return null;
        } else if (command instanceof RangeCommand.Prepare p) {
            Mismatch outside = writesOutsideSpan(p.writes());
            if (outside != null) {
                return outside;
            }
            byte[] recordKey = MvccStore.recordKey(rangeId, p.txnId());
            byte[] existing = store.getThrough(batch, store.localFamily(), recordKey);
            if (existing != null) {
                TxnRecord held = TxnRecord.fromBytes(existing);
                if (held.status().isFinal()) {
                    return new Refused(held); // decided already (recovery stopped it): nothing of it is written
                }
            }
            pendingWatermark = Math.max(pendingWatermark, p.commitTs() + 1);
            byte[] first = null;
            byte[] lastKey = null;
            List<byte[]> keys = new ArrayList<>(p.writes().size());
            for (Write w : p.writes()) {
                store.writeIntent(batch, w.key(), p.txnId(), p.commitTs(), p.recordRangeId(), w.value());
                first = first == null || Arrays.compareUnsigned(w.key(), first) < 0 ? w.key() : first;
                lastKey = lastKey == null || Arrays.compareUnsigned(w.key(), lastKey) > 0 ? w.key() : lastKey;
                keys.add(w.key());
            }
            if (first != null) {
                byte[] from = first;
                byte[] to = io.cairndb.storage.keys.KeySpace.successor(lastKey);
                intentChanges.add(() -> intents.written(p.txnId(), p.recordRangeId(), p.commitTs(), from, to, keys));
            }
            if (p.staging() != null) {
                batch.put(store.localFamily(), recordKey, p.staging().toBytes());
            }
            return null;
        } else if (command instanceof RangeCommand.CheckPrepared c) {
            if (!pendingDescriptor.contains(c.start())) {
                return outside(c.start()); // its sender routed by an old descriptor: it re-routes
            }
            byte[][] span = clamp(c.start(), c.end());
            int[] counts = store.countIntents(batch, c.txnId(), span[0], span[1], c.maxTs());
            byte[] recordKey = MvccStore.recordKey(rangeId, c.txnId());
            if (counts[0] == 0 && store.getThrough(batch, store.localFamily(), recordKey) == null) {
                // none here: a prepare of it still on its way to this range must not land after this count
                batch.put(store.localFamily(), recordKey,
                        new TxnRecord(c.txnId(), TxnStatus.ABORTED, c.abortTs(), new long[0]).toBytes());
            }
            return new PreparedCount(counts[1], Arrays.equals(span[1], c.end()) ? null : span[1]);
        } else if (command instanceof RangeCommand.Resolve r) {
            Mismatch outside = outsideSpan(r.keys());
            if (outside != null) {
                return outside;
            }
            for (byte[] key : r.keys()) {
                store.resolveIntent(batch, r.txnId(), r.commit(), r.commitTs(), key);
            }
            resolvedInBatch.add(new Resolution(r.txnId(), r.commit(), r.commitTs(), null, null));
            intentChanges.add(() -> intents.resolvedKeys(r.txnId(), r.keys(),
                    (txn, from, to) -> !store.intentsOf(txn, from, to, 1).isEmpty()));
            return null;
        } else if (command instanceof RangeCommand.ResolveSpan r) {
            if (!pendingDescriptor.contains(r.start())) {
                return outside(r.start()); // its sender routed by an old descriptor: it re-routes
            }
            byte[][] span = clamp(r.start(), r.end());
            byte[] resume = store.resolveIntents(batch, r.txnId(), r.commit(), r.commitTs(), span[0], span[1],
                    r.limit());
            byte[] resolvedTo = resume == null ? span[1] : resume;
            resolvedInBatch.add(new Resolution(r.txnId(), r.commit(), r.commitTs(), span[0], resolvedTo));
            intentChanges.add(() -> intents.resolvedSpan(r.txnId(), span[0], resolvedTo));
            if (resume == null && !Arrays.equals(span[1], r.end())) {
                return span[1]; // the span goes on past this range (it split): the rest is the next range's
            }
            return resume;
        } else if (command instanceof RangeCommand.DecideStaged d) {
            byte[] key = MvccStore.recordKey(rangeId, d.record().txnId());
            byte[] existing = store.getThrough(batch, store.localFamily(), key);
            if (existing == null) {
                return null;
            }
            TxnRecord held = TxnRecord.fromBytes(existing);
            if (held.status() != TxnStatus.STAGING) {
                return held;
            }
            batch.put(store.localFamily(), key, d.record().toBytes());
            return d.record();
        } else if (command instanceof RangeCommand.SetRecord s) {
            byte[] key = MvccStore.recordKey(rangeId, s.record().txnId());
            byte[] existing = store.getThrough(batch, store.localFamily(), key);
            if (existing != null) {
                TxnRecord held = TxnRecord.fromBytes(existing);
                boolean replaces = !held.status().isFinal() && (s.record().status().isFinal()
                        || held.status() == TxnStatus.PENDING && s.record().status() == TxnStatus.PENDING
                        && s.record().commitTs() > held.commitTs());
                if (!replaces) {
                    return held;
                }
            }
            batch.put(store.localFamily(), key, s.record().toBytes());
            return s.record();
        } else if (command instanceof RangeCommand.AbortStale a) {
            byte[] key = MvccStore.recordKey(rangeId, a.txnId());
            byte[] existing = store.getThrough(batch, store.localFamily(), key);
            if (existing != null) {
                TxnRecord held = TxnRecord.fromBytes(existing);
                // a STAGING record may stand for a committed transaction: only recovery's count decides it
                if (held.status() != TxnStatus.PENDING || held.commitTs() >= a.staleBefore()) {
                    return held;
                }
            }
            TxnRecord aborted = new TxnRecord(a.txnId(), TxnStatus.ABORTED, a.abortTs(), new long[0]);
            batch.put(store.localFamily(), key, aborted.toBytes());
            return aborted;
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
            byte[][] span = clamp(g.start(), g.end());
            return span == null ? 0 : store.collectGarbage(batch, span[0], span[1], g.horizonTs());
        } else if (command instanceof RangeCommand.ExtendReadWatermark w) {
            pendingWatermark = Math.max(pendingWatermark, w.ts());
            return pendingWatermark;
        } else if (command instanceof RangeCommand.SetQuiet q) {
            pendingQuiet = q.quiet();
            return null;
        } else if (command instanceof RangeCommand.ClearSpan c) {
            byte[][] span = clamp(c.start(), c.end());
            if (span != null) {
                store.clearSpan(batch, span[0], span[1]);
                intentChanges.add(() -> intents.cleared(span[0], span[1]));
            }
            return null;
        } else if (command instanceof RangeCommand.Split sp) {
            return split(sp, batch);
        } else if (command instanceof RangeCommand.SetVoters v) {
            return setVoters(v, batch);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** Refusal of a command with a key outside the span (checked on the apply path: no copies, no streams). */
    private Mismatch outsideSpan(List<byte[]> keys) {
        for (byte[] k : keys) {
            if (!pendingDescriptor.contains(k)) {
                return outside(k);
            }
        }
        return null;
    }

    private Mismatch writesOutsideSpan(List<Write> writes) {
        for (Write w : writes) {
            if (!pendingDescriptor.contains(w.key())) {
                return outside(w.key());
            }
        }
        return null;
    }

    private Mismatch outside(byte[] key) {
        return new Mismatch("key " + io.cairndb.storage.keys.KeySpace.hex(key) + " is outside range " + rangeId + " (it split)");
    }

    /** {@code [start, end)} narrowed to this range's span, or null when they do not overlap. */
    private byte[][] clamp(byte[] start, byte[] end) {
        RangeDescriptor d = pendingDescriptor;
        byte[] lo = Arrays.compareUnsigned(start, d.startKey()) >= 0 ? start : d.startKey();
        byte[] hi;
        if (end.length == 0) {
            hi = d.endKey();
        } else if (d.endKey().length == 0) {
            hi = end;
        } else {
            hi = Arrays.compareUnsigned(end, d.endKey()) <= 0 ? end : d.endKey();
        }
        if (hi.length > 0 && Arrays.compareUnsigned(lo, hi) >= 0) {
            return null;
        }
        return new byte[][] {lo, hi};
    }

    /**
     * Applies a split: the parent keeps {@code [start, splitKey)}; the child's registry entry (so the node starts
     * it, also after a crash right after this batch) and its read watermark (the parent's: reads served by the
     * parent covered the child's keys too) are written in this batch. Refused unless the key is strictly inside.
     */
    private Object split(RangeCommand.Split sp, WriteBatchWithIndex batch) throws RocksDBException {
        RangeDescriptor d = pendingDescriptor;
        byte[] key = sp.splitKey();
        if (Arrays.compareUnsigned(key, d.startKey()) <= 0 || !d.contains(key)) {
            return new Mismatch("split key " + io.cairndb.storage.keys.KeySpace.hex(key) + " is not inside range " + rangeId);
        }
        List<PeerId> childVoters = sp.voters().stream().map(PeerId::parsePeer).toList();
        List<Integer> replicas = d.replicas(); // the leader recorded its voters (SetVoters) before splitting
        RangeDescriptor parent = new RangeDescriptor(rangeId, d.tableId(), d.startKey(), key, replicas,
                d.generation() + 1);
        RangeDescriptor child = new RangeDescriptor(sp.childId(), d.tableId(), key, d.endKey(), replicas,
                d.generation() + 1);
        register(parent, batch);
        batch.put(store.localFamily(), MvccStore.replicaKey(child.rangeId()), ReplicaRegistry.encode(child, true));
        batch.put(store.localFamily(), MvccStore.watermarkKey(child.rangeId()),
                StoredValues.longBytes(pendingWatermark));
        pendingDescriptor = parent;
        splitsInBatch.add(child);
        splitVoters.add(childVoters);
        int at = splitIntents.size();
        splitIntents.add(null);
        intentChanges.add(() -> splitIntents.set(at, intents.split(key)));
        return new RangeDescriptor[] {parent, child};
    }

    /** Applies new voters: same span, one generation on (unchanged when they are the voters already). */
    private RangeDescriptor setVoters(RangeCommand.SetVoters v, WriteBatchWithIndex batch) throws RocksDBException {
        RangeDescriptor d = pendingDescriptor;
        List<Integer> voters = v.voters().stream().sorted().toList();
        if (voters.equals(d.replicas())) {
            return d;
        }
        RangeDescriptor changed = new RangeDescriptor(rangeId, d.tableId(), d.startKey(), d.endKey(), voters,
                d.generation() + 1);
        register(changed, batch);
        pendingDescriptor = changed;
        return changed;
    }

    /** Rewrites this replica's registry entry (kept with the applied state: a restart starts from it). */
    private void register(RangeDescriptor d, WriteBatchWithIndex batch) throws RocksDBException {
        byte[] registered = store.getThrough(batch, store.localFamily(), MvccStore.replicaKey(rangeId));
        batch.put(store.localFamily(), MvccStore.replicaKey(rangeId), ReplicaRegistry.reencode(registered, d));
    }

    @Override
    public synchronized void onLeaderStart(long term) {
        LOG.debug("range {}: leader at term {}", rangeId, term);
        leaderTerm = term;
        LeadershipListener l = listener;
        if (l != null) {
            l.onLeaderStart(term, intents.summary()); // kept as entries apply: nothing to read back
        }
    }

    /** Every intent of the range, read from the store and summarized per transaction (a replica's start). */
    private static List<io.cairndb.storage.mvcc.TxnIntents> readIntents(MvccStore store, RangeDescriptor d,
                                                                         String why) {
        long started = System.nanoTime();
        List<io.cairndb.storage.mvcc.TxnIntents> read = store.intentsByTransaction(d.startKey(), d.endKey());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        if (tookMs >= SLOW_INTENT_READ_MS) {
            LOG.info("range {}: reading its intents ({} transactions) {} took {} ms", d.rangeId(), read.size(), why,
                    tookMs);
        }
        return read;
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
        snapshots.save(descriptor, appliedIndex, writer, done);
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        RangeDescriptor before = descriptor;
        RangeDescriptor loaded = snapshots.load(descriptor, reader);
        boolean ok = loaded != null;
        if (ok && loaded != descriptor) {
            // installed: the snapshot's descriptor (span, voters, generation) is the range as of its last entry,
            // past everything this replica had applied
            descriptor = loaded;
            store.putLocalDurably(MvccStore.replicaKey(rangeId),
                    ReplicaRegistry.reencode(store.getLocal(MvccStore.replicaKey(rangeId)), descriptor));
        }
        appliedIndex = store.appliedIndex(rangeId);
        readWatermark = Math.max(readWatermark, storedWatermark());
        if (ok && loaded != before) {
            intents.replaceWith(readIntents(store, descriptor, "after a snapshot")); // the data was replaced
        }
        return ok;
    }
}
