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
 * A JDBC connection: one {@link WireChannel} and the server session behind it.
 *
 * <p>Isolation: CairnDB provides SERIALIZABLE. {@link #setTransactionIsolation} accepts every level except NONE,
 * because a stronger level than asked for is always allowed by JDBC; {@link #getTransactionIsolation} then
 * reports what you really get (SERIALIZABLE), and a warning says so when a weaker level was asked for.
 */
public final class CairnConnection implements Connection {
    static final String CATALOG = "CAIRNDB";

    private final WireChannel channel;
    private final ConnectionUrl url;
    private final Set<CairnStatement> statements = ConcurrentHashMap.newKeySet();
    private final Properties clientInfo = new Properties();
    private volatile boolean closed;
    private boolean autoCommit = true;
    private boolean readOnly;
    private String schema;
    private int networkTimeoutMillis;
    private SQLWarning warnings;

    CairnConnection(WireChannel channel, ConnectionUrl url) {
        this.channel = channel;
        this.url = url;
        this.schema = channel.hello().schema();
    }

    // ------------------------------------------------------------ used by statements and metadata

    WireChannel.Reply call(Message request) throws SQLException {
        checkOpen();
        return channel.call(request);
    }

    void sendCancel() {
        channel.cancel();
    }

    void noteSchema(String serverSchema) {
        if (serverSchema != null) {
            this.schema = serverSchema;
        }
    }

    void forget(CairnStatement statement) {
        statements.remove(statement);
    }

    ConnectionUrl url() {
        return url;
    }

    Message.HelloOk serverInfo() {
        return channel.hello();
    }

    void checkOpen() throws SQLException {
        if (closed || channel.isClosed()) {
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

    @Override
    public synchronized void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (this.autoCommit != autoCommit) {
            call(new Message.SetAutoCommit(autoCommit));
            this.autoCommit = autoCommit;
        }
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw JdbcErrors.error("25000", "commit() while autocommit is on");
        }
        try {
            call(new Message.Commit());
        } catch (SQLException e) {
            if (JdbcErrors.CONNECTION_FAILURE.equals(e.getSQLState())) {
                throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "connection lost during COMMIT: the"
                        + " transaction outcome is unknown (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw JdbcErrors.error("25000", "rollback() while autocommit is on");
        }
        call(new Message.Rollback());
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
        int level = channel.hello().isolation();
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
        if (this.readOnly != readOnly) {
            call(new Message.SetReadOnly(readOnly));
            this.readOnly = readOnly;
        }
    }

    @Override
    public synchronized boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
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
        call(new Message.SetSchema(schema));
        this.schema = schema;
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return schema;
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

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative timeout");
        }
        if (closed || channel.isClosed()) {
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

    @Override
    public boolean isClosed() {
        return closed || channel.isClosed();
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
        channel.setReadTimeout(milliseconds);
        networkTimeoutMillis = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return networkTimeoutMillis;
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
