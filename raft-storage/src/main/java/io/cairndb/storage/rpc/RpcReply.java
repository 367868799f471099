package io.cairndb.storage.rpc;

import java.io.Serializable;

/** The answer to an {@link RpcEnvelope}: a status ({@link RpcStatus}), the reply body or an error message. */
public final class RpcReply implements Serializable {
    private static final long serialVersionUID = 1L;

    public int status;
    /** The replier's clock: the sender's hybrid clock moves at least this far. */
    public long serverTs;
    /** For {@link RpcStatus#NOT_LEADER}: the Raft address (host:port) of the leader the replier knows, or null. */
    public String leaderHint;
    public byte[] body;
    public String message;

    public RpcReply() {
    }

    public static RpcReply ok(long serverTs, byte[] body) {
        RpcReply r = new RpcReply();
        r.status = RpcStatus.OK;
        r.serverTs = serverTs;
        r.body = body;
        return r;
    }

    public static RpcReply failure(int status, long serverTs, String message, String leaderHint) {
        RpcReply r = new RpcReply();
        r.status = status;
        r.serverTs = serverTs;
        r.message = message;
        r.leaderHint = leaderHint;
        return r;
    }
}
