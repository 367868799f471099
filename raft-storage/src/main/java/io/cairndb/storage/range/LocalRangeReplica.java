package io.cairndb.storage.range;

import io.cairndb.storage.CommitOutcomeUnknownException;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.concurrency.ConcurrencyManager;
import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.concurrency.WaitForGraph;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.keys.KeySpans;
import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.TxnIntents;
import io.cairndb.storage.mvcc.VersionedValue;
import io.cairndb.storage.time.HybridClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A range replica held by this node, serving as leader: every request passes the range's
 * {@link ConcurrencyManager} (latch, lock table, timestamp cache, validation), then its Raft group, then the shared
 * MVCC store.
 *
 * <p>Only admission runs under the manager's latch; Raft rounds run outside it, so concurrent commits on one range
 * are batched by jraft. Reads record themselves in the timestamp cache and wait (bounded by
 * {@link #LOCK_WAIT_TIMEOUT_MS}) for locks of transactions that commit at or below their read timestamp.
 */
public final class LocalRangeReplica implements RangeReplica, RangeStateMachine.LeadershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRangeReplica.class);
    /** How long a reader waits for a lock before failing with a retryable conflict. */
    public static final long LOCK_WAIT_TIMEOUT_MS = ConcurrencyManager.LOCK_WAIT_TIMEOUT_MS;
    /**
     * How long after choosing its commit timestamp a transaction may still write its COMMITTED record: well below
     * the 10 min after which records are collected ({@code StorageNode.GC_TTL_MILLIS}), well above any commit
     * that is merely slow.
     */
    public static final long COMMIT_RECORD_WINDOW_MS = 5 * 60_000;
    /** How far ahead of a read the read watermark is raised (hybrid-clock units: 1 s). */
    private static final long WATERMARK_LEAD = 1_000L << HybridClock.LOGICAL_BITS;
    /** A read within this distance below the watermark raises it in the background (0.5 s). */
    private static final long WATERMARK_SLACK = 500L << HybridClock.LOGICAL_BITS;
    /** Intents resolved by one log entry of a span resolution: bounds the entry's apply time. */
    static final int RESOLVE_BATCH = 2_000;

    private final RangeGroup group;
    private final MvccStore store;
    private final HybridClock clock;
    private final ConcurrencyManager concurrency;
    /** Serving as leader: set once this term's leader has rebuilt its state, cleared when leadership ends. */
    private volatile boolean ready;
    /** The watermark extension in flight, if any: {target, applied future}. */
    private final java.util.concurrent.atomic.AtomicReference<Extension> extension =
            new java.util.concurrent.atomic.AtomicReference<>();

    private record Extension(long target, CompletableFuture<Object> applied) {
    }

    private final java.util.concurrent.locks.ReentrantLock reshaping = new java.util.concurrent.locks.ReentrantLock();
    /** Point reads and scan pages this replica served as leader (sys.ranges, tests of routing). */
    private final java.util.concurrent.atomic.LongAdder readsServed = new java.util.concurrent.atomic.LongAdder();

    public LocalRangeReplica(RangeGroup group, MvccStore store, HybridClock clock,
                             WaitForGraph waits) {
        this.group = group;
        this.store = store;
        this.clock = clock;
        this.concurrency = new ConcurrencyManager(new Served(), new StoreVersions(), waits, clock.current(),
                LOCK_WAIT_TIMEOUT_MS);
        group.stateMachine().setListener(this);
    }

    @Override
    public RangeDescriptor descriptor() {
        return group.stateMachine().descriptor(); // the span as this replica applies it
    }

    public RangeGroup group() {
        return group;
    }

    /**
     * Runs on the state machine's thread once this term's first entry is applied, so every earlier entry is too.
     * Reads served by earlier leaders are all below the applied read watermark: nothing may commit at or below
     * it. Transactions with intents here get an intent span each, so nobody reads past an undecided write.
     */
    @Override
    public void onLeaderStart(long term, List<TxnIntents> byTxn) {
        long watermark = group.stateMachine().readWatermark();
        concurrency.leaderStarted(term, Math.max(clock.current(), watermark), byTxn, () -> {
            ready = true;
            group.onLeaderStart();
        });
        LOG.debug("range {}: serving as leader at term {} ({} transactions with intents)", descriptor().rangeId(),
                term, byTxn.size());
    }

    @Override
    public void onLeaderStop() {
        ready = false;
        group.onLeaderStop();
        concurrency.leaderStopped();
    }

    @Override
    public void onResolved(long txnId, boolean commit, long commitTs) {
        concurrency.resolved(txnId, commit, commitTs);
    }

    @Override
    public void onResolvedSpan(long txnId, boolean commit, long commitTs, byte[] from, byte[] to) {
        RangeDescriptor span = descriptor();
        concurrency.resolvedSpan(txnId, commit, commitTs, from, to, span::contains);
    }

    /** Throws {@link NotLeaderException} (with a hint) unless this replica leads and serves now. */
    public void checkServing() {
        checkLeader();
    }

    /**
     * Runs a change of the range's shape — a split, or adding or removing a voter — on this (leading) replica, one
     * at a time: a split names the group's voters in its command, so no membership change may be under way when
     * it is proposed (a replica being added would apply the split and start the child outside the child's
     * group; one being removed could be named a voter of the child). Waits up to {@code timeoutMs} for a change
     * in progress, then fails with a retryable {@link RangeUnavailableException}.
     */
    public <T> T reshape(long timeoutMs, java.util.function.Supplier<T> change) {
        try {
            if (!reshaping.tryLock(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new RangeUnavailableException("range " + descriptor().rangeId() + ": another split or "
                        + "membership change did not finish within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cairndb.storage.StorageException("interrupted while waiting to change range "
                    + descriptor().rangeId());
        }
        try {
            checkLeader();
            return change.get();
        } finally {
            reshaping.unlock();
        }
    }

    /** How many point reads and scan pages this replica has served as leader since it started. */
    public long readsServed() {
        return readsServed.sum();
    }

    /** Read-index rounds this replica ran to serve its reads; the others were served on its read lease. */
    public long readRounds() {
        return group.readRounds();
    }

    /** Whether this replica leads its range and serves requests now. */
    public boolean isServing() {
        return ready && group.isLeader();
    }

    /**
     * Makes sure a read at {@code ts} stays below the read watermark: raises the watermark through the log in the
     * background when the read comes close to it, and waits for that only when the read would reach it.
     */
    private void coverRead(long ts) {
        long watermark = group.stateMachine().readWatermark();
        if (ts < watermark - WATERMARK_SLACK) {
            return;
        }
        Extension ext = extension.get();
        if (ext == null || ext.target() <= ts || ext.applied().isCompletedExceptionally()) {
            long target = Math.max(ts, clock.now()) + WATERMARK_LEAD;
            Extension fresh = new Extension(target, group.propose(new RangeCommand.ExtendReadWatermark(target)));
            extension.set(fresh);
            ext = fresh;
        }
        if (ts >= watermark) {
            RangeGroup.await(ext.applied(), descriptor().rangeId());
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public byte[] get(byte[] key, long readTs, long txnId) {
        return getAll(List.of(key), readTs, txnId).get(0);
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys, long readTs, long txnId) {
        return read(keys, readTs, txnId, null);
    }

    /** Reads {@code keys} at {@code readTs}; with {@code newest}, also the newest commit timestamp among them. */
    private List<byte[]> read(List<byte[]> keys, long readTs, long txnId, long[] newest) {
        for (byte[] key : keys) {
            checkContains(key);
        }
        checkLeader();
        readsServed.increment();
        group.readBarrier();
        coverRead(readTs);
        // checks the keys again after the barrier: a split committed before this read began is applied by now
        java.util.Set<Long> visible = concurrency.sequenceReads(keys, txnId, readTs);
        // its own write, or one committed at or below readTs whose intent is not resolved yet; the intents are read
        // before the reader opens, so one resolved in between is found as the version
        Intent[] intents = new Intent[keys.size()];
        for (int i = 0; !visible.isEmpty() && i < keys.size(); i++) {
            Intent intent = store.intent(keys.get(i));
            intents[i] = intent != null && visible.contains(intent.txnId()) ? intent : null;
        }
        List<byte[]> values = new ArrayList<>(keys.size());
        try (MvccStore.VersionReader reader = store.versionReader()) {
            for (int i = 0; i < keys.size(); i++) {
                byte[] value = null;
                if (newest != null) {
                    VersionedValue read = reader.getWithNewest(keys.get(i), readTs);
                    newest[0] = Math.max(newest[0], read.newestTs());
                    value = read.value();
                } else if (intents[i] == null) {
                    value = reader.get(keys.get(i), readTs);
                }
                values.add(intents[i] != null ? intents[i].value() : value);
            }
        }
        checkHorizon(readTs);
        return values;
    }

    @Override
    public List<KeyValue> scan(byte[] start, byte[] end, long readTs, long txnId, int limit) {
        checkContains(start);
        checkLeader();
        readsServed.increment();
        group.readBarrier();
        coverRead(readTs);
        java.util.Set<Long> visible = concurrency.sequenceScan(start, end, txnId, readTs);
        List<KeyValue> rows = visible.isEmpty() ? store.scan(start, end, readTs, limit)
                : VisibleIntents.scan(store, visible, start, end, readTs, limit);
        checkHorizon(readTs);
        return rows;
    }

    /**
     * Garbage-collects versions no read at or above {@code horizonTs} can see. Reads and commits of
     * transactions older than the horizon fail from now on ("snapshot too old").
     */
    public CompletableFuture<Object> collectGarbage(long horizonTs) {
        checkLeader();
        return group.proposeInBackground(new RangeCommand.GcVersions(descriptor().startKey(), descriptor().endKey(), horizonTs));
    }

    /** Fails a transaction whose snapshot is below the garbage-collection horizon. */
    private void checkHorizon(long readTs) {
        long horizon = group.stateMachine().gcHorizon();
        if (readTs < horizon) {
            throw new TransactionConflictException("range " + descriptor().rangeId() + ": snapshot too old: the "
                    + "transaction reads at " + readTs + " but versions below " + horizon + " were garbage-collected;"
                    + " retry the transaction");
        }
    }

    // ---------------------------------------------------------------- commits

    @Override
    public long commitOnePhase(long txnId, long readTs, ReadSet reads, List<Write> writes) {
        ConcurrencyManager.Admission admitted = concurrency.admitOnePhase(txnId, readTs, reads, keysOf(writes));
        long commitTs = admitted.ts();
        try {
            clock.observe(commitTs); // transactions that begin after this commit returns read above it
        } catch (RuntimeException e) {
            concurrency.release(admitted);
            throw e;
        }
        CompletableFuture<Object> applied = group.propose(new RangeCommand.CommitWrites(txnId, commitTs, writes));
        applied.whenComplete((r, e) -> concurrency.release(admitted));
        try {
            mismatchCheck(RangeGroup.await(applied, descriptor().rangeId()));
        } catch (NotLeaderException | RangeMismatchException e) {
            throw e; // refused before it entered the log: nothing happened, the caller may go to the new leader
        } catch (StorageException e) {
            // the entry may have been appended before the failure and still apply: do not let anyone retry blindly
            throw new CommitOutcomeUnknownException("transaction " + txnId + ": commit outcome unknown on range "
                    + descriptor().rangeId() + ": " + e.getMessage(), e);
        }
        return commitTs;
    }

    @Override
    public long prepare(long txnId, long readTs, long commitTs, long recordRangeId, ReadSet reads,
                        List<Write> writes, TxnRecord staging) {
        if (writes.isEmpty()) {
            // no log entry of its own: confirm leadership and catch up (a split applied narrows what it may
            // validate), and keep its reads, recorded at commitTs, below the watermark
            group.readBarrier();
            coverRead(commitTs);
        }
        ConcurrencyManager.Admission admitted = concurrency.admitPrepare(txnId, readTs, commitTs, reads,
                keysOf(writes));
        if (!admitted.holds()) {
            return admitted.ts(); // a range the transaction only read: validated, nothing to lock or replicate
        }
        // on failure the outcome may be unknown: the coordinator aborts, which removes any intent and the lock;
        // in this term only, as writeIntents
        Object applied = RangeGroup.await(group.proposeInTerm(new RangeCommand.Prepare(txnId, admitted.ts(),
                recordRangeId, writes, staging), admitted.term()), descriptor().rangeId());
        if (applied instanceof RangeStateMachine.Mismatch || applied instanceof RangeStateMachine.Refused) {
            // nothing of it was written: its lock goes now (no resolution will come here if its coordinator is gone)
            concurrency.prepareRefused(txnId, admitted);
        }
        mismatchCheck(applied);
        io.cairndb.storage.CrashPoint.reach(io.cairndb.storage.CrashPoint.PARTICIPANT_AFTER_PREPARE);
        return admitted.ts();
    }

    @Override
    public long writeIntents(long txnId, long readTs, long recordRangeId, List<Write> writes) {
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("no intents to write");
        }
        for (Write w : writes) {
            checkContains(w.key());
        }
        List<byte[]> keys = keysOf(writes);
        KeySpans.Span covering = KeySpans.covering(keys);
        // readers at or above its timestamp wait for the outcome; until the batch applies they wait without looking
        ConcurrencyManager.Admission batch = concurrency.admitIntents(txnId, readTs, keys, covering.start(),
                covering.end());
        try {
            // in this term only: a new leader rebuilt its spans without this batch and must not apply it unseen
            Object applied = RangeGroup.await(group.proposeInTerm(new RangeCommand.Prepare(txnId, batch.ts(),
                    recordRangeId, writes), batch.term()), descriptor().rangeId());
            mismatchCheck(applied);
        } finally {
            concurrency.intentsApplied(batch);
        }
        return batch.ts();
    }

    @Override
    public CompletableFuture<byte[]> resolveSpan(long txnId, boolean commit, long commitTs, byte[] start,
                                                 byte[] end) {
        return group.propose(new RangeCommand.ResolveSpan(txnId, commit, commitTs, start, end, RESOLVE_BATCH))
                .thenApply(resume -> {
                    mismatchCheck(resume);
                    return (byte[]) resume;
                });
    }

    @Override
    public RangeStateMachine.PreparedCount checkPrepared(long txnId, byte[] start, byte[] end, long maxTs) {
        checkLeader();
        Object result = group.proposeAndWait(new RangeCommand.CheckPrepared(txnId, start, end, maxTs, clock.now()));
        mismatchCheck(result);
        return (RangeStateMachine.PreparedCount) result;
    }

    @Override
    public TxnRecord abortStale(long txnId, long staleBefore) {
        checkLeader();
        return (TxnRecord) group.proposeAndWait(new RangeCommand.AbortStale(txnId, staleBefore, clock.now()));
    }

    /**
     * As a leader, from its lock table — one entry per transaction, which the leader keeps for every transaction
     * with intents here (rebuilt from the store when it took over) — so the orphan sweep costs nothing like a read of
     * every intent while a big transaction runs; elsewhere from the store.
     */
    @Override
    public List<TxnIntents> intentsByTransaction() {
        if (!isServing()) {
            return store.intentsByTransaction(descriptor().startKey(), descriptor().endKey());
        }
        Map<Long, TxnIntents> out = new java.util.LinkedHashMap<>();
        for (ConcurrencyManager.IntentSpan s : concurrency.intentSpans()) {
            List<Intent> first = store.intentsOf(s.txnId(), s.start(), s.end(), 1);
            if (!first.isEmpty()) {
                out.put(s.txnId(), new TxnIntents(s.txnId(), first.get(0).recordRangeId(), s.oldestTs(),
                        s.newestTs(), first.get(0).key(), s.end()));
            }
        }
        for (ConcurrencyManager.PreparedLock lock : concurrency.preparedLocks()) {
            KeySpans.Span covering = KeySpans.covering(lock.keys());
            Intent any = covering == null ? null : store.intent(covering.start());
            if (any != null && any.txnId() == lock.txnId()) {
                // aged by when the prepare was let in: a commit in flight is not an orphan however old its snapshot
                long letIn = clock.current() - (lock.heldMillis() << HybridClock.LOGICAL_BITS);
                out.putIfAbsent(lock.txnId(), new TxnIntents(lock.txnId(), any.recordRangeId(), letIn,
                        lock.commitTs(), covering.start(), covering.end()));
            }
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public void refresh(long txnId, ReadSet reads, long fromTs, long toTs) {
        checkLeader();
        // like a read at toTs: confirm leadership, catch up, and keep it below the read watermark
        group.readBarrier();
        coverRead(toTs);
        concurrency.refresh(txnId, reads, fromTs, toTs);
    }

    // ---------------------------------------------------------------- row locks (SELECT ... FOR UPDATE)

    @Override
    public LockedReads lockAndGetAll(List<byte[]> keys, long txnId, long priority, boolean noWait, long readTs) {
        lock(keys, txnId, priority, noWait);
        long[] newest = {-1};
        List<byte[]> values = read(keys, readTs, txnId, newest); // fills newest: read it after
        return new LockedReads(newest[0], values);
    }

    @Override
    public long lockRows(List<byte[]> keys, long txnId, long priority, boolean noWait) {
        lock(keys, txnId, priority, noWait);
        long newest = -1;
        try (MvccStore.VersionReader reader = store.versionReader()) {
            for (byte[] key : keys) {
                newest = Math.max(newest, reader.latestVersionTs(key));
            }
        }
        return newest;
    }

    private void lock(List<byte[]> keys, long txnId, long priority, boolean noWait) {
        for (byte[] key : keys) {
            checkContains(key);
        }
        concurrency.lockRows(keys, txnId, priority, noWait);
    }

    @Override
    public void renewRowLocks(long txnId) {
        concurrency.renewRowLocks(txnId);
    }

    @Override
    public void releaseRowLocks(long txnId) {
        concurrency.releaseRowLocks(txnId);
    }

    // ---------------------------------------------------------------- 2PC records and resolution

    @Override
    public TxnRecord setRecord(TxnRecord record) {
        checkLeader();
        if (record.status() == TxnStatus.COMMITTED && HybridClock.physicalMillis(clock.now())
                - HybridClock.physicalMillis(record.commitTs()) > COMMIT_RECORD_WINDOW_MS) {
            // records older than the collection horizon may be gone, an ABORTED one among them: a coordinator
            // this late (stalled, or its request held up) must not find the way clear to commit
            throw new TransactionConflictException("range " + descriptor().rangeId() + ": transaction "
                    + record.txnId() + " reached its commit point more than " + COMMIT_RECORD_WINDOW_MS / 1000
                    + " s after it chose its commit timestamp; retry the transaction");
        }
        return (TxnRecord) group.proposeAndWait(new RangeCommand.SetRecord(record));
    }

    @Override
    public TxnRecord decideStaged(TxnRecord decided) {
        checkLeader();
        return (TxnRecord) group.proposeAndWait(new RangeCommand.DecideStaged(decided));
    }

    /** The transaction records this range keeps (its leader's view). */
    public List<TxnRecord> records() {
        checkLeader();
        List<TxnRecord> out = new java.util.ArrayList<>();
        byte[] prefix = MvccStore.recordPrefix(descriptor().rangeId());
        for (io.cairndb.storage.mvcc.KeyValue kv : store.localWithPrefix(prefix)) {
            out.add(TxnRecord.fromBytes(kv.value()));
        }
        return out;
    }

    @Override
    public TxnRecord getRecord(long txnId) {
        checkLeader();
        group.readBarrier();
        byte[] raw = store.getLocal(MvccStore.recordKey(descriptor().rangeId(), txnId));
        return raw == null ? null : TxnRecord.fromBytes(raw);
    }

    @Override
    public CompletableFuture<Object> deleteRecord(long txnId) {
        return group.propose(new RangeCommand.DeleteRecord(txnId));
    }

    @Override
    public CompletableFuture<Object> resolve(long txnId, boolean commit, long commitTs, List<byte[]> keys) {
        // the lock goes when the resolution is applied (onResolved), whoever proposed it
        CompletableFuture<Object> applied = group.propose(new RangeCommand.Resolve(txnId, commit, commitTs, keys))
                .thenApply(result -> {
                    mismatchCheck(result); // refused (the range split): not resolved, the caller re-routes
                    return result;
                });
        applied.whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("range {}: resolving transaction {} failed: {}", descriptor().rangeId(), txnId, e.getMessage());
            }
        });
        return applied;
    }

    @Override
    public List<Intent> intents() {
        return store.intents(descriptor().startKey(), descriptor().endKey());
    }

    @Override
    public void clear() {
        checkLeader();
        group.proposeAndWait(new RangeCommand.ClearSpan(descriptor().startKey(), descriptor().endKey()));
    }

    // ---------------------------------------------------------------- helpers

    /** The range as its concurrency manager sees it: led and serving here, its span, its collection horizon. */
    private final class Served implements ConcurrencyManager.Range {
        @Override
        public long rangeId() {
            return descriptor().rangeId();
        }

        @Override
        public void checkServing() {
            checkLeader();
        }

        @Override
        public void checkContains(byte[] key) {
            LocalRangeReplica.this.checkContains(key);
        }

        @Override
        public void checkSpan(byte[] start, byte[] end) {
            LocalRangeReplica.this.checkSpan(start, end);
        }

        @Override
        public void checkHorizon(long readTs) {
            LocalRangeReplica.this.checkHorizon(readTs);
        }
    }

    /** The shared MVCC store as the concurrency manager sees it. */
    private final class StoreVersions implements ConcurrencyManager.Versions {
        @Override
        public byte[] firstWrittenAfter(List<byte[]> keys, long ts) {
            return firstWrittenIn(keys, ts, Long.MAX_VALUE);
        }

        @Override
        public byte[] firstWrittenIn(List<byte[]> keys, long fromTs, long toTs) {
            if (keys.isEmpty()) {
                return null;
            }
            try (MvccStore.VersionReader reader = store.versionReader()) {
                for (byte[] key : keys) {
                    if (reader.hasVersionIn(key, fromTs, toTs)) {
                        return key;
                    }
                }
                return null;
            }
        }

        @Override
        public byte[] firstVersionIn(byte[] start, byte[] end, long fromTs, long toTs) {
            return store.firstVersionIn(start, end, fromTs, toTs);
        }

        @Override
        public boolean hasIntent(long txnId, byte[] start, byte[] endExclusive) {
            return !store.intentsOf(txnId, start, endExclusive, 1).isEmpty();
        }
    }

    private void checkLeader() {
        if (!ready || !group.isLeader()) {
            throw new NotLeaderException("range " + descriptor().rangeId() + " is not led by this node (leader: "
                    + group.leader() + ")", group.leaderAddress());
        }
    }

    private void checkContains(byte[] key) {
        if (!descriptor().contains(key)) {
            throw new RangeMismatchException("key " + KeySpace.hex(key) + " is outside range "
                    + descriptor().rangeId() + " (it split or moved); retry the transaction");
        }
    }

    /** Fails unless {@code [start, end)} (empty end = unbounded) lies within this range. */
    private void checkSpan(byte[] start, byte[] end) {
        checkContains(start);
        RangeDescriptor d = descriptor();
        if (d.endKey().length > 0 && (end.length == 0 || java.util.Arrays.compareUnsigned(end, d.endKey()) > 0)) {
            throw new RangeMismatchException("a span reaching past the end of range " + d.rangeId()
                    + " (it split); retry the transaction");
        }
    }

    /**
     * Turns a command the state machine refused into an exception: keys outside the range (it split) into a
     * retryable {@link RangeMismatchException}; a prepare of a transaction the range holds a final record of (recovery
     * decided it first) into a retryable conflict.
     */
    private void mismatchCheck(Object applyResult) {
        if (applyResult instanceof RangeStateMachine.Mismatch m) {
            throw new RangeMismatchException("range " + descriptor().rangeId() + ": " + m.reason()
                    + "; retry the transaction");
        }
        if (applyResult instanceof RangeStateMachine.Refused r) {
            throw new TransactionConflictException("range " + descriptor().rangeId() + ": transaction "
                    + r.held().txnId() + " was " + r.held().status().name().toLowerCase(java.util.Locale.ROOT)
                    + " before this part of it arrived; retry the transaction");
        }
    }

    private static List<byte[]> keysOf(List<Write> writes) {
        List<byte[]> keys = new ArrayList<>(writes.size());
        for (Write w : writes) {
            keys.add(w.key());
        }
        return keys;
    }

}
