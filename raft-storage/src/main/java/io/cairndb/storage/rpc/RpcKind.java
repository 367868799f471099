package io.cairndb.storage.rpc;

/** Request kinds, one per operation a node serves to others. */
public final class RpcKind {
    // cluster membership and the meta range (served by the meta range's leader)
    public static final int JOIN = 1;
    public static final int HEARTBEAT = 2;
    public static final int META_DESCRIPTORS = 3;
    public static final int META_PUT_DESCRIPTOR = 4;
    public static final int META_DELETE_DESCRIPTOR = 5;
    public static final int META_NEXT_RANGE_ID = 6;
    public static final int META_RESERVE_IDS = 7;
    public static final int META_DECOMMISSION = 8;

    // a range's leader: reads, commits, transaction records
    public static final int KV_GET = 20;
    public static final int KV_SCAN = 21;
    public static final int KV_COMMIT_1PC = 22;
    public static final int KV_PREPARE = 23;
    public static final int KV_SET_RECORD = 24;
    public static final int KV_GET_RECORD = 25;
    public static final int KV_DELETE_RECORD = 26;
    public static final int KV_RESOLVE = 27;
    public static final int KV_CLEAR = 28;
    public static final int KV_GC = 29;
    /** Row locks of SELECT ... FOR UPDATE at a range's leader: take (waiting), and release at the end. */
    public static final int KV_LOCK_ROWS = 30;
    public static final int KV_RELEASE_ROW_LOCKS = 31;
    /** At a range's leader: check that reads made at one timestamp still hold at a later one (read refresh). */
    public static final int KV_REFRESH = 32;
    /** At a range's leader: keep a running transaction's row locks from lapsing. */
    public static final int KV_RENEW_ROW_LOCKS = 33;
    /** At a range's leader: write a running transaction's intents (a batch of a big transaction). */
    public static final int KV_WRITE_INTENTS = 34;
    /** At a range's leader: resolve one bounded batch of a transaction's intents in a span. */
    public static final int KV_RESOLVE_SPAN = 35;
    /** At a record's range leader: recovery's abort of a transaction whose coordinator seems gone. */
    public static final int KV_ABORT_STALE = 36;
    /** At a range's leader: point reads of several keys in one request. */
    public static final int KV_GET_ALL = 37;
    /** At a range's leader: recovery's count of a STAGING transaction's prepared intents in a span. */
    public static final int KV_CHECK_PREPARED = 38;
    /** At a record's range leader: a STAGING record turned final. */
    public static final int KV_DECIDE_STAGED = 39;
    /** At a range's leader: row locks taken and the rows read, in one request. */
    public static final int KV_LOCK_AND_GET = 46;

    // replica lifecycle (any node)
    public static final int REPLICA_CREATE = 40;
    public static final int REPLICA_DESTROY = 41;
    /** At a range's leader: add a voter on a node (catch-up first), return the resulting voters. */
    public static final int REPLICA_ADD = 42;
    /** At a range's leader: remove the voter on a node (handing leadership away first if it is this one). */
    public static final int REPLICA_REMOVE = 44;
    /** At a range's leader: split the range at a key. */
    public static final int REPLICA_SPLIT = 45;
    /** Size, leader and role of local replicas. */
    public static final int RANGE_INFO = 43;

    // deadlock detection (any node)
    /** The row-lock waits of the ranges a node leads: which transaction waits for which. */
    public static final int NODE_LOCK_WAITS = 47;

    private RpcKind() {
    }

    /** Whether sending the request twice is harmless (then a request whose reply was lost may be re-sent). */
    public static boolean idempotent(int kind) {
        return kind != KV_COMMIT_1PC;
    }
}
