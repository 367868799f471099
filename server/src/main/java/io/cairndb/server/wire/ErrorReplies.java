package io.cairndb.server.wire;

import io.cairndb.planner.SqlStateException;
import io.cairndb.protocol.Message;
import io.cairndb.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure of a request into the ERROR message the client gets. */
final class ErrorReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);
    static final String INTERNAL = "XX000";

    private ErrorReplies() {
    }

    /**
     * SqlStateException: its SQLSTATE and message, as is. A protocol violation: 08P01. Anything else is a bug
     * somewhere below: XX000, and logged with its stack so it can be fixed.
     */
    static Message.Error of(Throwable t) {
        if (t instanceof SqlStateException e) {
            String state = e.sqlState() == null || e.sqlState().length() != 5 ? INTERNAL : e.sqlState();
            return new Message.Error(state, message(e));
        }
        if (t instanceof ProtocolException e) {
            return new Message.Error(ProtocolException.SQL_STATE, "protocol violation: " + e.getMessage());
        }
        LOG.error("internal error while serving a request", t);
        return new Message.Error(INTERNAL, "internal error: " + message(t));
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
