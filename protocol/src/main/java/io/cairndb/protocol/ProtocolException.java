package io.cairndb.protocol;

/**
 * A frame or message that does not follow the protocol: bad length, unknown message type, unknown value tag,
 * truncated or over-long payload. The peer that sent it is broken or hostile; the connection should be closed.
 */
public class ProtocolException extends RuntimeException {
    /** SQLSTATE reported for protocol violations. */
    public static final String SQL_STATE = "08P01";

    public ProtocolException(String message) {
        super(message);
    }
}
