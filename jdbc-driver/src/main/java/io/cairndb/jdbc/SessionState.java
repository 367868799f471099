package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.SQLException;

/**
 * The session settings the driver knows, kept so that a new connection to another host can be given the same
 * ones. Isolation needs nothing (every session is SERIALIZABLE); query timeouts travel with each statement;
 * settings changed with SQL other than SET SCHEMA (SET SESSION CHARACTERISTICS…) are not known and not restored.
 */
final class SessionState {
    private boolean autoCommit = true;
    private boolean readOnly;
    private String schema;
    /** Connection.setNetworkTimeout, or null when never set (the URL's socketTimeout then applies). */
    private Integer networkTimeoutMillis;

    SessionState(String schema) {
        this.schema = schema;
    }

    synchronized boolean autoCommit() {
        return autoCommit;
    }

    synchronized void autoCommit(boolean on) {
        autoCommit = on;
    }

    synchronized boolean readOnly() {
        return readOnly;
    }

    synchronized void readOnly(boolean on) {
        readOnly = on;
    }

    synchronized String schema() {
        return schema;
    }

    synchronized void schema(String name) {
        schema = name;
    }

    synchronized int networkTimeoutMillis() {
        return networkTimeoutMillis == null ? 0 : networkTimeoutMillis;
    }

    synchronized void networkTimeoutMillis(int millis) {
        networkTimeoutMillis = millis;
    }

    /**
     * Gives the freshly connected {@code channel} these settings. The handshake already chose the URL's schema;
     * anything else that differs from a new session's defaults is sent.
     */
    void restoreOn(WireChannel channel) throws SQLException {
        String wantedSchema;
        boolean wantedAutoCommit;
        boolean wantedReadOnly;
        Integer timeout;
        synchronized (this) {
            wantedSchema = schema;
            wantedAutoCommit = autoCommit;
            wantedReadOnly = readOnly;
            timeout = networkTimeoutMillis;
        }
        if (timeout != null) {
            channel.setReadTimeout(timeout);
        }
        if (wantedSchema != null && !wantedSchema.equals(channel.hello().schema())) {
            channel.call(new Message.SetSchema(wantedSchema));
        }
        if (!wantedAutoCommit) {
            channel.call(new Message.SetAutoCommit(false));
        }
        if (wantedReadOnly) {
            channel.call(new Message.SetReadOnly(true));
        }
    }
}
