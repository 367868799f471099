package io.cairndb.storage.txn;

import io.cairndb.storage.concurrency.LockNotAvailableException;
import io.cairndb.storage.concurrency.TransactionConflictException;

/**
 * A transaction over the global ordered keyspace. Reads see the snapshot at {@link #readTimestamp()} plus this
 * transaction's own uncommitted writes; writes are buffered until {@link #commit()}, which makes them atomic
 * across every range they touch and SERIALIZABLE against every other transaction.
 *
 * <p>Keys are raw byte strings built with {@link io.cairndb.storage.keys.KeyWriter}; values are opaque bytes.
 * A transaction is used by one thread at a time.
 */
public interface Transaction extends AutoCloseable {

    /** Unique id of this transaction (also names its intents and its record). */
    long id();

    /** The snapshot timestamp all reads are served at. */
    long readTimestamp();

    boolean isReadOnly();

    /** True until commit or rollback has been called. */
    boolean isActive();

    /** The value of {@code key}, or null when absent; sees this transaction's own writes. */
    byte[] get(byte[] key);

    /**
     * The values of {@code keys} (null where absent), as {@link #get} each, in one request per range: what a bulk
     * INSERT checks its keys with.
     */
    java.util.List<byte[]> getAll(java.util.List<byte[]> keys);

    /**
     * Ascending scan of {@code [startInclusive, endExclusive)}, this transaction's own writes merged in and its
     * own deletes hidden. The caller closes the iterator.
     */
    KvIterator scan(byte[] startInclusive, byte[] endExclusive);

    /**
     * SELECT ... FOR UPDATE: runs {@code reads} (reads through this transaction) and locks every row they read
     * until this transaction ends — others may not write those rows and wait (at most
     * {@link io.cairndb.storage.range.LocalRangeReplica#LOCK_WAIT_TIMEOUT_MS}) to lock them; with {@code noWait}
     * a row locked by another fails with {@link io.cairndb.storage.concurrency.LockNotAvailableException}. The reads
     * are not kept: the caller reads again for its result, and when the transaction had read and written nothing
     * before, that read sees the locked rows as last committed. Not for read-only transactions.
     */
    void lockRowsRead(Runnable reads, boolean noWait);

    /**
     * Runs a statement that writes what it reads (UPDATE, DELETE) with locking reads: every row it reads is locked
     * until this transaction ends, waiting for other holders (as {@link #lockRowsRead}). When a row it locked has
     * been changed since this transaction's snapshot — it waited for the writer, or the writer committed just
     * before — the statement's writes are undone, the transaction's earlier reads are checked to still hold at a
     * new, later snapshot (a {@link TransactionConflictException} when one does not), and the statement runs again
     * at that snapshot, where it reads the rows it holds as last committed. So writers of the same rows queue
     * instead of failing at commit. {@code statement} may run more than once; the last run counts.
     */
    void runLocking(Runnable statement, boolean noWait);

    /** Buffers a write; visible to this transaction at once, to others after commit. */
    void put(byte[] key, byte[] value);

    /** Buffers a delete of {@code key} (a no-op when it does not exist). */
    void delete(byte[] key);

    /**
     * Commits atomically. Throws {@link TransactionConflictException} when the transaction cannot be serialized;
     * the transaction is then rolled back and nothing it wrote is visible.
     */
    void commit();

    /** Discards every buffered write; never throws for an already-ended transaction. */
    void rollback();

    /** Rolls back if still active. */
    @Override
    default void close() {
        if (isActive()) {
            rollback();
        }
    }
}
