package io.cairndb.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.remoting.CustomSerializer;
import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Node-to-node requests and replies survive their wire form; malformed bytes fail cleanly. */
class EnvelopeCodecTest {
    static CustomSerializer codec;

    @BeforeAll
    static void register() {
        EnvelopeCodec.register();
        codec = CustomSerializerManager.getCustomSerializer(RpcEnvelope.class.getName());
    }

    private static RpcRequestCommand sent(RpcEnvelope envelope) throws Exception {
        RpcRequestCommand out = new RpcRequestCommand(envelope);
        assertTrue(codec.serializeContent(out, null));
        RpcRequestCommand in = new RpcRequestCommand(null);
        in.setRequestClass(RpcEnvelope.class.getName());
        in.setContent(out.getContent());
        return in;
    }

    @Test
    void aRequestArrivesAsSent() throws Exception {
        RpcRequestCommand in = sent(new RpcEnvelope(RpcKind.KV_PREPARE, "cluster-é", 3, 1L << 40, new byte[] {1, 2}));
        assertTrue(codec.deserializeContent(in));
        RpcEnvelope e = (RpcEnvelope) in.getRequestObject();
        assertEquals(RpcKind.KV_PREPARE, e.kind);
        assertEquals("cluster-é", e.clusterId);
        assertEquals(3, e.fromNode);
        assertEquals(1L << 40, e.senderTs);
        assertArrayEquals(new byte[] {1, 2}, e.body);

        RpcRequestCommand empty = sent(new RpcEnvelope(RpcKind.KV_GET, "", 0, 0, null));
        assertTrue(codec.deserializeContent(empty));
        assertNull(((RpcEnvelope) empty.getRequestObject()).body);
    }

    @Test
    void aReplyArrivesAsSent() throws Exception {
        RpcReply failure = RpcReply.failure(RpcStatus.NOT_LEADER, 42, "not the leader", "127.0.0.1:7000");
        RpcResponseCommand out = new RpcResponseCommand(failure);
        assertTrue(codec.serializeContent(out));
        RpcResponseCommand in = new RpcResponseCommand(null);
        in.setResponseClass(RpcReply.class.getName());
        in.setContent(out.getContent());
        assertTrue(codec.deserializeContent(in, null));
        RpcReply r = (RpcReply) in.getResponseObject();
        assertEquals(RpcStatus.NOT_LEADER, r.status);
        assertEquals(42, r.serverTs);
        assertEquals("127.0.0.1:7000", r.leaderHint);
        assertEquals("not the leader", r.message);
        assertNull(r.body);
    }

    @Test
    void malformedBytesAreRefusedAndOtherMessagesLeftToTheTransport() throws Exception {
        RpcRequestCommand in = sent(new RpcEnvelope(RpcKind.KV_GET, "c", 1, 2, new byte[100]));
        byte[] cut = java.util.Arrays.copyOf(in.getContent(), in.getContent().length - 10);
        in.setContent(cut);
        assertThrows(DeserializationException.class, () -> codec.deserializeContent(in));

        RpcRequestCommand other = new RpcRequestCommand("a string");
        assertFalse(codec.serializeContent(other, null), "not ours: the transport's own serializer takes it");
    }
}
