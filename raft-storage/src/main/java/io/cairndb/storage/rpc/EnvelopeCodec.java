package io.cairndb.storage.rpc;

import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.InvokeContext;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.rpc.RequestCommand;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of {@link RpcEnvelope} and {@link RpcReply} on the Raft RPC transport (bolt): their fields in a
 * fixed order, lengths before strings and byte arrays. Without it the transport serializes both by field
 * reflection (Hessian) — a tenth of the CPU the nodes of a three-node TPC-C run spent in Java. Registered once per
 * process, before the first request is sent or served; every node of a cluster must run it (a node without it
 * cannot read these messages).
 */
final class EnvelopeCodec extends DefaultCustomSerializer {
    private static final EnvelopeCodec INSTANCE = new EnvelopeCodec();

    private EnvelopeCodec() {
    }

    /** Registers the codec with the transport, once per process (nodes of one process share the registry). */
    static synchronized void register() {
        for (String type : new String[] {RpcEnvelope.class.getName(), RpcReply.class.getName()}) {
            if (CustomSerializerManager.getCustomSerializer(type) == null) {
                CustomSerializerManager.registerCustomSerializer(type, INSTANCE);
            }
        }
    }

    @Override
    public <T extends RequestCommand> boolean serializeContent(T request, InvokeContext context) {
        RpcRequestCommand cmd = (RpcRequestCommand) request;
        if (!(cmd.getRequestObject() instanceof RpcEnvelope e)) {
            return false;
        }
        byte[] cluster = utf8(e.clusterId);
        ByteBuffer buf = ByteBuffer.allocate(4 + size(cluster) + 4 + 8 + size(e.body));
        buf.putInt(e.kind);
        put(buf, cluster);
        buf.putInt(e.fromNode).putLong(e.senderTs);
        put(buf, e.body);
        cmd.setContent(buf.array());
        return true;
    }

    @Override
    public <T extends RequestCommand> boolean deserializeContent(T request) throws DeserializationException {
        RpcRequestCommand cmd = (RpcRequestCommand) request;
        if (!RpcEnvelope.class.getName().equals(cmd.getRequestClass())) {
            return false;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(content(cmd.getContent()));
            int kind = buf.getInt();
            String cluster = string(get(buf));
            cmd.setRequestObject(new RpcEnvelope(kind, cluster, buf.getInt(), buf.getLong(), get(buf)));
            return true;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new DeserializationException("malformed node request: " + e);
        }
    }

    @Override
    public <T extends ResponseCommand> boolean serializeContent(T response) {
        RpcResponseCommand cmd = (RpcResponseCommand) response;
        if (!(cmd.getResponseObject() instanceof RpcReply r)) {
            return false;
        }
        byte[] hint = utf8(r.leaderHint);
        byte[] message = utf8(r.message);
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 + size(hint) + size(r.body) + size(message));
        buf.putInt(r.status).putLong(r.serverTs);
        put(buf, hint);
        put(buf, r.body);
        put(buf, message);
        cmd.setContent(buf.array());
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean deserializeContent(T response, InvokeContext context)
            throws DeserializationException {
        RpcResponseCommand cmd = (RpcResponseCommand) response;
        if (!RpcReply.class.getName().equals(cmd.getResponseClass())) {
            return false;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(content(cmd.getContent()));
            RpcReply r = new RpcReply();
            r.status = buf.getInt();
            r.serverTs = buf.getLong();
            r.leaderHint = string(get(buf));
            r.body = get(buf);
            r.message = string(get(buf));
            cmd.setResponseObject(r);
            return true;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new DeserializationException("malformed node reply: " + e);
        }
    }

    /** The transport leaves an empty content null. */
    private static byte[] content(byte[] content) {
        if (content == null) {
            throw new IllegalArgumentException("no content");
        }
        return content;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static int size(byte[] b) {
        return 4 + (b == null ? 0 : b.length);
    }

    private static void put(ByteBuffer buf, byte[] b) {
        if (b == null) {
            buf.putInt(-1);
        } else {
            buf.putInt(b.length).put(b);
        }
    }

    private static byte[] get(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < -1 || n > buf.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        if (n == -1) {
            return null;
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }
}
