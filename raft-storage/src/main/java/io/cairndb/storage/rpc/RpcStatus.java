package io.cairndb.storage.rpc;

/** Outcomes of a node-to-node request. */
public final class RpcStatus {
    public static final int OK = 0;
    /** The replier does not lead the range (or the meta range); {@code leaderHint} may name who does. */
    public static final int NOT_LEADER = 1;
    /** The replier holds no replica of the range asked for (removed, dropped, or not created yet). */
    public static final int RANGE_NOT_FOUND = 2;
    /** A serialization conflict: the transaction must retry (40001). */
    public static final int CONFLICT = 3;
    /** A commit's outcome is unknown (40003). */
    public static final int OUTCOME_UNKNOWN = 4;
    /** The range cannot serve now (no quorum, not ready); retryable. */
    public static final int UNAVAILABLE = 5;
    /** The sender belongs to another cluster. */
    public static final int WRONG_CLUSTER = 6;
    /** The keys are not in the range (it split): reload descriptors; the transaction retries (40001). */
    public static final int RANGE_MISMATCH = 8;
    /** A row lock asked for without waiting is held by another transaction. */
    public static final int LOCK_NOT_AVAILABLE = 9;
    /** Any other failure; the message says what. */
    public static final int ERROR = 7;

    private RpcStatus() {
    }
}
