package io.cairndb.storage.concurrency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Keys locked on one range leader, of three kinds. A <em>commit lock</em> is held by a committing transaction
 * from validation until its versions (1PC) or intent resolution (2PC) are applied. A <em>row lock</em> is taken
 * by {@code SELECT … FOR UPDATE} and by UPDATE/DELETE in a transaction, and held until its transaction ends; its
 * coordinator renews it while the transaction runs, and one not renewed for {@link #ROW_LOCK_TTL_MS} (its node died)
 * lapses, so no transaction holds rows forever. An <em>intent span</em> stands for the replicated intents one
 * transaction has in the range (a big transaction writes them while it runs; a new leader finds every prepared
 * transaction's this way): one entry per transaction, whatever its number of intents, so the table's memory does
 * not grow with a transaction's size; whether a key inside the span really holds one of its intents is asked of the
 * store ({@link IntentProbe}), so only keys in such a span pay a store lookup.
 *
 * <p>Commit and row locks are not replicated: a new leader starts without them, which costs no correctness
 * (commits validate what they read) but drops row locks early. Not thread-safe: guarded by the range latch.
 */
final class LockTable {
    /** Tells whether a transaction has an intent stored in a span (the store, or a model of it in tests). */
    interface IntentProbe {
        boolean hasIntent(long txnId, byte[] start, byte[] endExclusive);
    }

    /** How long a row lock lasts unless its transaction renews it (its coordinator does every few seconds). */
    static final long ROW_LOCK_TTL_MS = ConcurrencyManager.ROW_LOCK_TTL_MS;

    /**
     * Locks one transaction holds on one range. Waiters take {@link #released()} under the latch and wait for it:
     * it completes when the lock goes, and, for an intent span, whenever the span changes (part of it resolved,
     * intents written to it replicated), after which they look again.
     */
    static final class Lock {
        final long txnId;
        /** Commit lock: the commit timestamp; intent span: the highest provisional timestamp of its intents. */
        long commitTs;
        final List<byte[]> keys;
        /** Row lock (FOR UPDATE): its transaction's age, earlier = older; 0 for a commit lock. */
        final long priority;
        volatile long expiresAtNanos;
        private CompletableFuture<Void> released = new CompletableFuture<>();
        /** Intent span: {@code [spanStart, spanEnd)} holds every intent of the transaction here; null otherwise. */
        byte[] spanStart;
        byte[] spanEnd;
        /** Intent span: batches of intents proposed but not yet applied (not yet visible in the store). */
        int inFlight;
        /** Intent span: the provisional timestamp of its first batch (how long the transaction has been writing). */
        long firstTs;
        /**
         * Intent span: {@link #UNDECIDED}, or the outcome its resolution announced ({@link #COMMITTED}: then
         * {@link #commitTs} is the commit timestamp, and readers read through its intents instead of waiting).
         */
        byte outcome = UNDECIDED;
        /** When it was taken ({@link System#nanoTime}). */
        final long takenAtNanos = System.nanoTime();

        Lock(long txnId, long commitTs, List<byte[]> keys, long priority, long expiresAtNanos) {
            this.txnId = txnId;
            this.commitTs = commitTs;
            this.keys = keys;
            this.priority = priority;
            this.expiresAtNanos = expiresAtNanos;
        }

        boolean isRowLock() {
            return priority != 0;
        }

        boolean isIntentSpan() {
            return spanStart != null;
        }

        boolean expired(long nowNanos) {
            return isRowLock() && nowNanos - expiresAtNanos >= 0;
        }

        /** Completes when the lock goes or changes; take it under the latch. */
        CompletableFuture<Void> released() {
            return released;
        }

        /** Wakes the waiters, who look again; the lock stays. */
        private void changed() {
            CompletableFuture<Void> old = released;
            released = new CompletableFuture<>();
            old.complete(null);
        }

        private void complete() {
            released.complete(null);
        }
    }

    static final byte UNDECIDED = 0;
    static final byte COMMITTED = 1;
    static final byte ABORTED = 2;

    /** Who asks whether an intent span is in the way: each is stopped by different spans. */
    private enum Asker { WRITER, VALIDATION, READER }

    private final TreeMap<byte[], Lock> locks = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<Long, List<Lock>> rowLocks = new HashMap<>();
    /** Intent spans by transaction. Few at a time (transactions with intents here), so they are searched in full. */
    private final Map<Long, Lock> intentSpans = new HashMap<>();
    private final IntentProbe probe;

    LockTable(IntentProbe probe) {
        this.probe = probe;
    }

    /** The lock of another transaction on {@code key} (of any kind: a writer may not touch it), or null. */
    Lock foreign(byte[] key, long txnId) {
        Lock l = locks.get(key);
        if (l != null && l.txnId != txnId && !l.expired(System.nanoTime())) {
            return l;
        }
        return intentSpans.isEmpty() ? null
                : foreignIntents(key, io.cairndb.storage.keys.KeySpace.successor(key), txnId, -1, Long.MAX_VALUE, Asker.WRITER);
    }

    /**
     * What changes, or may change, reads of {@code [start, end)} made at {@code fromTs} by {@code toTs}: a commit lock
     * of another transaction at or below {@code toTs}, or an intent span of one committing (or perhaps committing)
     * in {@code (fromTs, toTs]} with an intent there (row locks do not stop readers). Null when there is none.
     */
    Lock foreignIn(byte[] start, byte[] end, long txnId, long fromTs, long toTs) {
        Lock l = commitLockIn(start, end, txnId, toTs);
        return l != null || intentSpans.isEmpty() ? l
                : foreignIntents(start, end, txnId, fromTs, toTs, Asker.VALIDATION);
    }

    /**
     * What a reader at {@code readTs} of {@code [start, end)} must wait for: a commit lock at or below it, or an
     * undecided intent span at or below it with an intent there (a decided one is read through, see
     * {@link #visibleIntents}).
     */
    Lock blockingReader(byte[] start, byte[] end, long txnId, long readTs) {
        Lock l = commitLockIn(start, end, txnId, readTs);
        return l != null || intentSpans.isEmpty() ? l : foreignIntents(start, end, txnId, -1, readTs, Asker.READER);
    }

    /**
     * Adds to {@code out} the transactions whose intents a reader at {@code readTs} of {@code [start, end)} sees
     * as values: its own, and those committed at or below {@code readTs} but not yet resolved there.
     */
    void visibleIntents(byte[] start, byte[] end, long txnId, long readTs, java.util.Set<Long> out) {
        for (Lock s : intentSpans.values()) {
            boolean visible = s.txnId == txnId || s.outcome == COMMITTED && s.commitTs <= readTs;
            if (visible && overlaps(s, start, end)) {
                out.add(s.txnId);
            }
        }
    }

    private static boolean overlaps(Lock s, byte[] start, byte[] end) {
        return (end.length == 0 || Arrays.compareUnsigned(s.spanStart, end) < 0)
                && Arrays.compareUnsigned(start, s.spanEnd) < 0;
    }

    private Lock commitLockIn(byte[] start, byte[] end, long txnId, long maxTs) {
        Map<byte[], Lock> span = end.length == 0 ? locks.tailMap(start, true) : locks.subMap(start, true, end, false);
        for (Lock l : span.values()) {
            if (l.txnId != txnId && !l.isRowLock() && l.commitTs <= maxTs) {
                return l;
            }
        }
        return null;
    }

    /**
     * An intent span of another transaction that stops {@code asker} and holds an intent in {@code [start, end)} —
     * or may: intents still being replicated count as there, and a span with a batch in flight stops everyone,
     * whatever its outcome (a batch validated before an abort still lands). Otherwise writers are stopped by any
     * span not aborted; read validation by an undecided one with provisional ts at most {@code maxTs}, or one
     * committed in {@code (minTs, maxTs]} (committed at or below {@code minTs}, it was read through); readers only
     * by an undecided one at most {@code maxTs}.
     */
    private Lock foreignIntents(byte[] start, byte[] end, long txnId, long minTs, long maxTs, Asker asker) {
        for (Lock s : intentSpans.values()) {
            if (s.txnId == txnId) {
                continue;
            }
            boolean stops = s.inFlight > 0 && (asker == Asker.WRITER || s.commitTs <= maxTs) || switch (asker) {
                case WRITER -> s.outcome != ABORTED;
                case VALIDATION -> s.outcome == UNDECIDED ? s.commitTs <= maxTs
                        : s.outcome == COMMITTED && s.commitTs > minTs && s.commitTs <= maxTs;
                case READER -> s.outcome == UNDECIDED && s.commitTs <= maxTs;
            };
            if (!stops) {
                continue;
            }
            byte[] lo = Arrays.compareUnsigned(start, s.spanStart) > 0 ? start : s.spanStart;
            byte[] hi = end.length > 0 && Arrays.compareUnsigned(end, s.spanEnd) < 0 ? end : s.spanEnd;
            if (Arrays.compareUnsigned(lo, hi) < 0 && (s.inFlight > 0 || probe.hasIntent(s.txnId, lo, hi))) {
                return s;
            }
        }
        return null;
    }

    /**
     * Widens (or opens) the intent span of {@code txnId} to cover {@code [first, endExclusive)} for a batch of
     * intents about to be proposed at provisional timestamp {@code ts}; call {@link #intentsApplied} once the batch
     * is applied or has failed.
     */
    Lock addIntents(long txnId, long ts, byte[] first, byte[] endExclusive) {
        Lock s = intentSpans.get(txnId);
        if (s == null) {
            s = new Lock(txnId, ts, List.of(), 0, 0);
            s.firstTs = ts;
            s.spanStart = first;
            s.spanEnd = endExclusive;
            intentSpans.put(txnId, s);
        } else if (s.outcome == UNDECIDED) {
            s.commitTs = Math.max(s.commitTs, ts);
            if (Arrays.compareUnsigned(first, s.spanStart) < 0) {
                s.spanStart = first;
            }
            if (Arrays.compareUnsigned(endExclusive, s.spanEnd) > 0) {
                s.spanEnd = endExclusive;
            }
        }
        s.inFlight++;
        return s;
    }

    /** A batch announced by {@link #addIntents} is applied (or failed): its keys are now as the store says. */
    void intentsApplied(Lock span) {
        span.inFlight--;
        if (intentSpans.get(span.txnId) == span && span.inFlight == 0
                && !probe.hasIntent(span.txnId, span.spanStart, span.spanEnd)) {
            intentSpans.remove(span.txnId); // the batch failed and nothing else of it is here
            span.complete();
        } else {
            span.changed();
        }
    }

    /**
     * An intent span found in the store (a new leader's view of a transaction's intents), its intents' provisional
     * timestamps from {@code oldestTs} to {@code ts}.
     */
    void restoreIntents(long txnId, long oldestTs, long ts, byte[] first, byte[] endExclusive) {
        Lock s = addIntents(txnId, ts, first, endExclusive);
        s.firstTs = Math.min(s.firstTs, oldestTs);
        intentsApplied(s);
    }

    /** Every intent span here (a copy). */
    List<Lock> intentSpans() {
        return new ArrayList<>(intentSpans.values());
    }

    /** The intent span of {@code txnId} here, or null. */
    Lock intentSpan(long txnId) {
        return intentSpans.get(txnId);
    }

    /**
     * The intents of {@code txnId} in {@code [from, to)} (empty {@code to} = unbounded) are resolved: its span
     * shrinks, or goes when nothing of it is left.
     */
    void resolvedSpan(long txnId, boolean commit, long commitTs, byte[] from, byte[] to) {
        Lock s = intentSpans.get(txnId);
        decided(s, commit, commitTs);
        if (s == null || s.inFlight > 0) {
            if (s != null) {
                s.changed();
            }
            return;
        }
        if (Arrays.compareUnsigned(from, s.spanStart) <= 0
                && (to.length == 0 || Arrays.compareUnsigned(to, s.spanStart) > 0)) {
            s.spanStart = to.length == 0 || Arrays.compareUnsigned(to, s.spanEnd) >= 0 ? s.spanEnd : to;
        }
        settle(s);
    }

    /** Some intents of {@code txnId} were resolved by key: its span goes when the store holds none of it. */
    void resolved(long txnId, boolean commit, long commitTs) {
        Lock s = intentSpans.get(txnId);
        decided(s, commit, commitTs);
        if (s != null && s.inFlight == 0) {
            settle(s);
        } else if (s != null) {
            s.changed();
        }
    }

    /** The outcome a resolution announces: from now on readers read through the span's intents. */
    private static void decided(Lock s, boolean commit, long commitTs) {
        if (s != null && s.outcome == UNDECIDED) {
            s.outcome = commit ? COMMITTED : ABORTED;
            if (commit) {
                s.commitTs = commitTs;
            }
        }
    }

    private void settle(Lock s) {
        if (Arrays.compareUnsigned(s.spanStart, s.spanEnd) >= 0 || !probe.hasIntent(s.txnId, s.spanStart, s.spanEnd)) {
            intentSpans.remove(s.txnId);
            s.complete();
        } else {
            s.changed();
        }
    }


    /** Row-locks {@code keys} for {@code txnId} (the caller found none locked by another); renews the others. */
    void lockRows(long txnId, long priority, List<byte[]> keys) {
        releaseExpiredRowLocks();
        renewRowLocks(txnId);
        Lock lock = new Lock(txnId, Long.MAX_VALUE, keys, priority,
                System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ROW_LOCK_TTL_MS));
        for (byte[] k : keys) {
            locks.put(k, lock);
        }
        rowLocks.computeIfAbsent(txnId, id -> new ArrayList<>()).add(lock);
    }

    /** Extends the row locks of {@code txnId} by {@link #ROW_LOCK_TTL_MS} from now (its transaction still runs). */
    void renewRowLocks(long txnId) {
        List<Lock> held = rowLocks.get(txnId);
        if (held != null) {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ROW_LOCK_TTL_MS);
            for (Lock l : held) {
                l.expiresAtNanos = until;
            }
        }
    }

    /** Releases the row locks of {@code txnId} (its transaction ended). */
    void releaseRowLocks(long txnId) {
        List<Lock> held = rowLocks.remove(txnId);
        if (held != null) {
            held.forEach(this::release);
        }
    }

    private void releaseExpiredRowLocks() {
        long now = System.nanoTime();
        for (List<Lock> held : List.copyOf(rowLocks.values())) {
            if (!held.isEmpty() && held.get(0).expired(now)) {
                releaseRowLocks(held.get(0).txnId);
            }
        }
    }

    Lock acquire(long txnId, long commitTs, List<byte[]> keys) {
        Lock lock = new Lock(txnId, commitTs, keys, 0, 0);
        for (byte[] k : keys) {
            locks.put(k, lock);
        }
        return lock;
    }

    void release(Lock lock) {
        for (byte[] k : lock.keys) {
            locks.remove(k, lock);
        }
        lock.complete();
    }

    /** Releases every lock (leadership lost); waiters re-check and find the range no longer led here. */
    void releaseAll() {
        for (Lock l : List.copyOf(locks.values())) {
            release(l);
        }
        rowLocks.clear();
        intentSpans.values().forEach(Lock::complete);
        intentSpans.clear();
    }
}
