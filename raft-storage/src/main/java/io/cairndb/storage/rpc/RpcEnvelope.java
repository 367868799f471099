package io.cairndb.storage.rpc;

import java.io.Serializable;

/**
 * A request from one node to another: only primitives, strings and byte arrays, written on the wire field by field
 * by {@link EnvelopeCodec}.
 */
public final class RpcEnvelope implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What is asked ({@link RpcKind}). */
    public int kind;
    /** The sender's cluster; empty only for a JOIN from a node that has none yet. */
    public String clusterId;
    /** The sender's node id (0 before it has one). */
    public int fromNode;
    /** The sender's clock when sending: the receiver's hybrid clock moves at least this far. */
    public long senderTs;
    /** The request's fields, encoded by {@link BodyWriter}. */
    public byte[] body;

    public RpcEnvelope() {
    }

    public RpcEnvelope(int kind, String clusterId, int fromNode, long senderTs, byte[] body) {
        this.kind = kind;
        this.clusterId = clusterId;
        this.fromNode = fromNode;
        this.senderTs = senderTs;
        this.body = body;
    }
}
