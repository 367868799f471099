package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A JDBC connection: one {@link WireChannel} at a time and the server session behind it. When the channel's host
 * is lost, {@link FailoverChannel} connects to another host of the URL on the next call, if no transaction or
 * open cursor went with it, and gives the new session this connection's settings ({@link SessionState});
 * prepared statements are prepared again there when they next run.
 *
 * <p>Isolation: CairnDB provides SERIALIZABLE. {@link #setTransactionIsolation} accepts every level except NONE,
 * because a stronger level than asked for is always allowed by JDBC; {@link #getTransactionIsolation} then
 * reports what you really get (SERIALIZABLE), and a warning says so when a weaker level was asked for.
 */
public final class CairnConnection implements Connection {
    static final String CATALOG = "CAIRNDB";

    private final FailoverChannel channel;
    private final SessionState session;
    private final ConnectionUrl url;
    private final Set<CairnStatement> statements = ConcurrentHashMap.newKeySet();
    private final Properties clientInfo = new Properties();
    private volatile boolean closed;
    private SQLWarning warnings;

    CairnConnection(FailoverChannel channel, ConnectionUrl url) {
        this.channel = channel;
        this.session = channel.session();
        this.url = url;
    }

    // ------------------------------------------------------------ used by statements and metadata

    /** Sends a request that is the same on every channel. */
    WireChannel.Reply call(Message request, RequestKind kind) throws SQLException {
        return call(ch -> request, kind);
    }

    /** Sends a request built for the channel it goes on (see {@link FailoverChannel#call}). */
    WireChannel.Reply call(FailoverChannel.Request request, RequestKind kind) throws SQLException {
        checkOpen();
        return channel.call(request, kind);
    }

    /** A request for a cursor on {@code pinned}: 08006 when that connection is gone, never sent elsewhere. */
    WireChannel.Reply callOn(WireChannel pinned, Message request) throws SQLException {
        checkOpen();
        return channel.callOn(pinned, request);
    }

    /** Frees a cursor or prepared statement of {@code pinned}'s session; nothing to do when it is gone. */
    void release(WireChannel pinned, Message request) throws SQLException {
        if (!isClosed()) {
            channel.releaseOn(pinned, request);
        }
    }

    void cursorOpened(Object cursor) {
        channel.cursorOpened(cursor);
    }

    void cursorClosed(Object cursor) {
        channel.cursorClosed(cursor);
    }

    boolean autoCommitOn() {
        return session.autoCommit();
    }

    void sendCancel() {
        channel.cancel();
    }

    void noteSchema(String serverSchema) {
        if (serverSchema != null) {
            session.schema(serverSchema);
        }
    }

    void forget(CairnStatement statement) {
        statements.remove(statement);
    }

    ConnectionUrl url() {
        return url;
    }

    Message.HelloOk serverInfo() {
        return channel.current().hello();
    }

    /** 08003 after close(), or once the connection broke and may not be replaced ({@code reconnect=false}). */
    void checkOpen() throws SQLException {
        if (closed || channel.isDead()) {
            throw JdbcErrors.error(JdbcErrors.CONNECTION_DOES_NOT_EXIST, "the connection is closed");
        }
    }

    /** Runs one METADATA request; the rows are built by the server with the standard JDBC column names. */
    ResultSet metadata(String kind, String catalog, String schemaPattern, String tablePattern, String columnPattern,
                       List<String> tableTypes, boolean uniqueOnly) throws SQLException {
        CairnStatement st = register(new CairnStatement(this, ResultSet.TYPE_FORWARD_ONLY));
        st.closeOnCompletion();
        try {
            return st.runMetadata(new Message.Metadata(kind, catalog, schemaPattern, tablePattern, columnPattern,
                    tableTypes, uniqueOnly, st.getFetchSize()));
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private <S extends CairnStatement> S register(S statement) {
        statements.add(statement);
        return statement;
    }

    private void addWarning(SQLWarning w) {
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    private static void checkResultSetArgs(int type, int concurrency, int holdability) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY && type != ResultSet.TYPE_SCROLL_INSENSITIVE) {
            throw JdbcErrors.unsupported("result set type " + type);
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw JdbcErrors.unsupported("updatable result sets");
        }
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT && holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "bad holdability " + holdability);
        }
    }

    // ------------------------------------------------------------ statements

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return createStatement(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkOpen();
        checkResultSetArgs(type, concurrency, holdability);
        return register(new CairnStatement(this, type));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        return prepareStatement(sql, type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        checkOpen();
        checkResultSetArgs(type, concurrency, holdability);
        return register(CairnPreparedStatement.prepare(this, sql, type));
    }

    /** Generated keys are not returned (getGeneratedKeys is empty); the statement is prepared normally. */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw JdbcErrors.unsupported("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        throw JdbcErrors.unsupported("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        throw JdbcErrors.unsupported("prepareCall");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ------------------------------------------------------------ transactions

    /**
     * Turning autocommit on commits an open transaction, so it is a COMMIT for failover. When the connection is
     * lost under it (or the transaction was already lost) it fails with 08006, and the new mode still applies:
     * the transaction is over either way and the next connection is set up in the requested mode.
     */
    @Override
    public synchronized void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (session.autoCommit() == autoCommit) {
            return;
        }
        TransactionState tx = channel.transaction();
        RequestKind kind = autoCommit && (tx.isOpen() || tx.lostWith() != null) ? RequestKind.COMMIT
                : RequestKind.SESSION;
        try {
            call(new Message.SetAutoCommit(autoCommit), kind);
        } catch (SQLException e) {
            if (autoCommit && channel.current().isClosed() && !channel.isDead() && tx.lostWith() == null
                    && !tx.isOpen()) {
                session.autoCommit(autoCommit);
            }
            throw e;
        }
        session.autoCommit(autoCommit);
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        return session.autoCommit();
    }

    /** 08006 "outcome unknown" when the connection is lost during COMMIT; never sent again. */
    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (session.autoCommit()) {
            throw JdbcErrors.error("25000", "commit() while autocommit is on");
        }
        call(new Message.Commit(), RequestKind.COMMIT);
    }

    /**
     * Also ends a transaction lost with its connection (the server rolled it back when the socket dropped): no
     * server is needed for that, the next call connects again.
     */
    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (session.autoCommit() && channel.transaction().lostWith() == null) {
            throw JdbcErrors.error("25000", "rollback() while autocommit is on");
        }
        if (channel.rollBackWithLostConnection()) {
            return;
        }
        call(new Message.Rollback(), RequestKind.ROLLBACK);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        switch (level) {
            case TRANSACTION_SERIALIZABLE -> { }
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ ->
                    addWarning(new SQLWarning("CairnDB runs transactions at SERIALIZABLE, a stronger level than "
                            + "the one requested", "01000"));
            default -> throw JdbcErrors.error(JdbcErrors.USAGE, "unsupported transaction isolation " + level);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        int level = serverInfo().isolation();
        return level == TRANSACTION_NONE ? TRANSACTION_SERIALIZABLE : level;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw JdbcErrors.unsupported("savepoints");
    }

    // ------------------------------------------------------------ session state

    @Override
    public synchronized void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (session.readOnly() != readOnly) {
            call(new Message.SetReadOnly(readOnly), RequestKind.SESSION);
            session.readOnly(readOnly);
        }
    }

    @Override
    public synchronized boolean isReadOnly() throws SQLException {
        checkOpen();
        return session.readOnly();
    }

    /** CairnDB has one catalog; setting another one is ignored, as JDBC allows. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return CATALOG;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        call(new Message.SetSchema(schema), RequestKind.SESSION);
        session.schema(schema);
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return session.schema();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return Collections.emptyMap();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw JdbcErrors.unsupported("type maps");
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkResultSetArgs(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public int getHoldability() throws SQLException {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public synchronized SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public synchronized void clearWarnings() throws SQLException {
        warnings = null;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new CairnDatabaseMetaData(this);
    }

    // ------------------------------------------------------------ liveness and close

    /**
     * A PING on the current connection. False when it is lost, without connecting again: a pool should see a
     * connection that failed (the next ordinary call, not this check, connects again).
     */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative timeout");
        }
        if (closed) {
            return false;
        }
        // isValid(0) means no timeout; otherwise the whole check, waiting for a busy connection included, is bounded
        return channel.ping(timeout == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, timeout * 1000L));
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        for (CairnStatement st : List.copyOf(statements)) {
            try {
                st.closeLocally();
            } catch (SQLException ignored) {
                // the session is going away with all its cursors and statements anyway
            }
        }
        statements.clear();
        channel.close();
    }

    /** True after close(); also once the connection broke when it is not to be replaced (reconnect=false). */
    @Override
    public boolean isClosed() {
        return closed || channel.isDead();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        closed = true;
        channel.cancel();
        channel.close();
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        if (milliseconds < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative network timeout");
        }
        channel.setNetworkTimeout(milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return session.networkTimeoutMillis();
    }

    // ------------------------------------------------------------ client info (kept locally) and LOBs

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        if (properties != null) {
            clientInfo.putAll(properties);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override
    public Clob createClob() throws SQLException {
        throw JdbcErrors.unsupported("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw JdbcErrors.unsupported("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw JdbcErrors.unsupported("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw JdbcErrors.unsupported("createSQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw JdbcErrors.unsupported("createArrayOf");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw JdbcErrors.unsupported("createStruct");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw JdbcErrors.error(JdbcErrors.USAGE, "not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
