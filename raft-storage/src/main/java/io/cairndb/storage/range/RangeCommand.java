package io.cairndb.storage.range;

import java.util.List;

/** What a range's Raft log carries. Applying a command is deterministic on every replica. */
public sealed interface RangeCommand {

    /** Does nothing; proposing one and seeing it applied proves every earlier entry is applied. */
    record Noop() implements RangeCommand {
    }

    /** One-phase commit: writes committed versions at {@code commitTs}. */
    record CommitWrites(long txnId, long commitTs, List<Write> writes) implements RangeCommand {
    }

    /**
     * Phase one of 2PC: writes intents that name the transaction and where its record lives; with {@code staging}
     * (a parallel commit, at the record's range) also the STAGING record. Refused when the range holds a final
     * record of the transaction: recovery decided it (an ABORTED one is how {@link CheckPrepared} stops a prepare
     * still on its way).
     */
    record Prepare(long txnId, long commitTs, long recordRangeId, List<Write> writes, TxnRecord staging)
            implements RangeCommand {
        public Prepare(long txnId, long commitTs, long recordRangeId, List<Write> writes) {
            this(txnId, commitTs, recordRangeId, writes, null);
        }
    }

    /**
     * Recovery of a STAGING transaction: counts its intents in {@code [start, end)} (clamped to the range; refused
     * when the range does not hold {@code start}) prepared at or below {@code maxTs}. Where the range holds none of
     * its intents there, it also writes an ABORTED record of it (at {@code abortTs}) unless the range has a record
     * of it already, so a prepare still on its way is refused: after this, what was counted is final. The result
     * is a {@link RangeStateMachine.PreparedCount}.
     */
    record CheckPrepared(long txnId, byte[] start, byte[] end, long maxTs, long abortTs) implements RangeCommand {
    }

    /**
     * Resolves the transaction's intents on {@code keys}: into versions at {@code commitTs} when
     * {@code commit}, else removed. Intents of other transactions are left alone.
     */
    record Resolve(long txnId, boolean commit, long commitTs, List<byte[]> keys) implements RangeCommand {
    }

    /**
     * Resolves up to {@code limit} intents of the transaction in {@code [start, end)} (clamped to the range's span),
     * in key order, as {@link Resolve} does; the result is the key to go on from — inside the range, or its end when
     * the span reaches past it — or null when the span holds no more of them; refused when the range does not
     * hold {@code start}. Big transactions are resolved by a sequence of these: each entry small, each apply
     * bounded.
     */
    record ResolveSpan(long txnId, boolean commit, long commitTs, byte[] start, byte[] end, int limit)
            implements RangeCommand {
    }

    /**
     * Writes the record, as {@link SetRecord} does, where one exists only in state PENDING: a PENDING record is
     * replaced by a final one, or by a PENDING one with a later heartbeat; a final record never changes. The
     * result is the record the range holds afterwards.
     */
    record SetRecord(TxnRecord record) implements RangeCommand {
    }

    /**
     * Turns a STAGING record final ({@code record}: COMMITTED or ABORTED) — only that: a final record stays as it is
     * and where there is no record nothing is written (the result is then null). A parallel commit's every decision
     * goes through it, so that none can land where the record was decided and collected, or never written.
     */
    record DecideStaged(TxnRecord record) implements RangeCommand {
    }

    /**
     * Recovery's abort of a transaction whose coordinator seems gone: writes ABORTED (at {@code abortTs}) when the
     * range holds no record of it, or a PENDING one whose last heartbeat is below {@code staleBefore}; a fresher
     * heartbeat (the coordinator lives) or a final record is left alone. The result is the record held afterwards.
     */
    record AbortStale(long txnId, long staleBefore, long abortTs) implements RangeCommand {
    }

    /** Removes a transaction record once every intent of its transaction is resolved. */
    record DeleteRecord(long txnId) implements RangeCommand {
    }

    /** Sets a named range-local meta value (meta range: timestamp high-water mark, id counters). */
    record SetMeta(String name, long value) implements RangeCommand {
    }

    /**
     * Garbage collection: in {@code [start, end)}, deletes every version that no read at or above
     * {@code horizonTs} can see (versions older than the newest one at or below the horizon, and that one too
     * when it is a tombstone).
     */
    record GcVersions(byte[] start, byte[] end, long horizonTs) implements RangeCommand {
    }

    /**
     * Raises the range's read watermark to at least {@code ts}: leaders serve reads only below the applied
     * watermark, so a new leader knows no earlier leader served a read at or above it.
     */
    record ExtendReadWatermark(long ts) implements RangeCommand {
    }

    /**
     * Splits the range at {@code splitKey} (strictly inside it) when its generation is still
     * {@code generation}: the range keeps {@code [start, splitKey)}, range {@code childId} gets
     * {@code [splitKey, end)} on the same voters ({@code voters}: the group's configuration as the proposing
     * leader has it, host:port each, so every replica starts the child with the same one); no data moves (both
     * live in the same store). Applied on every replica, each then starts its replica of the child.
     */
    record Split(long childId, byte[] splitKey, long generation, List<String> voters) implements RangeCommand {
    }

    /**
     * Marks the range idle ({@code quiet}) or busy again. Every replica follows the applied flag with its election
     * timeout (longer while quiet, so the leader's heartbeats can be rarer); see {@link RangeGroup}.
     */
    record SetQuiet(boolean quiet) implements RangeCommand {
    }

    /**
     * Records the range's voters (node ids, sorted) after a membership change, one generation on. The leader
     * proposes it after jraft changed the group's configuration, so every replica's descriptor, and the
     * generation that orders the range's descriptors, follow one sequence: this range's log. Applied as a no-op
     * when the voters are already these.
     */
    record SetVoters(List<Integer> voters) implements RangeCommand {
    }

    /** Deletes every version and intent in {@code [start, end)} (dropping a table). */
    record ClearSpan(byte[] start, byte[] end) implements RangeCommand {
    }
}
