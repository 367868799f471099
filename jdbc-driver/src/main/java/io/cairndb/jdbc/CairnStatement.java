package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JDBC statement. Each execution is one request; a query's rows arrive in pages of {@link #getFetchSize()}
 * rows (FETCHed as the result set is read). TYPE_SCROLL_INSENSITIVE results are read whole into memory.
 */
class CairnStatement implements Statement {
    static final int DEFAULT_FETCH_SIZE = 1000;
    static final Object[] NO_PARAMS = new Object[0];

    final CairnConnection connection;
    private final int resultSetType;
    private int fetchSize = DEFAULT_FETCH_SIZE;
    private long maxRows;
    private int queryTimeoutSeconds;
    private boolean closeOnCompletion;
    private boolean metadataOnly;
    private volatile boolean running;
    private volatile boolean closed;
    private CairnResultSet resultSet;
    private long updateCount = -1;
    private final List<String> batch = new ArrayList<>();

    CairnStatement(CairnConnection connection, int resultSetType) {
        this.connection = connection;
        this.resultSetType = resultSetType;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "the statement is closed");
        }
        connection.checkOpen();
    }

    boolean isMetadataOnly() {
        return metadataOnly;
    }

    /**
     * Sends one request that produces an update count or rows, and keeps what came back. Returns true when the
     * result is a result set. {@code kind} says whether it may be sent again after a lost connection.
     */
    boolean run(FailoverChannel.Request request, RequestKind kind) throws SQLException {
        checkOpen();
        closeResultSet();
        updateCount = -1;
        WireChannel.Reply reply = callRunning(request, kind);
        if (reply.message() instanceof Message.UpdateCount uc) {
            connection.noteSchema(uc.schema());
            updateCount = uc.count(); // closeOnCompletion: no result set, so the statement stays open (JDBC)
            return false;
        }
        if (reply.message() instanceof Message.ResultHeader header) {
            RowSource rows = new RemoteRows(this, reply.channel(), reply.firstBatch(), fetchSize);
            if (resultSetType == ResultSet.TYPE_SCROLL_INSENSITIVE) {
                rows = BufferedRows.drain(rows);
            }
            resultSet = new CairnResultSet(this, header.columns(), rows, fetchSize);
            return true;
        }
        throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "unexpected reply " + reply.message().type());
    }

    /** A request during which {@link #cancel()} sends CANCEL (executions and batches). */
    WireChannel.Reply callRunning(FailoverChannel.Request request, RequestKind kind) throws SQLException {
        running = true;
        try {
            return connection.call(request, kind);
        } finally {
            running = false;
        }
    }

    /** A FETCH of one of this statement's cursors, which lives on {@code pinned}; cancellable too. */
    WireChannel.Reply fetch(WireChannel pinned, Message.Fetch request) throws SQLException {
        running = true;
        try {
            return connection.callOn(pinned, request);
        } finally {
            running = false;
        }
    }

    ResultSet runMetadata(Message.Metadata request) throws SQLException {
        metadataOnly = true;
        run(ch -> request, RequestKind.SESSION);
        return resultSet;
    }

    void resultSetClosed(CairnResultSet rs) throws SQLException {
        if (rs == resultSet) {
            resultSet = null;
            if (closeOnCompletion) {
                close();
            }
        }
    }

    private void closeResultSet() throws SQLException {
        CairnResultSet rs = resultSet;
        resultSet = null;
        if (rs != null) {
            boolean keep = closeOnCompletion;
            closeOnCompletion = false; // closing the old result must not close this statement
            try {
                rs.close();
            } finally {
                closeOnCompletion = keep;
            }
        }
    }

    Message.Execute executeMessage(String sql) {
        return new Message.Execute(sql, NO_PARAMS, fetchSize, maxRows, queryTimeoutSeconds);
    }

    int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    long maxRowsLimit() {
        return maxRows;
    }

    static SQLException noResultSet() {
        return JdbcErrors.error("02000", "the statement did not return a result set");
    }

    static SQLException unexpectedResultSet() {
        return JdbcErrors.error("21000", "the statement returned a result set; use executeQuery or execute");
    }

    /** Turns a BATCH_RESULT into counts, or a BatchUpdateException carrying the counts before the failure. */
    static long[] batchCounts(WireChannel.Reply reply) throws SQLException {
        if (!(reply.message() instanceof Message.BatchResult br)) {
            throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "unexpected reply " + reply.message().type());
        }
        if (br.failed()) {
            long[] counts = br.counts();
            throw new BatchUpdateException(br.errorMessage(), br.errorSqlState(), 0, counts, null);
        }
        return br.counts();
    }

    static int[] toInts(long[] counts) {
        return Arrays.stream(counts).mapToInt(c -> c > Integer.MAX_VALUE ? SUCCESS_NO_INFO : (int) c).toArray();
    }

    // ------------------------------------------------------------ execution

    /** Runs {@code sql}; its first word decides whether it may be sent again after a lost connection. */
    private boolean runSql(String sql) throws SQLException {
        Message.Execute request = executeMessage(sql);
        return run(ch -> request, RequestKind.of(sql));
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!runSql(sql)) {
            throw noResultSet();
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (runSql(sql)) {
            closeResultSet();
            throw unexpectedResultSet();
        }
        return updateCount;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return runSql(sql);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /** Every statement produces one result: moving past it leaves none. */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current != KEEP_CURRENT_RESULT) {
            closeResultSet();
        } else {
            resultSet = null;
        }
        updateCount = -1;
        return false;
    }

    /** Generated keys are not reported: an empty result. */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return new CairnResultSet(null, List.of(), new BufferedRows(List.of()), fetchSize);
    }

    // ------------------------------------------------------------ batches

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return toInts(executeLargeBatch());
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        closeResultSet();
        if (batch.isEmpty()) {
            return new long[0];
        }
        List<String> sqls = List.copyOf(batch);
        batch.clear();
        Message.ExecuteBatch request = new Message.ExecuteBatch(-1, sqls, List.of(), queryTimeoutSeconds);
        return batchCounts(callRunning(ch -> request, RequestKind.WRITE));
    }

    // ------------------------------------------------------------ options

    @Override
    public int getMaxFieldSize() {
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        if (max < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative max field size");
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() {
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative max rows");
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative query timeout");
        }
        queryTimeoutSeconds = seconds;
    }

    /** Sends CANCEL when this statement is running; the statement then fails with SQLSTATE 57014. */
    @Override
    public void cancel() throws SQLException {
        if (closed) {
            return;
        }
        if (running) {
            connection.sendCancel();
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() {
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw JdbcErrors.unsupported("setCursorName");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && resultSetType == ResultSet.TYPE_FORWARD_ONLY) {
            throw RowSource.forwardOnly();
        }
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    /** Rows per page; 0 means the default ({@value #DEFAULT_FETCH_SIZE}). */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative fetch size");
        }
        fetchSize = rows == 0 ? DEFAULT_FETCH_SIZE : rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() {
        return resultSetType;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() {
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() {
        return closeOnCompletion;
    }

    // ------------------------------------------------------------ close

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        try {
            closeLocally();
        } finally {
            connection.forget(this);
        }
    }

    /** Closes the open result and whatever the server keeps for this statement. */
    void closeLocally() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        CairnResultSet rs = resultSet;
        resultSet = null;
        if (rs != null && !connection.isClosed()) {
            rs.close();
        }
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
