package io.cairndb.storage.range;

import io.cairndb.storage.concurrency.LockNotAvailableException;
import io.cairndb.storage.concurrency.ReadSet;
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
    long ROW_LOCK_TTL_MS = io.cairndb.storage.concurrency.ConcurrencyManager.ROW_LOCK_TTL_MS;

    RangeDescriptor descriptor();

    /** Point read at {@code readTs} (recorded in the timestamp cache; waits for older locks). */
    byte[] get(byte[] key, long readTs, long txnId);

    /** Point reads of several keys of this range at once, as {@link #get} each; values in the keys' order. */
    List<byte[]> getAll(List<byte[]> keys, long readTs, long txnId);

    /**
     * Pairs in {@code [start, end)} at {@code readTs}, {@code txnId}'s own intents laid over them; the span is
     * recorded as read. Fewer than {@code limit} means the span is exhausted; otherwise the caller goes on after the
     * last pair (own intents may make a page longer than {@code limit}).
     */
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
     * {@link #lockRows} then {@link #getAll} of the same keys, in one request: a locking read (UPDATE, DELETE,
     * SELECT … FOR UPDATE in an explicit transaction) at a range led by another node is one round trip, not two.
     */
    LockedReads lockAndGetAll(List<byte[]> keys, long txnId, long priority, boolean noWait, long readTs);

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
     * replicates intents, with {@code staging} (or null) the STAGING record of a parallel commit at the record's
     * range; locks stay until resolution. Fails with a retryable conflict when the range holds a final record of
     * the transaction (recovery decided it first). Returns the commit timestamp this range prepared at (at least
     * {@code commitTs}).
     */
    long prepare(long txnId, long readTs, long commitTs, long recordRangeId, ReadSet reads, List<Write> writes,
                 TxnRecord staging);

    /**
     * Recovery of a STAGING transaction: how many of its intents in {@code [start, end)} this range holds prepared
     * at or below {@code maxTs}, and where the span goes on (see {@link RangeCommand.CheckPrepared}); where it holds
     * none, no prepare of the transaction can land here afterwards.
     */
    RangeStateMachine.PreparedCount checkPrepared(long txnId, byte[] start, byte[] end, long maxTs);

    /**
     * Writes intents of a running transaction (one that has grown past what its coordinator buffers) and locks
     * them, replicated before this returns: fails with a retryable conflict when another transaction holds or has
     * committed (after {@code readTs}) one of the keys. Returns the provisional commit timestamp of the batch: above
     * every read of its keys so far; the transaction commits at or above it.
     */
    long writeIntents(long txnId, long readTs, long recordRangeId, List<Write> writes);

    /**
     * Resolves a bounded batch of {@code txnId}'s intents in {@code [start, end)} (clamped to this range), as
     * {@link #resolve} does; completes with the key to go on from (at whatever range holds it: past this range's end
     * when the span reaches beyond it), or null when the span is done. One call is one small log entry whatever the
     * transaction's size. Fails with {@link RangeMismatchException} when this range does not hold {@code start}.
     */
    CompletableFuture<byte[]> resolveSpan(long txnId, boolean commit, long commitTs, byte[] start, byte[] end);

    /**
     * Recovery: aborts {@code txnId} unless its record here is final or PENDING with a heartbeat at or after
     * {@code staleBefore}; returns the record held afterwards.
     */
    TxnRecord abortStale(long txnId, long staleBefore);

    /**
     * Writes the record unless one exists (a PENDING one is replaced by a final one, or by a later heartbeat);
     * returns the record the range holds afterwards.
     */
    TxnRecord setRecord(TxnRecord record);

    /**
     * Turns the STAGING record of {@code decided}'s transaction into {@code decided} (COMMITTED or ABORTED); returns
     * the record held afterwards — the final one already there, if so — or null when the range holds none (nothing
     * is written then).
     */
    TxnRecord decideStaged(TxnRecord decided);

    /** The record of {@code txnId} kept by this range, or null. */
    TxnRecord getRecord(long txnId);

    /** Removes a record whose transaction is fully resolved. */
    CompletableFuture<Object> deleteRecord(long txnId);

    /** Resolves the transaction's intents on {@code keys} and releases its locks once applied. */
    CompletableFuture<Object> resolve(long txnId, boolean commit, long commitTs, List<byte[]> keys);

    /** Every intent stored in this range (tests; recovery goes by {@link #intentsByTransaction}). */
    List<Intent> intents();

    /** Per transaction with intents in this range: where they lie and how old they are. */
    List<io.cairndb.storage.mvcc.TxnIntents> intentsByTransaction();

    /** Deletes every version and intent of the range's span. */
    void clear();
}
