package io.cairndb.jdbc;

/**
 * Whether the server session may hold an explicit transaction, as far as the driver can tell from what it sent.
 * It errs on the side of "open": a transaction the driver believes open when the connection breaks becomes
 * <em>lost</em>, and a lost transaction is never replaced silently by a new session on another host (its
 * statements would then run outside the transaction the application thinks it is in).
 *
 * <p>Open: from a statement sent with autocommit off, or a BEGIN / START TRANSACTION, until a COMMIT or ROLLBACK
 * (request or SQL) that the server answered with success. Lost: the connection broke while open; statements then
 * fail with 08006 until the application ends the transaction ({@link java.sql.Connection#rollback()}, a ROLLBACK
 * statement, or commit()/setAutoCommit(true)/COMMIT, which fail with 08006 "nothing was committed" and end it).
 */
final class TransactionState {
    private boolean open;
    private ConnectionUrl.HostPort lostWith;

    /** Called just before {@code kind} is written to the server. */
    synchronized void beforeSend(RequestKind kind, boolean autoCommit) {
        switch (kind.effect()) {
            case BEGIN -> open = true;
            // the first statement after a commit starts the next transaction (the snapshot is taken there)
            case STATEMENT -> open |= !autoCommit;
            default -> { }
        }
    }

    /** Called when the server answered {@code kind} with success. */
    synchronized void succeeded(RequestKind kind) {
        if (kind.effect() == RequestKind.Effect.COMMIT || kind.effect() == RequestKind.Effect.ROLLBACK) {
            open = false;
        }
    }

    /** The connection to {@code server} is gone: an open transaction went with it. */
    synchronized void connectionLost(ConnectionUrl.HostPort server) {
        if (open) {
            open = false;
            lostWith = server;
        }
    }

    /** The transaction ended with the connection (a COMMIT in flight, whose outcome is reported separately). */
    synchronized void endedWithConnection() {
        open = false;
        lostWith = null;
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** The host whose lost connection took the transaction with it, or null when none was lost. */
    synchronized ConnectionUrl.HostPort lostWith() {
        return lostWith;
    }

    /** The application ended the lost transaction: the connection may be replaced again. */
    synchronized void forgetLost() {
        lostWith = null;
    }

    /** A statement in a lost transaction: 08006 until the application ends it. */
    static java.sql.SQLException lostError(ConnectionUrl.HostPort server) {
        return JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "the transaction was lost with the connection to "
                + server + " (none of its changes were committed); call rollback() to continue on a new"
                + " connection");
    }

    /** commit() (or COMMIT, or setAutoCommit(true)) of a lost transaction: it ends, having committed nothing. */
    static java.sql.SQLException nothingCommitted(ConnectionUrl.HostPort server) {
        return JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "the transaction was lost with the connection to "
                + server + " and rolled back: nothing was committed");
    }
}
