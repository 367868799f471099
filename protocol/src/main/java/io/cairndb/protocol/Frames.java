package io.cairndb.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Frame layout and constants: {@code int length | byte messageType | int requestId | payload}, big-endian,
 * where {@code length} counts the bytes after itself (so at least {@link #MIN_LENGTH}).
 */
public final class Frames {
    /** First int of HELLO: "CRN1". */
    public static final int MAGIC = 0x43524E31;
    /** Protocol version spoken by this code; the server rejects other versions in the handshake. */
    public static final int PROTOCOL_VERSION = 1;
    /** Bytes of the length field. */
    public static final int LENGTH_FIELD_SIZE = 4;
    /** Smallest legal length: type byte + request id. */
    public static final int MIN_LENGTH = 5;
    /** Largest legal length by default (64 MiB); bigger frames are rejected before they are buffered. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;
    /** Servers cap one ROW_BATCH at about this many bytes of values, whatever the fetch size. */
    public static final int TARGET_BATCH_BYTES = 8 * 1024 * 1024;

    private Frames() {
    }

    /** Encodes a whole frame, length prefix included. */
    public static byte[] encode(int requestId, Message message) {
        WireWriter w = new WireWriter(64);
        w.writeInt(0);
        w.writeByte(message.type().code());
        w.writeInt(requestId);
        message.encode(w);
        w.patchInt(0, w.size() - LENGTH_FIELD_SIZE);
        return w.toByteArray();
    }

    /** Validates a frame length read from the wire. */
    public static void checkLength(int length, int maxFrameSize) {
        if (length < MIN_LENGTH || length > maxFrameSize) {
            throw new ProtocolException("bad frame length " + length + " (allowed " + MIN_LENGTH + ".."
                    + maxFrameSize + ")");
        }
    }

    /** Decodes the bytes after the length prefix: type, request id, payload (which must be consumed exactly). */
    public static Frame decodeBody(byte[] body, int offset, int length) {
        if (length < MIN_LENGTH) {
            throw new ProtocolException("frame too short: " + length);
        }
        WireReader r = new WireReader(body, offset, length);
        MessageType type = MessageType.of(r.readByte());
        int requestId = r.readInt();
        Message m = Message.decode(type, r);
        r.expectEnd();
        return new Frame(requestId, m);
    }

    /** Blocking read of one frame (the driver's side). EOF before a frame starts is an EOFException. */
    public static Frame read(DataInputStream in, int maxFrameSize) throws IOException {
        int length = in.readInt();
        checkLength(length, maxFrameSize);
        byte[] body = new byte[length];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("connection closed in the middle of a frame");
        }
        return decodeBody(body, 0, length);
    }
}
