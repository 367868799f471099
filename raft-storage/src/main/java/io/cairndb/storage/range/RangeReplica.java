package io.cairndb.storage.range;

import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The leader of one range as the transaction coordinator sees it. {@link LocalRangeReplica} serves a replica
 * held by this node; a remote implementation (RPC to the leader's node) plugs in here for multi-node clusters.
 * Every call fails with a retryable {@link io.cairndb.storage.StorageException} when the replica is not leader.
 */
public interface RangeReplica {
    /** How long a row lock lasts unless its transaction renews it ({@link #renewRowLocks}). */
    long ROW_LOCK_TTL_MS = 10_000;

    RangeDescriptor descriptor();

    /** Point read at {@code readTs} (recorded in the timestamp cache; waits for older locks). */
    byte[] get(byte[] key, long readTs, long txnId);

    /** Up to {@code limit} pairs in {@code [start, end)} at {@code readTs}; the span is recorded as read. */
    List<KeyValue> scan(byte[] start, byte[] end, long readTs, long txnId, int limit);

    /**
     * Locks {@code keys} (rows this transaction read) for {@code txnId} until {@link #releaseRowLocks}: other
     * transactions may not write them and wait to lock them. Waits in turn for another's lock, at most
     * {@link LocalRangeReplica#LOCK_WAIT_TIMEOUT_MS}; a wait that would close a cycle of waits (a deadlock) fails at
     * once, and so does a timeout after that, with a retryable conflict. With {@code noWait}, any lock of another
     * fails with {@link LockNotAvailableException}. Returns the commit timestamp of the newest version of any of
     * the keys (-1 when none has one): above the transaction's snapshot, what it read of them is out of date.
     */
    long lockRows(List<byte[]> keys, long txnId, long priority, boolean noWait);

    /**
     * Moves reads made at {@code fromTs} up to {@code toTs}: fails with a retryable conflict unless nothing in
     * {@code reads} was committed in {@code (fromTs, toTs]} (nor is being committed at or below {@code toTs}); then
     * records them as read at {@code toTs}, so nothing can commit beneath them later.
     */
    void refresh(long txnId, ReadSet reads, long fromTs, long toTs);

    /** Keeps the row locks of {@code txnId} here from lapsing: its transaction still runs. */
    void renewRowLocks(long txnId);

    /** Releases every row lock {@code txnId} holds here (its transaction ended). */
    void releaseRowLocks(long txnId);

    /** One-phase commit of a transaction touching only this range; returns the commit timestamp. */
    long commitOnePhase(long txnId, long readTs, ReadSet reads, List<Write> writes);

    /**
     * Phase one: pushes {@code commitTs} above every read of the keys it writes, validates the reads up to it and
     * replicates intents; locks stay until resolution. Returns the commit timestamp this range prepared at (at
     * least {@code commitTs}).
     */
    long prepare(long txnId, long readTs, long commitTs, long recordRangeId, ReadSet reads, List<Write> writes);

    /** Writes the record unless one exists; returns the record the range holds afterwards. */
    TxnRecord setRecord(TxnRecord record);

    /** The record of {@code txnId} kept by this range, or null. */
    TxnRecord getRecord(long txnId);

    /** Removes a record whose transaction is fully resolved. */
    CompletableFuture<Object> deleteRecord(long txnId);

    /** Resolves the transaction's intents on {@code keys} and releases its locks once applied. */
    CompletableFuture<Object> resolve(long txnId, boolean commit, long commitTs, List<byte[]> keys);

    /** Every intent stored in this range (recovery). */
    List<Intent> intents();

    /** Deletes every version and intent of the range's span. */
    void clear();
}
