package io.cairndb.storage.txn;

import io.cairndb.storage.StorageException;
import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.range.Write;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A transaction: reads at its snapshot timestamp through the range leaders, buffers its writes here, and
 * remembers what it read per range so the commit can validate it. A transaction whose buffer grows past
 * {@link IntentWriter#FLUSH_WRITES} writes (or {@link IntentWriter#FLUSH_BYTES}) writes them to their ranges as
 * intents ({@link IntentWriter}) and goes on buffering, so its size is bounded by no one's memory. Rows read under
 * {@link #lockRowsRead} are also row-locked at their leaders until the transaction ends.
 */
final class RangeTransaction implements Transaction {
    /** Snapshot age past which a writing transaction refreshes it (garbage collection keeps 10 minutes). */
    private static final long SNAPSHOT_REFRESH_AGE_MS = 3 * 60_000;
    /** Attempts at a point read refused because its range split meanwhile (paused, about 10 s in all). */
    /** Attempts at a read refused because its range split (with {@link #pauseForRoute}: about 9 s in all). */
    static final int GET_ATTEMPTS = 50;
    /** Keys row-locked per request while a locking read scans. */
    private static final int LOCK_BATCH = 128;
    /** Runs of one locking statement before giving up: each rerun happens only when a row changed under it. */
    private static final int MAX_STATEMENT_RUNS = 5;
    /** In a statement's undo log: the key had no write of this transaction before the statement. */
    private static final Write NO_WRITE = new Write(new byte[0], null);

    private final long id;
    /** The begin timestamp: the transaction's age when its row locks meet others' (older wins). */
    private final long priority;
    private long readTs;
    private final boolean readOnly;
    private final RangeRouter router;
    private final CommitProtocol commits;
    private final LongSupplier clock;
    private final TreeMap<byte[], Write> writes = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<Long, ReadSet> reads = new LinkedHashMap<>();
    /** Ranges holding row locks of this transaction, by range id (released when it ends). */
    private final Map<Long, RangeReplica> lockedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Renews the row locks and the PENDING record while the transaction runs; null until it needs to. */
    private java.util.concurrent.ScheduledFuture<?> heartbeat;
    /** The intents written while running, or null while everything it wrote is buffered. */
    private IntentWriter intents;
    /** Bytes of keys and values in {@link #writes}. */
    private long bufferedBytes;
    /** Scans opened and not yet closed (their pages are read at the snapshot they began with). */
    private int openScans;
    /** Set when the running locking statement wrote intents: its writes can no longer be undone to rerun it. */
    private boolean flushedInStatement;
    /** Set while a locking read runs: every row read is also locked; true = fail instead of waiting. */
    private Boolean lockingNoWait;
    /** Set when a row locked by the running locking read has a version newer than the snapshot. */
    private boolean lockedStale;
    /** While a statement runs under {@link #runLocking}: each key it wrote, with this transaction's write before. */
    private TreeMap<byte[], Write> undo;
    private boolean active = true;

    RangeTransaction(long id, long readTs, boolean readOnly, RangeRouter router, CommitProtocol commits,
                     LongSupplier clock) {
        this.id = id;
        this.priority = readTs;
        this.readTs = readTs;
        this.readOnly = readOnly;
        this.router = router;
        this.commits = commits;
        this.clock = clock;
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
        settleIntentsOver(key, io.cairndb.storage.keys.KeySpace.successor(key));
        for (int attempt = 1; ; attempt++) {
            RangeReplica replica = router.replicaFor(key);
            try {
                // locking: lock first, then read, in one request: a reader that waits records its read only once
                // the holder is done, so the read cannot push the holder's commit above it while the holder runs
                byte[] value = lockingNoWait != null ? lockAndGet(replica, List.of(key.clone())).get(0)
                        : replica.get(key, readTs, id);
                readSet(replica.descriptor().rangeId()).addKey(key.clone());
                return value;
            } catch (io.cairndb.storage.range.RangeMismatchException e) {
                if (attempt == GET_ATTEMPTS) {
                    throw e;
                }
                // the range split since this node last looked (the route reloaded): nothing was read, ask again
                pauseForRoute(attempt);
            }
        }
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        checkActive();
        byte[][] values = new byte[keys.size()][];
        List<Integer> remote = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            checkKey(keys.get(i));
            Write own = writes.get(keys.get(i));
            if (own != null) {
                values[i] = own.value() == null ? null : own.value().clone();
            } else {
                remote.add(i);
            }
        }
        if (intents != null && !remote.isEmpty()) {
            byte[] lo = keys.get(remote.get(0));
            byte[] hi = lo;
            for (int i : remote) {
                lo = Arrays.compareUnsigned(keys.get(i), lo) < 0 ? keys.get(i) : lo;
                hi = Arrays.compareUnsigned(keys.get(i), hi) > 0 ? keys.get(i) : hi;
            }
            settleIntentsOver(lo, io.cairndb.storage.keys.KeySpace.successor(hi));
        }
        for (int attempt = 1; !remote.isEmpty(); attempt++) {
            Map<RangeReplica, List<Integer>> byRange = new LinkedHashMap<>();
            for (int i : remote) {
                byRange.computeIfAbsent(router.replicaFor(keys.get(i)), r -> new ArrayList<>()).add(i);
            }
            List<Integer> refused = new ArrayList<>();
            for (Map.Entry<RangeReplica, List<Integer>> e : byRange.entrySet()) {
                List<byte[]> part = new ArrayList<>(e.getValue().size());
                e.getValue().forEach(i -> part.add(keys.get(i)));
                List<byte[]> got;
                try {
                    got = lockingNoWait != null ? lockAndGet(e.getKey(), part) : e.getKey().getAll(part, readTs, id);
                } catch (io.cairndb.storage.range.RangeMismatchException ex) {
                    if (attempt == GET_ATTEMPTS) {
                        throw ex;
                    }
                    refused.addAll(e.getValue()); // the range split meanwhile: nothing read, ask again
                    continue;
                }
                ReadSet set = readSet(e.getKey().descriptor().rangeId());
                for (int j = 0; j < part.size(); j++) {
                    values[e.getValue().get(j)] = got.get(j);
                    set.addKey(part.get(j).clone());
                }
            }
            remote = refused;
            if (!remote.isEmpty()) {
                pauseForRoute(attempt);
            }
        }
        return Arrays.asList(values);
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
        settleIntentsOver(startInclusive, endExclusive);
        StoreScan store = new StoreScan(router, startInclusive.clone(), endExclusive.clone(), readTs, id,
                this::readSet);
        KvIterator rows = new MergingKvIterator(store, new TreeMap<>(own));
        openScans++;
        KvIterator counted = new KvIterator() {
            private boolean closed;

            @Override
            public boolean next() {
                return rows.next();
            }

            @Override
            public byte[] key() {
                return rows.key();
            }

            @Override
            public byte[] value() {
                return rows.value();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openScans--;
                }
                rows.close();
            }
        };
        return lockingNoWait == null ? counted : new LockingScan(counted);
    }

    /**
     * Runs {@code reads} (a query through this transaction) locking every row it reads until this transaction
     * ends; other transactions then may not write those rows, and wait to lock them. The reads themselves are a
     * probe: the caller runs the query again for its result. When this transaction has read and written
     * nothing before, its snapshot then moves to now, so that run sees the rows as last committed — which, locked,
     * no one else can change before this transaction ends.
     */
    @Override
    public void lockRowsRead(Runnable reads, boolean noWait) {
        checkWritable();
        boolean untouched = this.reads.isEmpty() && writes.isEmpty();
        Map<Long, Long> marks = readMarks();
        runLockingReads(reads, noWait);
        if (untouched) {
            this.reads.clear();
            readTs = Math.max(readTs, clock.getAsLong());
        } else if (lockedStale) {
            moveSnapshotForward(marks);
        }
    }

    @Override
    public void runLocking(Runnable statement, boolean noWait) {
        checkWritable();
        for (int run = 1; ; run++) {
            boolean untouched = reads.isEmpty() && writes.isEmpty();
            Map<Long, Long> marks = readMarks();
            undo = new TreeMap<>(Arrays::compareUnsigned);
            TreeMap<byte[], Write> undone;
            try {
                runLockingReads(statement, noWait);
            } finally {
                undone = undo;
                undo = null;
            }
            if (!lockedStale) {
                return;
            }
            if (flushedInStatement) {
                throw new TransactionConflictException("transaction " + id + ": a statement that wrote more than "
                        + IntentWriter.FLUSH_WRITES + " rows met a row changed since the transaction began; retry "
                        + "the transaction");
            }
            if (run == MAX_STATEMENT_RUNS) {
                throw new TransactionConflictException("transaction " + id + ": the rows a statement locks kept "
                        + "changing under it (" + run + " runs); retry the transaction");
            }
            for (Map.Entry<byte[], Write> e : undone.entrySet()) {
                if (e.getValue() == NO_WRITE) {
                    writes.remove(e.getKey());
                } else {
                    writes.put(e.getKey(), e.getValue());
                }
            }
            if (untouched) {
                reads.clear();
                readTs = Math.max(readTs + 1, clock.getAsLong());
            } else {
                moveSnapshotForward(marks);
            }
        }
    }

    /** Runs {@code work} with every row it reads locked; {@link #lockedStale} tells whether one had changed. */
    private void runLockingReads(Runnable work, boolean noWait) {
        lockingNoWait = noWait;
        lockedStale = false;
        flushedInStatement = false;
        try {
            work.run();
        } finally {
            lockingNoWait = null;
        }
    }

    /** Where the read set of each range stands now (see {@link ReadSet#mark()}). */
    private Map<Long, Long> readMarks() {
        Map<Long, Long> marks = new java.util.HashMap<>();
        reads.forEach((rangeId, set) -> marks.put(rangeId, set.mark()));
        return marks;
    }

    /**
     * Moves the snapshot to now by a {@link ReadRefresher read refresh}: checks, at each range, that what this
     * transaction read before {@code marks} (and every key it has written) was not changed since its snapshot; the
     * reads after {@code marks} — made by a statement that now runs again — are dropped.
     */
    private void moveSnapshotForward(Map<Long, Long> marks) {
        if (intents != null) {
            intents.awaitReplicated(); // its batches were checked at the old snapshot: they land before it moves
        }
        long newTs = Math.max(readTs + 1, clock.getAsLong());
        Map<Long, ReadSet> earlier = new LinkedHashMap<>();
        Map<Long, RangeReplica> replicas = new java.util.HashMap<>();
        for (Map.Entry<Long, ReadSet> e : reads.entrySet()) {
            ReadSet before = e.getValue().before(marks.getOrDefault(e.getKey(), 0L));
            if (!before.isEmpty()) {
                earlier.put(e.getKey(), before);
            }
        }
        for (Write w : writes.values()) {
            RangeReplica replica = router.replicaFor(w.key());
            long rangeId = replica.descriptor().rangeId();
            replicas.putIfAbsent(rangeId, replica);
            earlier.computeIfAbsent(rangeId, r -> new ReadSet()).addKey(w.key());
        }
        List<ReadRefresher.Reads> refreshed = new ArrayList<>(earlier.size());
        for (Map.Entry<Long, ReadSet> e : earlier.entrySet()) {
            RangeReplica replica = replicas.containsKey(e.getKey()) ? replicas.get(e.getKey()) : router.byId(e.getKey());
            if (replica == null) {
                throw new TransactionConflictException("range " + e.getKey() + " read by transaction " + id
                        + " no longer exists; retry the transaction");
            }
            refreshed.add(new ReadRefresher.Reads(replica, e.getValue(), readTs));
        }
        ReadRefresher.refresh(id, refreshed, newTs);
        for (Map.Entry<Long, ReadSet> e : reads.entrySet()) {
            e.getValue().truncate(marks.getOrDefault(e.getKey(), 0L));
        }
        readTs = newTs;
    }

    /** Locks {@code keys} (all in {@code replica}'s range) and reads them, as {@link #get} does when locking. */
    private List<byte[]> lockAndGet(RangeReplica replica, List<byte[]> keys) {
        io.cairndb.storage.range.LockedReads read = locking(replica,
                () -> replica.lockAndGetAll(keys, id, priority, lockingNoWait, readTs));
        noteNewest(read.newestTs());
        return read.values();
    }

    private void lockRows(List<byte[]> keys) {
        Map<RangeReplica, List<byte[]>> byRange = new LinkedHashMap<>();
        for (byte[] key : keys) {
            byRange.computeIfAbsent(router.replicaFor(key), r -> new ArrayList<>()).add(key);
        }
        for (Map.Entry<RangeReplica, List<byte[]>> e : byRange.entrySet()) {
            RangeReplica replica = e.getKey();
            noteNewest(locking(replica, () -> replica.lockRows(e.getValue(), id, priority, lockingNoWait)));
        }
    }

    /** Runs {@code call}, which takes row locks at {@code replica}, once the locks there are known and kept alive. */
    private <T> T locking(RangeReplica replica, java.util.function.Supplier<T> call) {
        lockedAt.putIfAbsent(replica.descriptor().rangeId(), replica);
        startHeartbeat();
        return call.get();
    }

    /** Rows just locked whose newest version is above the snapshot: what the statement read of them is stale. */
    private void noteNewest(long newestTs) {
        if (newestTs > readTs) {
            lockedStale = true;
        }
    }

    /** Starts renewing row locks and the PENDING record, once. */
    private void startHeartbeat() {
        if (heartbeat == null) {
            heartbeat = TransactionHeartbeat.start(() -> {
                for (RangeReplica replica : lockedAt.values()) {
                    try {
                        replica.renewRowLocks(id);
                    } catch (RuntimeException e) {
                        // a leader change drops row locks anyway; the next beat tries again where they remain
                    }
                }
                IntentWriter writer = intents;
                if (writer != null) {
                    writer.heartbeat();
                }
            });
        }
    }

    /** Best effort: a lock not released here expires at its leader (or goes with a leader change). */
    private void releaseRowLocks() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        for (RangeReplica replica : lockedAt.values()) {
            try {
                replica.releaseRowLocks(id);
            } catch (RuntimeException e) {
                // expires on its own
            }
        }
        lockedAt.clear();
    }

    /** Passes a scan through, locking the keys it returns in batches (the rest when it ends or closes). */
    private final class LockingScan implements KvIterator {
        private final KvIterator inner;
        private final List<byte[]> pending = new ArrayList<>();

        LockingScan(KvIterator inner) {
            this.inner = inner;
        }

        @Override
        public boolean next() {
            if (pending.size() >= LOCK_BATCH) {
                flush();
            }
            boolean more = inner.next();
            if (more) {
                pending.add(inner.key().clone());
            } else {
                flush();
            }
            return more;
        }

        private void flush() {
            if (!pending.isEmpty()) {
                List<byte[]> batch = List.copyOf(pending);
                pending.clear();
                lockRows(batch);
            }
        }

        @Override
        public byte[] key() {
            return inner.key();
        }

        @Override
        public byte[] value() {
            return inner.value();
        }

        @Override
        public void close() {
            try {
                if (lockingNoWait != null) {
                    flush();
                }
            } finally {
                inner.close();
            }
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("put of a null value; use delete");
        }
        remember(key);
        buffer(new Write(key.clone(), value.clone()));
    }

    private void buffer(Write w) {
        Write before = writes.put(w.key(), w);
        bufferedBytes += size(w) - (before == null ? 0 : size(before));
        if (IntentWriter.due(writes.size(), bufferedBytes)) {
            writeIntents();
        }
    }

    /**
     * A long transaction (a bulk INSERT running for minutes) moves its snapshot forward by a read refresh before
     * garbage collection passes it, which would fail its next read ("snapshot too old"). Not while a locking
     * statement runs (its undo log and read marks assume a fixed snapshot), nor while a scan is open (it goes on
     * at the old snapshot, and what it reads after the refresh would never be validated from there).
     */
    private void keepSnapshotYoung() {
        long age = io.cairndb.storage.time.HybridClock.physicalMillis(clock.getAsLong())
                - io.cairndb.storage.time.HybridClock.physicalMillis(readTs);
        if (age > SNAPSHOT_REFRESH_AGE_MS && undo == null && openScans == 0) {
            moveSnapshotForward(readMarks());
        }
    }

    /** A pause before asking again for a range that split: its new shape reaches this node's routes shortly. */
    static void pauseForRoute(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a range's new route");
        }
    }

    private static long size(Write w) {
        return w.key().length + (w.value() == null ? 0 : w.value().length);
    }

    /**
     * Writes the buffer to the ranges as intents and empties it. Reads of keys it writes need no validation at
     * commit any more (the intent, locked, already checked that nothing was committed to them since the snapshot),
     * so this statement's reads of them are forgotten, which keeps a big INSERT's read set small.
     */
    private void writeIntents() {
        if (intents == null) {
            intents = new IntentWriter(id, router, clock);
        }
        keepSnapshotYoung();
        startHeartbeat(); // before the PENDING record is written: a slow first batch must not let it age
        intents.write(readTs, writes.values());
        if (undo != null) {
            flushedInStatement = true;
        }
        forgetReadsOfWrites();
        writes.clear();
        bufferedBytes = 0;
    }

    /**
     * Drops the reads of keys the buffer writes, and repeated reads of a key. A write is checked at its range for any
     * commit to its key since the snapshot and for other transactions' locks, which covers what validating the read
     * would check; once it holds its lock there, nothing can change the key before this transaction ends.
     */
    private void forgetReadsOfWrites() {
        for (ReadSet set : reads.values()) {
            set.removeKeys(writes::containsKey);
        }
    }

    /** Keeps this transaction's write of {@code key} before the running statement's first write of it. */
    private void remember(byte[] key) {
        if (undo != null && !undo.containsKey(key)) {
            Write before = writes.get(key);
            undo.put(key.clone(), before == null ? NO_WRITE : before);
        }
    }

    @Override
    public void delete(byte[] key) {
        checkWritable();
        checkKey(key);
        remember(key);
        buffer(new Write(key.clone(), null));
    }

    @Override
    public void commit() {
        checkActive();
        active = false;
        try {
            if (intents != null && intents.hasIntents()) {
                if (!writes.isEmpty()) {
                    intents.write(readTs, writes.values());
                }
                intents.awaitReplicated(); // the one wait for the pipelined batches
                commits.commitIntents(id, readTs, reads, intents);
                return;
            }
            if (readOnly || writes.isEmpty()) {
                return; // serialized at its read timestamp; its reads are in the timestamp caches
            }
            forgetReadsOfWrites();
            commits.commit(id, readTs, writes.values(), reads);
        } finally {
            releaseRowLocks();
        }
    }

    @Override
    public void rollback() {
        active = false;
        writes.clear();
        releaseRowLocks();
        if (intents != null && intents.hasIntents()) {
            commits.abortIntents(intents);
        }
    }

    /** Reads of {@code [start, end)} wait for this transaction's batches of intents in flight there. */
    private void settleIntentsOver(byte[] start, byte[] end) {
        if (intents != null) {
            intents.settleOver(start, end);
        }
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
