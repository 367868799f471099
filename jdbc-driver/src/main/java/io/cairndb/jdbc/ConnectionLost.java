package io.cairndb.jdbc;

import java.sql.SQLNonTransientConnectionException;

/**
 * The socket to a server failed, thrown by {@link WireChannel}. It says how far the request got, which is what
 * decides whether sending it again could apply it twice.
 */
final class ConnectionLost extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    /** How far a request got before its connection failed. */
    enum Stage {
        /** Never written: the channel was already broken or closed. The server cannot have seen it. */
        NOT_SENT,
        /** Written (perhaps partly) but no reply frame arrived: the server may or may not have run it. */
        NO_REPLY,
        /**
         * No reply within the read timeout (socketTimeout / setNetworkTimeout). The server is slow rather than
         * gone and may still be running it: another host would most likely be no faster.
         */
        TIMED_OUT,
        /** Part of the reply arrived (or a reply made no sense): the server ran it, at least in part. */
        REPLY_STARTED
    }

    private final transient ConnectionUrl.HostPort server;
    private final Stage stage;

    ConnectionLost(ConnectionUrl.HostPort server, Stage stage, String sqlState, String message) {
        super(message, sqlState);
        this.server = server;
        this.stage = stage;
    }

    ConnectionUrl.HostPort server() {
        return server;
    }

    Stage stage() {
        return stage;
    }

    /** The same failure, seen from a request that had not been written yet (it failed while being built). */
    ConnectionLost beforeSending() {
        ConnectionLost e = new ConnectionLost(server, Stage.NOT_SENT, getSQLState(), getMessage());
        e.initCause(this);
        return e;
    }
}
