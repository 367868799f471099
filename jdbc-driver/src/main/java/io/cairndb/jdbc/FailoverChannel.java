package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection's current {@link WireChannel}, and the rules for replacing it when its host is lost.
 *
 * <p>When the channel breaks, the next request connects again (hosts in the URL's order, {@link SessionState}
 * restored) provided nothing the driver cannot restore depended on the old one: no transaction
 * ({@link TransactionState}) and no result set still reading a server cursor. A request the break caught in
 * flight is sent again at most once, and only when that cannot apply anything twice: it was never written, or it
 * only reads ({@link RequestKind#readOnly()}) outside a transaction and no reply had begun. Everything else fails
 * with 08006 saying what is known about its outcome. With {@code reconnect=false} (the default for a one-host
 * URL) a broken channel is final and every later request fails with 08003.
 */
final class FailoverChannel {

    /** Builds a request for the channel it is about to go on (a prepared statement's id depends on the channel). */
    @FunctionalInterface
    interface Request {
        Message on(WireChannel channel) throws SQLException;
    }

    private final ConnectionUrl url;
    private final boolean reconnect;
    private final SessionState session;
    private final TransactionState transaction = new TransactionState();
    /**
     * Result sets still reading a server cursor (registered by {@link RemoteRows}), each with whether it was
     * opened inside a transaction: the server closes those when the transaction ends.
     */
    private final Map<Object, Boolean> openCursors = new ConcurrentHashMap<>();
    /** Held while deciding whether, and then how, to replace a broken channel. */
    private final Object replacing = new Object();
    private volatile WireChannel channel;

    private FailoverChannel(ConnectionUrl url, boolean reconnect, WireChannel first) {
        this.url = url;
        this.reconnect = reconnect;
        this.channel = first;
        this.session = new SessionState(first.hello().schema());
    }

    /** Connects to the first host that takes the connection (see {@link WireChannel#connect}). */
    static FailoverChannel open(ConnectionUrl url) throws SQLException {
        boolean reconnect = url.reconnect(); // a bad value fails before anything is connected
        return new FailoverChannel(url, reconnect, WireChannel.connect(url));
    }

    WireChannel current() {
        return channel;
    }

    SessionState session() {
        return session;
    }

    TransactionState transaction() {
        return transaction;
    }

    /** Whether the connection is unusable for good: broken, and not to be replaced. */
    boolean isDead() {
        return !reconnect && channel.isClosed();
    }

    void cursorOpened(Object cursor) {
        openCursors.put(cursor, transaction.isOpen());
    }

    void cursorClosed(Object cursor) {
        openCursors.remove(cursor);
    }

    // ------------------------------------------------------------ requests

    /** Sends {@code request} on the current channel, replacing it first or sending again after a loss when allowed. */
    WireChannel.Reply call(Request request, RequestKind kind) throws SQLException {
        WireChannel ch = live(kind);
        try {
            return send(ch, request, kind);
        } catch (SQLException e) {
            if (!ch.isClosed()) {
                throw e; // the server's answer; the connection is fine
            }
            SQLException failure = afterLoss(ch, kind, e, true);
            if (failure != null) {
                throw failure;
            }
        }
        WireChannel fresh;
        try {
            fresh = live(kind);
        } catch (SQLException e) {
            throw lost(ch.server(), "the connection to " + ch.server() + " was lost and the " + what(kind)
                    + " could not be sent again", e);
        }
        try {
            return send(fresh, request, kind);
        } catch (SQLException e) {
            if (!fresh.isClosed()) {
                throw e;
            }
            throw afterLoss(fresh, kind, e, false);
        }
    }

    private WireChannel.Reply send(WireChannel ch, Request request, RequestKind kind) throws SQLException {
        Message message;
        try {
            message = request.on(ch);
        } catch (ConnectionLost e) {
            throw e.beforeSending(); // e.g. preparing again failed: the request itself was never written
        }
        transaction.beforeSend(kind, session.autoCommit());
        WireChannel.Reply reply = ch.call(message);
        transaction.succeeded(kind);
        if (kind.effect() == RequestKind.Effect.COMMIT || kind.effect() == RequestKind.Effect.ROLLBACK) {
            transactionEnded();
        }
        return reply;
    }

    /** The server closed the cursors of the transaction that just ended: they hold nothing any more. */
    private void transactionEnded() {
        openCursors.values().removeIf(Boolean::booleanValue);
    }

    /**
     * Sends a request that only makes sense on {@code pinned}, the channel a cursor lives on: never to another
     * host. 08006 when that connection is gone.
     */
    WireChannel.Reply callOn(WireChannel pinned, Message request) throws SQLException {
        if (pinned != channel || pinned.isClosed()) {
            if (pinned == channel) {
                transaction.connectionLost(pinned.server());
            }
            throw cursorGone(pinned.server(), null);
        }
        try {
            return pinned.call(request);
        } catch (SQLException e) {
            if (!pinned.isClosed()) {
                throw e;
            }
            transaction.connectionLost(pinned.server());
            throw e instanceof ConnectionLost ? cursorGone(pinned.server(), e) : e;
        }
    }

    /**
     * Releases something the server keeps for {@code pinned}'s session (a cursor, a prepared statement). Nothing
     * to do when that connection is gone: the server dropped the session and all it held.
     */
    void releaseOn(WireChannel pinned, Message request) throws SQLException {
        if (pinned != channel || pinned.isClosed()) {
            return;
        }
        try {
            pinned.call(request);
        } catch (SQLException e) {
            if (!pinned.isClosed()) {
                throw e;
            }
            transaction.connectionLost(pinned.server());
        }
    }

    /** Connection.isValid: a PING on the current channel, never a new connection. */
    boolean ping(int timeoutMillis) {
        WireChannel ch = channel;
        if (ch.isClosed()) {
            return false;
        }
        boolean alive = ch.ping(timeoutMillis);
        if (!alive && ch.isClosed()) {
            transaction.connectionLost(ch.server());
        }
        return alive;
    }

    /** Connection.setNetworkTimeout: applies now when connected, and to every later connection. */
    void setNetworkTimeout(int millis) throws SQLException {
        session.networkTimeoutMillis(millis);
        WireChannel ch = channel;
        if (!ch.isClosed()) {
            try {
                ch.setReadTimeout(millis);
            } catch (SQLException e) {
                if (!ch.isClosed()) {
                    throw e;
                }
                // broke meanwhile: the next connection gets the timeout when it is made
            }
        }
    }

    /**
     * Connection.rollback() when the channel is broken: the server rolled the session's transaction back when the
     * socket dropped, so there is nothing to send; the next request connects again. False when connected (the
     * ROLLBACK must be sent) or when the connection is dead for good.
     */
    boolean rollBackWithLostConnection() {
        synchronized (replacing) {
            WireChannel ch = channel;
            if (!reconnect || !ch.isClosed()) {
                return false;
            }
            transaction.endedWithConnection();
            transactionEnded();
            return true;
        }
    }

    void cancel() {
        channel.cancel();
    }

    void close() {
        channel.close();
    }

    // ------------------------------------------------------------ replacing the channel

    /**
     * The channel {@code kind} may go on: the current one while it works, else a new one when the lost one took
     * nothing with it. A lost transaction fails every request but the ones that end it.
     */
    private WireChannel live(RequestKind kind) throws SQLException {
        WireChannel ch = channel;
        if (!ch.isClosed() && transaction.lostWith() == null) {
            return ch;
        }
        synchronized (replacing) {
            ch = channel;
            if (ch.isClosed()) {
                if (!reconnect) {
                    throw new ConnectionLost(ch.server(), ConnectionLost.Stage.NOT_SENT,
                            JdbcErrors.CONNECTION_DOES_NOT_EXIST, "the connection is closed");
                }
                transaction.connectionLost(ch.server());
            }
            ConnectionUrl.HostPort lostWith = transaction.lostWith();
            if (lostWith != null) {
                switch (kind.effect()) {
                    case ROLLBACK -> { // what was asked for happened when the socket dropped
                        transaction.forgetLost();
                        transactionEnded();
                    }
                    case COMMIT -> {
                        transaction.forgetLost();
                        transactionEnded();
                        throw TransactionState.nothingCommitted(lostWith);
                    }
                    default -> throw TransactionState.lostError(lostWith);
                }
            }
            if (!ch.isClosed()) {
                return ch;
            }
            if (!openCursors.isEmpty()) {
                throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "the connection to " + ch.server()
                        + " was lost while " + openCursors.size() + " result set(s) were still reading from it;"
                        + " close them to continue on a new connection");
            }
            WireChannel fresh = WireChannel.connect(url);
            try {
                session.restoreOn(fresh);
            } catch (SQLException e) {
                fresh.close();
                SQLException failure = JdbcErrors.error(JdbcErrors.CONNECT_FAILED, "connected to " + fresh.server()
                        + " after losing " + ch.server() + ", but could not restore the session there: "
                        + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            channel = fresh;
            return fresh;
        }
    }

    /**
     * Settles what a broken channel means for the request it carried: null when the request may be sent again
     * (on a new connection), otherwise the error to report.
     */
    private SQLException afterLoss(WireChannel ch, RequestKind kind, SQLException e, boolean mayResend) {
        ConnectionUrl.HostPort server = ch.server();
        ConnectionLost.Stage stage = e instanceof ConnectionLost cl ? cl.stage()
                : ConnectionLost.Stage.REPLY_STARTED; // an ERROR that ended the connection: the server saw it
        boolean serverSaid = !(e instanceof ConnectionLost); // its own SQLSTATE says more than ours would
        if (kind.effect() == RequestKind.Effect.COMMIT) {
            // never sent again: whether the transaction committed is exactly what cannot be known
            transaction.endedWithConnection();
            transactionEnded();
            if (serverSaid) {
                return e;
            }
            return stage == ConnectionLost.Stage.NOT_SENT ? TransactionState.nothingCommitted(server)
                    : lost(server, "the connection to " + server + " was lost during COMMIT: the transaction"
                    + " outcome is unknown", e);
        }
        if (kind.effect() == RequestKind.Effect.ROLLBACK) {
            transaction.endedWithConnection(); // the server rolls back a session whose connection dropped
            transactionEnded();
            if (reconnect && mayResend) {
                return null; // a ROLLBACK on the new session is a no-op, and what the caller expects to succeed
            }
            return serverSaid ? e : lost(server, "the connection to " + server + " was lost during ROLLBACK (the"
                    + " server rolls the transaction back)", e);
        }
        transaction.connectionLost(server);
        if (transaction.lostWith() != null) {
            return serverSaid ? e : lost(server, "the connection to " + server + " was lost inside a transaction:"
                    + " the transaction is lost and none of its changes were committed; call rollback() to"
                    + " continue on a new connection", e);
        }
        boolean harmless = stage == ConnectionLost.Stage.NOT_SENT
                || (stage == ConnectionLost.Stage.NO_REPLY && kind.readOnly());
        if (reconnect && mayResend && harmless) {
            return null;
        }
        if (serverSaid || !reconnect && stage == ConnectionLost.Stage.NOT_SENT) {
            return e;
        }
        String next = reconnect ? "; the next call connects again" : "";
        if (kind.readOnly()) {
            return lost(server, "the connection to " + server + " was lost while the " + what(kind) + " was"
                    + " running" + next, e);
        }
        return lost(server, "the connection to " + server + " was lost while the statement was running: the"
                + " outcome of the statement is unknown (it was not sent again, it may or may not have been"
                + " applied)" + next, e);
    }

    private static String what(RequestKind kind) {
        if (kind.effect() == RequestKind.Effect.SESSION) {
            return "request";
        }
        return kind.readOnly() ? "query" : "statement";
    }

    private static SQLException cursorGone(ConnectionUrl.HostPort server, SQLException cause) {
        return lost(server, "the connection to " + server + " was lost: the result set's cursor is gone with it",
                cause);
    }

    private static SQLException lost(ConnectionUrl.HostPort server, String message, SQLException cause) {
        SQLException e = JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, cause == null ? message
                : message + " (" + cause.getMessage() + ")");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
