package io.cairndb.storage.concurrency;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.mvcc.TxnIntents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The concurrency manager of one range leader: it sequences every request that reads or writes the range. Its
 * parts are the latch (one {@link ReentrantLock}: only checks and table updates run under it, never a Raft round),
 * the {@link LockTable} (commit locks, row locks and intent spans, whose waiters queue on the lock's release), the
 * {@link TimestampCache} (how high each key and span was read, so a write lands above it), validation (nothing a
 * transaction read changed up to its commit timestamp) and the node's {@link WaitForGraph} (a lock wait that would
 * close a cycle fails instead of waiting).
 *
 * <p>It knows nothing of Raft or RocksDB: it asks its range whether it still serves and holds a key
 * ({@link Range}) and the MVCC store what versions and intents exist ({@link Versions}), so it is tested on its
 * own, against a model of both. A request is admitted here, then replicated by the caller, then its admission is
 * released here ({@link #release}, {@link #intentsApplied}, or the resolution of a prepared transaction).
 */
public final class ConcurrencyManager {
    /** How long a request waits for another transaction's lock before failing with a retryable conflict. */
    public static final long LOCK_WAIT_TIMEOUT_MS = 5_000;
    /** How long a row lock lasts unless its transaction renews it (its coordinator does every few seconds). */
    public static final long ROW_LOCK_TTL_MS = 10_000;
    /**
     * How often a transaction waiting for a row lock asks whether it closes a cycle of waits through other nodes
     * (one through this node alone is refused when the wait starts), at most: a quarter of the lock wait timeout
     * where that is shorter. Most waits end sooner, and ask nothing.
     */
    static final long CLUSTER_DEADLOCK_PROBE_MS = 200;

    /** What the manager asks of the range it serves; each check throws the range's own retryable exception. */
    public interface Range {
        long rangeId();

        /** Fails unless the range is led here and serves requests. */
        void checkServing();

        /** Fails unless {@code key} lies in the range (it may have split). */
        void checkContains(byte[] key);

        /** Fails unless {@code [start, end)} (empty end = unbounded) lies in the range. */
        void checkSpan(byte[] start, byte[] end);

        /** Fails when versions a read at {@code readTs} would see were garbage-collected. */
        void checkHorizon(long readTs);
    }

    /** What the manager asks of the range's MVCC store. */
    public interface Versions {
        /** The first of {@code keys} with a version committed after {@code ts}, or null. */
        byte[] firstWrittenAfter(List<byte[]> keys, long ts);

        /** The first of {@code keys} with a version committed in {@code (fromTs, toTs]}, or null. */
        byte[] firstWrittenIn(List<byte[]> keys, long fromTs, long toTs);

        /** The first key in {@code [start, end)} with a version committed in {@code (fromTs, toTs]}, or null. */
        byte[] firstVersionIn(byte[] start, byte[] end, long fromTs, long toTs);

        /** Whether {@code txnId} has an intent stored in {@code [start, end)}. */
        boolean hasIntent(long txnId, byte[] start, byte[] endExclusive);
    }

    /**
     * A write request let in: the timestamp its writes go in at (pushed above every read of their keys), the leader
     * term it was let in under (its Raft proposal must be in that term: a new leader rebuilt its tables without it),
     * and what it holds here until released.
     */
    public static final class Admission {
        private final long ts;
        private final long term;
        private final LockTable.Lock lock;

        private Admission(long ts, long term, LockTable.Lock lock) {
            this.ts = ts;
            this.term = term;
            this.lock = lock;
        }

        public long ts() {
            return ts;
        }

        public long term() {
            return term;
        }

        /** Whether it holds anything (a prepare of a range only read holds nothing). */
        public boolean holds() {
            return lock != null;
        }
    }

    /** An intent span as the lock table has it: every intent of a transaction here lies in {@code [start, end)}. */
    public record IntentSpan(long txnId, byte[] start, byte[] end, long oldestTs, long newestTs) {
    }

    /**
     * A prepared (two-phase) transaction's commit lock: its written keys, commit timestamp, and how long ago it was
     * let in — its age, which the commit timestamp is not: a transaction that began long ago prepares at its snapshot.
     */
    public record PreparedLock(long txnId, List<byte[]> keys, long commitTs, long heldMillis) {
    }

    private final Range range;
    private final Versions versions;
    private final WaitForGraph waits;
    private final long lockWaitNanos;
    private final long deadlockProbeNanos;
    private final ReentrantLock latch = new ReentrantLock();
    private final LockTable locks;
    private final TimestampCache tsCache;
    /** Locks of prepared (2PC) transactions, kept until their resolution is applied. */
    private final Map<Long, LockTable.Lock> prepared = new ConcurrentHashMap<>();
    /** The leader term the tables are for (set with them, under the latch). */
    private long term = -1;

    /**
     * @param lowWater no write may commit at or below it (reads served before this manager existed lie below)
     * @param lockWaitMs how long a request waits for a lock ({@link #LOCK_WAIT_TIMEOUT_MS}; tests wait less)
     */
    public ConcurrencyManager(Range range, Versions versions, WaitForGraph waits, long lowWater, long lockWaitMs) {
        this.range = range;
        this.versions = versions;
        this.waits = waits;
        this.lockWaitNanos = TimeUnit.MILLISECONDS.toNanos(lockWaitMs);
        this.deadlockProbeNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(CLUSTER_DEADLOCK_PROBE_MS, lockWaitMs / 4));
        this.tsCache = new TimestampCache(lowWater);
        this.locks = new LockTable(versions::hasIntent);
    }

    // ---------------------------------------------------------------- leadership

    /**
     * The range is led here from {@code term} on. Nothing may commit at or below {@code lowWater} (reads served by
     * earlier leaders lie below it); each transaction with intents stored here gets an intent span, so nobody reads
     * past an undecided write. {@code whileLatched} runs under the latch after that (the range marks itself ready).
     */
    public void leaderStarted(long term, long lowWater, List<TxnIntents> stored, Runnable whileLatched) {
        latch.lock();
        try {
            this.term = term;
            tsCache.reset(lowWater);
            locks.releaseAll();
            prepared.clear();
            for (TxnIntents t : stored) {
                locks.restoreIntents(t.txnId(), t.oldestTs(), t.newestTs(), t.firstKey(), t.endExclusive());
            }
            whileLatched.run();
        } finally {
            latch.unlock();
        }
    }

    /** Leadership ended: every lock goes, and its waiters look again (and find the range no longer led here). */
    public void leaderStopped() {
        latch.lock();
        try {
            locks.releaseAll();
            prepared.clear();
        } finally {
            latch.unlock();
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * Sequences point reads of {@code keys} at {@code readTs}: records them in the timestamp cache and waits for
     * locks of transactions that may commit at or below {@code readTs}. Returns the transactions whose intents the
     * reader sees as values (its own, and those committed at or below {@code readTs} but not yet resolved).
     */
    public Set<Long> sequenceReads(List<byte[]> keys, long txnId, long readTs) {
        Set<Long> visible = new HashSet<>(2);
        awaitLocks(readTs, () -> {
            LockTable.Lock blocking = null;
            for (byte[] key : keys) {
                range.checkContains(key); // under the latch: a split applied since the caller's check narrows it
                tsCache.recordKey(key, readTs);
                locks.visibleIntents(key, KeySpace.successor(key), txnId, readTs, visible);
                if (blocking == null) {
                    blocking = locks.blockingReader(key, KeySpace.successor(key), txnId, readTs);
                }
            }
            return blocking;
        });
        return visible;
    }

    /** Sequences a scan of {@code [start, end)} at {@code readTs}, as {@link #sequenceReads}. */
    public Set<Long> sequenceScan(byte[] start, byte[] end, long txnId, long readTs) {
        Set<Long> visible = new HashSet<>(2);
        awaitLocks(readTs, () -> {
            range.checkSpan(start, end);
            tsCache.recordSpan(start, end, readTs);
            visible.clear();
            locks.visibleIntents(start, end, txnId, readTs, visible);
            return locks.blockingReader(start, end, txnId, readTs);
        });
        return visible;
    }

    private void awaitLocks(long readTs, Supplier<LockTable.Lock> recordAndFind) {
        long deadline = System.nanoTime() + lockWaitNanos;
        while (true) {
            LockTable.Lock blocking;
            CompletableFuture<Void> released;
            latch.lock();
            try {
                range.checkServing();
                range.checkHorizon(readTs);
                blocking = recordAndFind.get();
                released = blocking == null ? null : blocking.released();
            } finally {
                latch.unlock();
            }
            if (blocking == null) {
                return;
            }
            if (!waitFor(released, deadline - System.nanoTime())) {
                throw new TransactionConflictException("range " + range.rangeId() + ": waited "
                        + TimeUnit.NANOSECONDS.toMillis(lockWaitNanos) + " ms for transaction " + blocking.txnId
                        + " (committing at or before this read) to release its lock; retry the transaction");
            }
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Lets in a one-phase commit of {@code writeKeys}: pushes its timestamp above every read of them, validates its
     * reads and writes, and commit-locks the keys until {@link #release}. Throws a conflict when it cannot commit.
     */
    public Admission admitOnePhase(long txnId, long readTs, ReadSet reads, List<byte[]> writeKeys) {
        // at the transaction's own snapshot when nothing pushes it: what it read then need not stay unchanged up
        // to now, only up to its commit timestamp
        long commitTs = readTs + 1;
        latch.lock();
        try {
            range.checkServing();
            commitTs = pushAbove(writeKeys, commitTs);
            validate(txnId, readTs, commitTs, reads, writeKeys);
            return new Admission(commitTs, term, locks.acquire(txnId, commitTs, writeKeys));
        } finally {
            latch.unlock();
        }
    }

    /**
     * Lets in the prepare of a two-phase commit at {@code commitTs} or above: as {@link #admitOnePhase}, and the
     * commit lock is kept until the transaction's resolution is applied ({@link #resolved}). A range only read is
     * validated and holds nothing.
     */
    public Admission admitPrepare(long txnId, long readTs, long commitTs, ReadSet reads, List<byte[]> writeKeys) {
        latch.lock();
        try {
            range.checkServing();
            // the coordinator commits at the highest timestamp a participant asks for and refreshes the others
            commitTs = pushAbove(writeKeys, commitTs);
            validate(txnId, readTs, commitTs, reads, writeKeys);
            if (writeKeys.isEmpty()) {
                return new Admission(commitTs, term, null);
            }
            LockTable.Lock lock = locks.acquire(txnId, commitTs, writeKeys);
            prepared.put(txnId, lock);
            return new Admission(commitTs, term, lock);
        } finally {
            latch.unlock();
        }
    }

    /** A prepare let in was refused when applied: nothing of it was written, so its lock goes now. */
    public void prepareRefused(long txnId, Admission admission) {
        if (admission.lock != null && prepared.remove(txnId, admission.lock)) {
            release(admission);
        }
    }

    /**
     * Lets in a batch of intents that a transaction writes while it runs: each key must be free of other
     * transactions' locks and intents and unwritten since {@code readTs}; the batch's timestamp is above every read
     * of its keys. Its transaction's intent span covers the keys from now (readers at or above the timestamp wait for
     * its outcome) and counts the batch in flight until {@link #intentsApplied}.
     */
    public Admission admitIntents(long txnId, long readTs, List<byte[]> keys, byte[] spanStart, byte[] spanEnd) {
        long ts = readTs + 1;
        latch.lock();
        try {
            range.checkServing();
            range.checkHorizon(readTs);
            LockTable.Lock mine = locks.intentSpan(txnId);
            if (mine != null && mine.outcome != LockTable.UNDECIDED) {
                throw new TransactionConflictException("range " + range.rangeId() + ": transaction " + txnId
                        + " was aborted while it ran; retry the transaction");
            }
            for (byte[] key : keys) {
                range.checkContains(key);
                // above every read of the key so far: a reader below the intent's timestamp need not wait for it
                ts = Math.max(ts, tsCache.maxReadTs(key) + 1);
                LockTable.Lock held = locks.foreign(key, txnId);
                if (held != null) {
                    throw conflict(key, held.isRowLock() ? "transaction " + held.txnId + " holds it locked"
                            : "another transaction is writing it");
                }
            }
            checkUnwrittenSince(keys, readTs);
            return new Admission(ts, term, locks.addIntents(txnId, ts, spanStart, spanEnd));
        } finally {
            latch.unlock();
        }
    }

    /** A batch let in by {@link #admitIntents} is applied, or failed: its keys are now as the store says. */
    public void intentsApplied(Admission batch) {
        latch.lock();
        try {
            locks.intentsApplied(batch.lock);
        } finally {
            latch.unlock();
        }
    }

    /** Releases what a one-phase commit held (its versions are applied, or it failed). */
    public void release(Admission admission) {
        if (admission.lock == null) {
            return;
        }
        latch.lock();
        try {
            locks.release(admission.lock);
        } finally {
            latch.unlock();
        }
    }

    /**
     * Moves reads made at {@code fromTs} up to {@code toTs}: fails unless nothing in them changed in between, then
     * records them at {@code toTs}.
     */
    public void refresh(long txnId, ReadSet reads, long fromTs, long toTs) {
        latch.lock();
        try {
            range.checkServing();
            range.checkHorizon(fromTs);
            checkReadsHere(reads);
            checkUnchanged(txnId, reads, fromTs, toTs);
            recordReads(reads, toTs);
        } finally {
            latch.unlock();
        }
    }

    private long pushAbove(List<byte[]> writeKeys, long ts) {
        for (byte[] key : writeKeys) {
            range.checkContains(key);
            // a reader at or above the commit timestamp must see this write
            ts = Math.max(ts, tsCache.maxReadTs(key) + 1);
        }
        return ts;
    }

    /**
     * Checks that the transaction can commit at {@code commitTs}: nothing it read changed since {@code readTs},
     * nothing it writes was committed since {@code readTs}, and no other transaction holds a lock on any of those
     * keys. Its reads are then recorded at {@code commitTs}, so no transaction can later commit a write into what it
     * read below its commit timestamp.
     */
    private void validate(long txnId, long readTs, long commitTs, ReadSet reads, List<byte[]> writeKeys) {
        range.checkHorizon(readTs);
        checkReadsHere(reads); // what was read here must still be this range's: after a split part of it is elsewhere
        checkUnchanged(txnId, reads, readTs, commitTs);
        for (byte[] key : writeKeys) {
            LockTable.Lock held = locks.foreign(key, txnId);
            if (held != null) {
                throw conflict(key, held.isRowLock() ? "transaction " + held.txnId + " holds it locked (SELECT "
                        + "FOR UPDATE)" : "another transaction is committing a write to it");
            }
        }
        checkUnwrittenSince(writeKeys, readTs);
        range.checkHorizon(readTs); // a collection applied during validation may have hidden a newer version
        recordReads(reads, commitTs);
    }

    /**
     * Fails when another transaction committed to one of {@code keys} after {@code readTs}. Called under the latch
     * after the keys' locks were checked: a write applied since then still holds its lock, as no lock is released
     * without the latch.
     */
    private void checkUnwrittenSince(List<byte[]> keys, long readTs) {
        byte[] written = versions.firstWrittenAfter(keys, readTs);
        if (written != null) {
            throw conflict(written, "another transaction committed a write to it after this one started");
        }
    }

    private void checkReadsHere(ReadSet reads) {
        for (byte[] key : reads.keys()) {
            range.checkContains(key);
        }
        for (byte[][] span : reads.spans()) {
            range.checkSpan(span[0], span[1]);
        }
    }

    private void recordReads(ReadSet reads, long ts) {
        for (byte[] key : reads.keys()) {
            tsCache.recordKey(key, ts);
        }
        for (byte[][] span : reads.spans()) {
            tsCache.recordSpan(span[0], span[1], ts);
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
        }
        // after the locks: under the latch none is released, so a write applied since is still seen as its lock
        byte[] written = versions.firstWrittenIn(reads.keys(), fromTs, toTs);
        if (written != null) {
            throw conflict(written, "it was read and another transaction has since committed a write to it");
        }
        for (byte[][] span : reads.spans()) {
            if (locks.foreignIn(span[0], span[1], txnId, fromTs, toTs) != null) {
                throw conflict(span[0], "a span from it was scanned and another transaction is committing a write "
                        + "into the span");
            }
            byte[] changed = versions.firstVersionIn(span[0], span[1], fromTs, toTs);
            if (changed != null) {
                throw conflict(changed, "it lies in a scanned span and another transaction has since committed a "
                        + "write to it");
            }
        }
    }

    private TransactionConflictException conflict(byte[] key, String reason) {
        return new TransactionConflictException("serialization conflict on key " + KeySpace.hex(key) + " in range "
                + range.rangeId() + ": " + reason + "; retry the transaction", key);
    }

    // ---------------------------------------------------------------- row locks (SELECT ... FOR UPDATE)

    /**
     * Row-locks {@code keys} for {@code txnId} until {@link #releaseRowLocks}, waiting in the lock's queue for another
     * transaction's lock (failing at once with {@code noWait}, or when the wait would close a cycle of waits, or
     * after the lock wait timeout). Once they are locked no other transaction can commit a write to them, so the
     * caller reads their newest versions after this returns, without the latch.
     */
    public void lockRows(List<byte[]> keys, long txnId, long priority, boolean noWait) {
        long deadline = System.nanoTime() + lockWaitNanos;
        while (true) {
            LockTable.Lock blocking = null;
            CompletableFuture<Void> released = null;
            latch.lock();
            try {
                range.checkServing();
                for (byte[] key : keys) {
                    range.checkContains(key); // under the latch: a split may have applied meanwhile
                    blocking = locks.foreign(key, txnId);
                    if (blocking != null) {
                        if (noWait) {
                            throw new LockNotAvailableException("could not obtain lock on row in range "
                                    + range.rangeId() + ": transaction " + blocking.txnId + " holds it");
                        }
                        released = blocking.released();
                        break;
                    }
                }
                if (blocking == null) {
                    locks.lockRows(txnId, priority, List.copyOf(keys));
                    return;
                }
            } finally {
                latch.unlock();
            }
            // a committing holder waits for nothing but Raft; a row-lock holder may itself wait for this one
            if (blocking.isRowLock() && !waits.startWaiting(txnId, blocking.txnId)) {
                throw new TransactionConflictException("range " + range.rangeId() + ": deadlock: transaction "
                        + txnId + " waits for a row lock of transaction " + blocking.txnId + ", which waits for it "
                        + "(directly or through others); retry the transaction");
            }
            try {
                long remaining = deadline - System.nanoTime();
                // a row lock whose transaction stops renewing it lapses without being released: look again then
                long lapse = blocking.isRowLock() ? blocking.expiresAtNanos - System.nanoTime() + 1 : remaining;
                long probe = blocking.isRowLock() ? deadlockProbeNanos : remaining;
                long slice = Math.min(remaining, Math.min(lapse, probe));
                if (!waitFor(released, slice)) {
                    if (deadline - System.nanoTime() <= 0) {
                        throw new TransactionConflictException("range " + range.rangeId() + ": waited "
                                + TimeUnit.NANOSECONDS.toMillis(lockWaitNanos) + " ms for transaction "
                                + blocking.txnId + " to release its lock on a row; retry the transaction");
                    }
                    if (slice == probe && waits.victimOfCycle(txnId)) {
                        throw new TransactionConflictException("range " + range.rangeId() + ": deadlock: "
                                + "transaction " + txnId + " waits for a row lock of transaction " + blocking.txnId
                                + ", which waits for it through other nodes; retry the transaction");
                    }
                }
                // released, lapsed, or still held: the next look ignores a lapsed lock and waits again otherwise
            } finally {
                waits.stopWaiting(txnId);
            }
        }
    }

    /** Extends the row locks of {@code txnId} by {@link #ROW_LOCK_TTL_MS} from now (its transaction still runs). */
    public void renewRowLocks(long txnId) {
        latch.lock();
        try {
            range.checkServing();
            locks.renewRowLocks(txnId);
        } finally {
            latch.unlock();
        }
    }

    /** Releases the row locks of {@code txnId} (its transaction ended). */
    public void releaseRowLocks(long txnId) {
        latch.lock();
        try {
            range.checkServing();
            locks.releaseRowLocks(txnId);
        } finally {
            latch.unlock();
        }
    }

    // ---------------------------------------------------------------- resolution

    /** Some intents of {@code txnId} were resolved by key (applied): a prepared commit lock goes, spans shrink. */
    public void resolved(long txnId, boolean commit, long commitTs) {
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

    /**
     * The intents of {@code txnId} in {@code [from, to)} were resolved (applied). A prepared transaction resolved by
     * span (by recovery) keeps its commit lock until none of its keys still here ({@code stillHere}) holds its
     * intent: after a split the rest are the child's, whose leader locks them by their intents.
     */
    public void resolvedSpan(long txnId, boolean commit, long commitTs, byte[] from, byte[] to,
                             Predicate<byte[]> stillHere) {
        LockTable.Lock lock = prepared.get(txnId);
        if (lock != null && lock.keys.stream().filter(stillHere)
                .noneMatch(k -> versions.hasIntent(txnId, k, KeySpace.successor(k)))) {
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

    /** Every intent span here now (one per transaction with intents here). */
    public List<IntentSpan> intentSpans() {
        latch.lock();
        try {
            List<IntentSpan> out = new ArrayList<>();
            for (LockTable.Lock s : locks.intentSpans()) {
                out.add(new IntentSpan(s.txnId, s.spanStart, s.spanEnd, s.firstTs, s.commitTs));
            }
            return out;
        } finally {
            latch.unlock();
        }
    }

    /** The commit locks of prepared transactions here now. */
    public List<PreparedLock> preparedLocks() {
        List<PreparedLock> out = new ArrayList<>();
        for (LockTable.Lock l : prepared.values()) {
            out.add(new PreparedLock(l.txnId, l.keys, l.commitTs,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - l.takenAtNanos)));
        }
        return out;
    }

    /** Waits up to {@code nanos} for {@code released}; false when the time ran out first. */
    private static boolean waitFor(CompletableFuture<Void> released, long nanos) {
        try {
            released.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a lock");
        } catch (ExecutionException e) {
            return true; // never completed exceptionally; the caller looks again
        }
    }
}
