package io.cairndb.protocol;

/** The message type byte of a frame. Codes are part of the wire format: never renumber. */
public enum MessageType {
    // client -> server
    HELLO(1), EXECUTE(2), FETCH(3), CLOSE_CURSOR(4), PREPARE(5), EXECUTE_PREPARED(6), EXECUTE_BATCH(7),
    CLOSE_STATEMENT(8), SET_AUTOCOMMIT(9), COMMIT(10), ROLLBACK(11), SET_READ_ONLY(12), SET_SCHEMA(13),
    METADATA(14), CANCEL(15), PING(16), CLOSE(17),
    // server -> client
    HELLO_OK(64), OK(65), ERROR(66), UPDATE_COUNT(67), RESULT_HEADER(68), ROW_BATCH(69), PREPARED(70),
    BATCH_RESULT(71);

    private static final MessageType[] BY_CODE = new MessageType[128];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;

    MessageType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The type with this code; a {@link ProtocolException} for an unknown one. */
    public static MessageType of(byte code) {
        MessageType t = code >= 0 ? BY_CODE[code] : null;
        if (t == null) {
            throw new ProtocolException("unknown message type " + code);
        }
        return t;
    }
}
