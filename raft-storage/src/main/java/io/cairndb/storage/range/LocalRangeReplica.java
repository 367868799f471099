package io.cairndb.storage.range;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.keys.KeySpans;
import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.TxnIntents;
import io.cairndb.storage.time.HybridClock;
import io.cairndb.storage.txn.CommitOutcomeUnknownException;
import io.cairndb.storage.txn.TransactionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A range replica held by this node, serving as leader: the range's concurrency manager (latch, lock table,
 * timestamp cache) in front of its Raft group and the shared MVCC store.
 *
 * <p>Only validation runs under the latch; Raft rounds run outside it, so concurrent commits on one range are
 * batched by jraft. Reads record themselves in the timestamp cache and wait (bounded by
 * {@link #LOCK_WAIT_TIMEOUT_MS}) for locks of transactions that commit at or below their read timestamp.
 */
public final class LocalRangeReplica implements RangeReplica, RangeStateMachine.LeadershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRangeReplica.class);
    /** How long a reader waits for a lock before failing with a retryable conflict. */
    public static final long LOCK_WAIT_TIMEOUT_MS = 5_000;
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
    private final ReentrantLock latch = new ReentrantLock();
    private final LockTable locks;
    /** The node's lock waits, shared by its range leaders, through which a lock wait finds a deadlock. */
    private final io.cairndb.storage.concurrency.WaitForGraph waits;
    private final TimestampCache tsCache;
    /** Locks of prepared (2PC) transactions, kept until their resolution is applied. */
    private final Map<Long, LockTable.Lock> prepared = new ConcurrentHashMap<>();
    /** Serving as leader: set once this term's leader has rebuilt its state, cleared when leadership ends. */
    private volatile boolean ready;
    /** The term this replica leads in (set under the latch when it starts leading). */
    private long term = -1;
    /** The watermark extension in flight, if any: {target, applied future}. */
    private final java.util.concurrent.atomic.AtomicReference<Extension> extension =
            new java.util.concurrent.atomic.AtomicReference<>();

    private record Extension(long target, CompletableFuture<Object> applied) {
    }

    private final java.util.concurrent.locks.ReentrantLock reshaping = new java.util.concurrent.locks.ReentrantLock();
    /** Point reads and scan pages this replica served as leader (sys.ranges, tests of routing). */
    private final java.util.concurrent.atomic.LongAdder readsServed = new java.util.concurrent.atomic.LongAdder();

    public LocalRangeReplica(RangeGroup group, MvccStore store, HybridClock clock,
                             io.cairndb.storage.concurrency.WaitForGraph waits) {
        this.group = group;
        this.waits = waits;
        this.store = store;
        this.clock = clock;
        this.tsCache = new TimestampCache(clock.current());
        this.locks = new LockTable((txnId, start, end) -> !store.intentsOf(txnId, start, end, 1).isEmpty());
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
    public void onLeaderStart(long term) {
        latch.lock();
        try {
            this.term = term;
            long watermark = group.stateMachine().readWatermark();
            tsCache.reset(Math.max(clock.current(), watermark));
            locks.releaseAll();
            prepared.clear();
            List<TxnIntents> byTxn = store.intentsByTransaction(descriptor().startKey(), descriptor().endKey());
            for (TxnIntents t : byTxn) {
                locks.restoreIntents(t.txnId(), t.oldestTs(), t.newestTs(), t.firstKey(), t.endExclusive());
            }
            ready = true;
            group.onLeaderStart();
            LOG.debug("range {}: serving as leader at term {} ({} prepared transactions)", descriptor().rangeId(), term,
                    byTxn.size());
        } finally {
            latch.unlock();
        }
    }

    @Override
    public void onLeaderStop() {
        ready = false;
        group.onLeaderStop();
        latch.lock();
        try {
            locks.releaseAll();
            prepared.clear();
        } finally {
            latch.unlock();
        }
    }

    @Override
    public void onResolved(long txnId, boolean commit, long commitTs) {
        LockTable.Lock lock = prepared.remove(txnId);
        latch.lock();
        try {
            if (lock != null) {
                locks.release(lock);
            }
            locks.resolved(txnId, commit, commitTs);
        } finally {
            latch.unlock();
        }
    }

    @Override
    public void onResolvedSpan(long txnId, boolean commit, long commitTs, byte[] from, byte[] to) {
        LockTable.Lock lock = prepared.get(txnId);
        // a prepared (two-phase) transaction resolved by span — by recovery — keeps its commit lock until none of
        // its keys holds its intent any more (of its keys still here: after a split the rest are the child's, whose
        // leader locks them by their intents and releases them when it resolves them)
        RangeDescriptor span = descriptor();
        if (lock != null && lock.keys.stream().filter(span::contains).noneMatch(k -> {
            Intent i = store.intent(k);
            return i != null && i.txnId() == txnId;
        })) {
            prepared.remove(txnId, lock);
        } else {
            lock = null;
        }
        latch.lock();
        try {
            if (lock != null) {
                locks.release(lock);
            }
            locks.resolvedSpan(txnId, commit, commitTs, from, to);
        } finally {
            latch.unlock();
        }
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
        for (byte[] key : keys) {
            checkContains(key);
        }
        checkLeader();
        readsServed.increment();
        group.readBarrier();
        coverRead(readTs);
        java.util.Set<Long> visible = new java.util.HashSet<>(2);
        awaitLocks(readTs, () -> {
            LockTable.Lock blocking = null;
            for (byte[] key : keys) {
                // again after the barrier: a split committed before this read began is applied by now
                checkContains(key);
                tsCache.recordKey(key, readTs);
                locks.visibleIntents(key, KeySpace.successor(key), txnId, readTs, visible);
                if (blocking == null) {
                    blocking = locks.blockingReader(key, KeySpace.successor(key), txnId, readTs);
                }
            }
            return blocking;
        });
        List<byte[]> values = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Intent intent = visible.isEmpty() ? null : store.intent(key);
            // its own write, or one committed at or below readTs whose intent is not resolved yet; the intent is
            // read before the version, so one resolved in between is found as the version
            values.add(intent != null && visible.contains(intent.txnId()) ? intent.value() : store.get(key, readTs));
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
        java.util.Set<Long> visible = new java.util.HashSet<>(2);
        awaitLocks(readTs, () -> {
            checkSpan(start, end);
            tsCache.recordSpan(start, end, readTs);
            visible.clear();
            locks.visibleIntents(start, end, txnId, readTs, visible);
            return locks.blockingReader(start, end, txnId, readTs);
        });
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

    private void awaitLocks(long readTs, Supplier<LockTable.Lock> recordAndFind) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_TIMEOUT_MS);
        while (true) {
            LockTable.Lock blocking;
            CompletableFuture<Void> released;
            latch.lock();
            try {
                checkLeader();
                checkHorizon(readTs);
                blocking = recordAndFind.get();
                released = blocking == null ? null : blocking.released();
            } finally {
                latch.unlock();
            }
            if (blocking == null) {
                return;
            }
            long remaining = deadline - System.nanoTime();
            try {
                released.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new TransactionConflictException("range " + descriptor().rangeId() + ": waited "
                        + LOCK_WAIT_TIMEOUT_MS + " ms for transaction " + blocking.txnId
                        + " (committing at or before this read) to release its lock; retry the transaction");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting for a lock");
            } catch (ExecutionException e) {
                // released exceptionally never happens; re-check
            }
        }
    }

    // ---------------------------------------------------------------- commits

    @Override
    public long commitOnePhase(long txnId, long readTs, ReadSet reads, List<Write> writes) {
        LockTable.Lock lock;
        // at the transaction's own snapshot when nothing pushes it: what it read then need not stay unchanged up
        // to now, only up to its commit timestamp (a transaction that read a row another has since written
        // commits before that one, unless it must be pushed past it)
        long commitTs = readTs + 1;
        latch.lock();
        try {
            checkLeader();
            for (Write w : writes) {
                checkContains(w.key());
                // push above every read of the keys it writes: a reader at ts >= commitTs must see this write
                commitTs = Math.max(commitTs, tsCache.maxReadTs(w.key()) + 1);
            }
            validate(txnId, readTs, commitTs, reads, writes);
            lock = locks.acquire(txnId, commitTs, keysOf(writes));
        } finally {
            latch.unlock();
        }
        try {
            clock.observe(commitTs); // transactions that begin after this commit returns read above it
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
        CompletableFuture<Object> applied = group.propose(new RangeCommand.CommitWrites(txnId, commitTs, writes));
        applied.whenComplete((r, e) -> release(lock));
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
        LockTable.Lock lock;
        long inTerm;
        if (writes.isEmpty()) {
            // no log entry of its own: confirm leadership and catch up (a split applied narrows what it may
            // validate), and keep its reads, recorded at commitTs, below the watermark
            group.readBarrier();
            coverRead(commitTs);
        }
        latch.lock();
        try {
            checkLeader();
            for (Write w : writes) {
                checkContains(w.key());
                // push above every read of the keys it writes, as a one-phase commit does; the coordinator
                // commits at the highest timestamp a participant asks for and refreshes the others' reads to it
                commitTs = Math.max(commitTs, tsCache.maxReadTs(w.key()) + 1);
            }
            validate(txnId, readTs, commitTs, reads, writes);
            if (writes.isEmpty()) {
                return commitTs; // a range the transaction only read: validated, nothing to lock or replicate
            }
            lock = locks.acquire(txnId, commitTs, keysOf(writes));
            prepared.put(txnId, lock);
            inTerm = term;
        } finally {
            latch.unlock();
        }
        // on failure the outcome may be unknown: the coordinator aborts, which removes any intent and the lock;
        // in this term only, as writeIntents
        Object applied = RangeGroup.await(group.proposeInTerm(new RangeCommand.Prepare(txnId, commitTs, recordRangeId,
                writes, staging), inTerm), descriptor().rangeId());
        if (applied instanceof RangeStateMachine.Mismatch || applied instanceof RangeStateMachine.Refused) {
            // nothing of it was written: its lock goes now (no resolution will come here if its coordinator is gone)
            if (prepared.remove(txnId, lock)) {
                release(lock);
            }
        }
        mismatchCheck(applied);
        io.cairndb.storage.txn.CrashPoint.reach(io.cairndb.storage.txn.CrashPoint.PARTICIPANT_AFTER_PREPARE);
        return commitTs;
    }

    @Override
    public long writeIntents(long txnId, long readTs, long recordRangeId, List<Write> writes) {
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("no intents to write");
        }
        for (Write w : writes) {
            checkContains(w.key());
        }
        KeySpans.Span covering = KeySpans.covering(keysOf(writes));
        LockTable.Lock span;
        long ts = readTs + 1;
        long inTerm;
        latch.lock();
        try {
            checkLeader();
            checkHorizon(readTs);
            inTerm = term;
            LockTable.Lock mine = locks.intentSpan(txnId);
            if (mine != null && mine.outcome != LockTable.UNDECIDED) {
                throw new TransactionConflictException("range " + descriptor().rangeId() + ": transaction " + txnId
                        + " was aborted while it ran; retry the transaction");
            }
            for (Write w : writes) {
                checkContains(w.key());
                // above every read of the key so far: a reader below the intent's timestamp need not wait for it
                ts = Math.max(ts, tsCache.maxReadTs(w.key()) + 1);
                LockTable.Lock held = locks.foreign(w.key(), txnId);
                if (held != null) {
                    throw conflict(w.key(), held.isRowLock() ? "transaction " + held.txnId + " holds it locked"
                            : "another transaction is writing it");
                }
                if (store.latestVersionTs(w.key()) > readTs) {
                    throw conflict(w.key(), "another transaction committed a write to it after this one started");
                }
            }
            // readers at or above ts wait for the outcome; until the batch applies they wait without looking
            span = locks.addIntents(txnId, ts, covering.start(), covering.end());
        } finally {
            latch.unlock();
        }
        try {
            // in this term only: a new leader rebuilt its spans without this batch and must not apply it unseen
            Object applied = RangeGroup.await(group.proposeInTerm(new RangeCommand.Prepare(txnId, ts, recordRangeId,
                    writes), inTerm), descriptor().rangeId());
            mismatchCheck(applied);
        } finally {
            latch.lock();
            try {
                locks.intentsApplied(span);
            } finally {
                latch.unlock();
            }
        }
        return ts;
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
        List<LockTable.Lock> spans;
        latch.lock();
        try {
            spans = locks.intentSpans();
        } finally {
            latch.unlock();
        }
        Map<Long, TxnIntents> out = new java.util.LinkedHashMap<>();
        for (LockTable.Lock s : spans) {
            byte[] start;
            byte[] end;
            long oldest;
            long newest;
            latch.lock();
            try {
                start = s.spanStart;
                end = s.spanEnd;
                oldest = s.firstTs;
                newest = s.commitTs;
            } finally {
                latch.unlock();
            }
            List<Intent> first = store.intentsOf(s.txnId, start, end, 1);
            if (!first.isEmpty()) {
                out.put(s.txnId, new TxnIntents(s.txnId, first.get(0).recordRangeId(), oldest, newest,
                        first.get(0).key(), end));
            }
        }
        for (Map.Entry<Long, LockTable.Lock> e : prepared.entrySet()) {
            LockTable.Lock lock = e.getValue();
            KeySpans.Span covering = KeySpans.covering(lock.keys);
            Intent any = covering == null ? null : store.intent(covering.start());
            if (any != null && any.txnId() == e.getKey()) {
                out.putIfAbsent(e.getKey(), new TxnIntents(e.getKey(), any.recordRangeId(), lock.commitTs,
                        lock.commitTs, covering.start(), covering.end()));
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Checks under the latch that the transaction can commit at {@code commitTs}: nothing it read changed
     * since {@code readTs}, nothing it writes was committed since {@code readTs}, and no other transaction
     * holds a lock on any of those keys. Its reads are then recorded at {@code commitTs}, so no transaction
     * can later commit a write into what it read below its commit timestamp.
     */
    private void validate(long txnId, long readTs, long commitTs, ReadSet reads, List<Write> writes) {
        checkHorizon(readTs);
        // what was read here must still be this range's: after a split part of it is validated nowhere
        for (byte[] key : reads.keys()) {
            checkContains(key);
        }
        for (byte[][] span : reads.spans()) {
            checkSpan(span[0], span[1]);
        }
        checkUnchanged(txnId, reads, readTs, commitTs);
        for (Write w : writes) {
            LockTable.Lock held = locks.foreign(w.key(), txnId);
            if (held != null) {
                throw conflict(w.key(), held.isRowLock() ? "transaction " + held.txnId + " holds it locked (SELECT "
                        + "FOR UPDATE)" : "another transaction is committing a write to it");
            }
            if (store.latestVersionTs(w.key()) > readTs) {
                throw conflict(w.key(), "another transaction committed a write to it after this one started");
            }
        }
        checkHorizon(readTs); // a collection applied during validation may have hidden a newer version
        for (byte[] key : reads.keys()) {
            tsCache.recordKey(key, commitTs);
        }
        for (byte[][] span : reads.spans()) {
            tsCache.recordSpan(span[0], span[1], commitTs);
        }
    }

    /**
     * Fails unless nothing in {@code reads} was committed in {@code (fromTs, toTs]} and no other transaction is
     * committing into it at or below {@code toTs}: the reads made at {@code fromTs} hold at {@code toTs} too.
     */
    private void checkUnchanged(long txnId, ReadSet reads, long fromTs, long toTs) {
        for (byte[] key : reads.keys()) {
            if (locks.foreignIn(key, KeySpace.successor(key), txnId, fromTs, toTs) != null) {
                throw conflict(key, "it was read and another transaction is committing a write to it");
            }
            if (store.hasVersionIn(key, fromTs, toTs)) {
                throw conflict(key, "it was read and another transaction has since committed a write to it");
            }
        }
        for (byte[][] span : reads.spans()) {
            if (locks.foreignIn(span[0], span[1], txnId, fromTs, toTs) != null) {
                throw conflict(span[0], "a span from it was scanned and another transaction is committing a write "
                        + "into the span");
            }
            byte[] changed = store.firstVersionIn(span[0], span[1], fromTs, toTs);
            if (changed != null) {
                throw conflict(changed, "it lies in a scanned span and another transaction has since committed a "
                        + "write to it");
            }
        }
    }

    @Override
    public void refresh(long txnId, ReadSet reads, long fromTs, long toTs) {
        checkLeader();
        // like a read at toTs: confirm leadership, catch up, and keep it below the read watermark
        group.readBarrier();
        coverRead(toTs);
        latch.lock();
        try {
            checkLeader();
            checkHorizon(fromTs);
            for (byte[] key : reads.keys()) {
                checkContains(key);
            }
            for (byte[][] span : reads.spans()) {
                checkSpan(span[0], span[1]);
            }
            checkUnchanged(txnId, reads, fromTs, toTs);
            for (byte[] key : reads.keys()) {
                tsCache.recordKey(key, toTs);
            }
            for (byte[][] span : reads.spans()) {
                tsCache.recordSpan(span[0], span[1], toTs);
            }
        } finally {
            latch.unlock();
        }
    }

    private TransactionConflictException conflict(byte[] key, String reason) {
        return new TransactionConflictException("serialization conflict on key " + hex(key) + " in range "
                + descriptor().rangeId() + ": " + reason + "; retry the transaction", key);
    }

    // ---------------------------------------------------------------- row locks (SELECT ... FOR UPDATE)

    @Override
    public LockedReads lockAndGetAll(List<byte[]> keys, long txnId, long priority, boolean noWait, long readTs) {
        long newest = lockRows(keys, txnId, priority, noWait);
        return new LockedReads(newest, getAll(keys, readTs, txnId));
    }

    @Override
    public long lockRows(List<byte[]> keys, long txnId, long priority, boolean noWait) {
        for (byte[] key : keys) {
            checkContains(key);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_TIMEOUT_MS);
        while (true) {
            LockTable.Lock blocking = null;
            CompletableFuture<Void> released = null;
            latch.lock();
            try {
                checkLeader();
                for (byte[] key : keys) {
                    checkContains(key); // again under the latch: a split may have applied meanwhile
                    blocking = locks.foreign(key, txnId);
                    if (blocking != null) {
                        if (noWait) {
                            throw new LockNotAvailableException("could not obtain lock on row in range "
                                    + descriptor().rangeId() + ": transaction " + blocking.txnId + " holds it");
                        }
                        released = blocking.released();
                        break;
                    }
                }
                if (blocking == null) {
                    locks.lockRows(txnId, priority, List.copyOf(keys));
                    long newest = -1;
                    for (byte[] key : keys) {
                        newest = Math.max(newest, store.latestVersionTs(key));
                    }
                    return newest;
                }
            } finally {
                latch.unlock();
            }
            // a committing holder waits for nothing but Raft; a row-lock holder may itself wait for this one
            if (blocking.isRowLock() && !waits.startWaiting(txnId, blocking.txnId)) {
                throw new TransactionConflictException("range " + descriptor().rangeId() + ": deadlock: transaction "
                        + txnId + " waits for a row lock of transaction " + blocking.txnId + ", which waits for it "
                        + "(directly or through others); retry the transaction");
            }
            try {
                long remaining = deadline - System.nanoTime();
                // a row lock whose transaction stops renewing it lapses without being released: look again then
                long lapse = blocking.isRowLock() ? blocking.expiresAtNanos - System.nanoTime() + 1 : remaining;
                released.get(Math.max(0, Math.min(remaining, lapse)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (deadline - System.nanoTime() > 0) {
                    continue; // the lock lapsed; the next look ignores it
                }
                throw new TransactionConflictException("range " + descriptor().rangeId() + ": waited "
                        + LOCK_WAIT_TIMEOUT_MS + " ms for transaction " + blocking.txnId + " to release its lock on a "
                        + "row; retry the transaction");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting for a row lock");
            } catch (ExecutionException e) {
                // never completed exceptionally; re-check
            } finally {
                waits.stopWaiting(txnId);
            }
        }
    }

    @Override
    public void renewRowLocks(long txnId) {
        latch.lock();
        try {
            checkLeader();
            locks.renewRowLocks(txnId);
        } finally {
            latch.unlock();
        }
    }

    @Override
    public void releaseRowLocks(long txnId) {
        latch.lock();
        try {
            checkLeader();
            locks.releaseRowLocks(txnId);
        } finally {
            latch.unlock();
        }
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

    private void release(LockTable.Lock lock) {
        latch.lock();
        try {
            locks.release(lock);
        } finally {
            latch.unlock();
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
            throw new RangeMismatchException("key " + hex(key) + " is outside range " + descriptor().rangeId()
                    + " (it split or moved); retry the transaction");
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


    public static String hex(byte[] key) {
        StringBuilder sb = new StringBuilder(key.length * 2);
        for (byte b : key) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
