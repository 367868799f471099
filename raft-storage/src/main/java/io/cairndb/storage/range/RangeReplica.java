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

    RangeDescriptor descriptor();

    /** Point read at {@code readTs} (recorded in the timestamp cache; waits for older locks). */
    byte[] get(byte[] key, long readTs, long txnId);

    /** Up to {@code limit} pairs in {@code [start, end)} at {@code readTs}; the span is recorded as read. */
    List<KeyValue> scan(byte[] start, byte[] end, long readTs, long txnId, int limit);

    /**
     * Locks {@code keys} (rows this transaction read) for {@code txnId} until {@link #releaseRowLocks}: other
     * transactions may not write them and wait to lock them. Waits for another's lock only when that one is
     * older ({@code priority}: the transaction's begin timestamp) or committing, at most
     * {@link LocalRangeReplica#LOCK_WAIT_TIMEOUT_MS}; otherwise, or after that, fails with a retryable conflict.
     * With {@code noWait}, any lock of another fails with {@link LockNotAvailableException}.
     */
    void lockRows(List<byte[]> keys, long txnId, long priority, boolean noWait);

    /** Releases every row lock {@code txnId} holds here (its transaction ended). */
    void releaseRowLocks(long txnId);

    /** One-phase commit of a transaction touching only this range; returns the commit timestamp. */
    long commitOnePhase(long txnId, long readTs, ReadSet reads, List<Write> writes);

    /** Phase one: validates at {@code commitTs} and replicates intents; locks stay until resolution. */
    void prepare(long txnId, long readTs, long commitTs, long recordRangeId, ReadSet reads, List<Write> writes);

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
