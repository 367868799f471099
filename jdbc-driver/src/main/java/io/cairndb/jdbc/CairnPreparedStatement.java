package io.cairndb.jdbc;

import io.cairndb.protocol.ColumnInfo;
import io.cairndb.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement prepared on the server (PREPARE → statement id, parameter and column descriptions). Parameters are
 * collected here and sent with EXECUTE_PREPARED; batches go in one EXECUTE_BATCH.
 */
final class CairnPreparedStatement extends UnsupportedPreparedStatementOperations {
    private static final Object UNSET = new Object();

    private final ServerStatement server;
    /** Whether running it twice is harmless, and what it does to the transaction (from the SQL's first word). */
    private final RequestKind kind;
    private final Object[] params;
    private final List<Object[]> batch = new ArrayList<>();

    private CairnPreparedStatement(CairnConnection connection, int resultSetType, ServerStatement server) {
        super(connection, resultSetType);
        this.server = server;
        this.kind = RequestKind.of(server.sql());
        this.params = new Object[server.description().parameters().size()];
        Arrays.fill(params, UNSET);
    }

    static CairnPreparedStatement prepare(CairnConnection connection, String sql, int resultSetType)
            throws SQLException {
        return new CairnPreparedStatement(connection, resultSetType, ServerStatement.prepare(connection, sql));
    }

    String sql() {
        return server.sql();
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > params.length) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "parameter index " + index + " out of range 1.."
                    + params.length);
        }
        params[index - 1] = value;
    }

    private Object[] boundParams() throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == UNSET) {
                throw JdbcErrors.error("07002", "parameter " + (i + 1) + " is not set");
            }
        }
        return params.clone();
    }

    /** Runs the statement; on a channel it was not prepared on yet, it is prepared there first. */
    private boolean runPrepared() throws SQLException {
        Object[] values = boundParams();
        int fetchSize = getFetchSize();
        long maxRows = maxRowsLimit();
        int timeout = queryTimeoutSeconds();
        return run(ch -> new Message.ExecutePrepared(server.idOn(ch), values, fetchSize, maxRows, timeout), kind);
    }

    // ------------------------------------------------------------ execution

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!runPrepared()) {
            throw noResultSet();
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (runPrepared()) {
            getResultSet().close();
            throw unexpectedResultSet();
        }
        return getLargeUpdateCount();
    }

    @Override
    public boolean execute() throws SQLException {
        return runPrepared();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(boundParams());
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
        if (batch.isEmpty()) {
            return new long[0];
        }
        List<Object[]> rows = List.copyOf(batch);
        batch.clear();
        int timeout = queryTimeoutSeconds();
        return batchCounts(callRunning(ch -> new Message.ExecuteBatch(server.idOn(ch), null, rows, timeout),
                RequestKind.WRITE));
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        List<ColumnInfo> columns = server.description().columns();
        return columns.isEmpty() ? null : new CairnResultSetMetaData(columns);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new CairnParameterMetaData(server.description().parameters());
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(params, UNSET);
    }

    @Override
    void closeLocally() throws SQLException {
        boolean wasClosed = isClosed();
        super.closeLocally();
        if (!wasClosed) {
            server.close(connection);
        }
    }

    // SQL text methods of Statement do not apply to a prepared statement (JDBC says: throw).

    private static SQLException notOnPrepared() {
        return JdbcErrors.error(JdbcErrors.USAGE, "SQL text cannot be passed to a PreparedStatement's execute"
                + " methods");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw notOnPrepared();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw notOnPrepared();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw notOnPrepared();
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw notOnPrepared();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw notOnPrepared();
    }

    // ------------------------------------------------------------ setters

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, (short) x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x == null ? null : x.toLocalDate());
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x == null ? null : x.toLocalTime());
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x == null ? null : x.toLocalDateTime());
    }

    /** The date as seen in the calendar's time zone. */
    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        set(index, x == null ? null : Instant.ofEpochMilli(x.getTime()).atZone(CairnResultSet.zone(cal))
                .toLocalDate());
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        set(index, x == null ? null : Instant.ofEpochMilli(x.getTime()).atZone(CairnResultSet.zone(cal))
                .toLocalTime());
    }

    /** The instant as a wall-clock time in the calendar's time zone. */
    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        set(index, x == null ? null : x.toInstant().atZone(CairnResultSet.zone(cal)).toLocalDateTime());
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, ValueConverter.toParameter(x));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        set(index, ValueConverter.toSqlType(x, targetSqlType));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        Object v = ValueConverter.toSqlType(x, targetSqlType);
        if (v instanceof BigDecimal d && (targetSqlType == java.sql.Types.DECIMAL
                || targetSqlType == java.sql.Types.NUMERIC)) {
            v = d.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP);
        }
        set(index, v);
    }

    // ------------------------------------------------------------ streams: read whole, sent as a value

    private static byte[] readAll(InputStream in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(Integer.MAX_VALUE, length));
        } catch (IOException e) {
            throw JdbcErrors.error(JdbcErrors.INVALID_PARAMETER, "cannot read the parameter stream: " + e);
        }
    }

    private static String readAll(Reader in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                sb.append(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw JdbcErrors.error(JdbcErrors.INVALID_PARAMETER, "cannot read the parameter stream: " + e);
        }
        return sb.toString();
    }

    private static String ascii(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.US_ASCII);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        set(index, ascii(readAll(x, length)));
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        set(index, ascii(readAll(x, length)));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        set(index, ascii(readAll(x, -1)));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        set(index, readAll(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        set(index, readAll(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        set(index, readAll(x, -1));
    }

    @Override
    public void setCharacterStream(int index, Reader x, int length) throws SQLException {
        set(index, readAll(x, length));
    }

    @Override
    public void setCharacterStream(int index, Reader x, long length) throws SQLException {
        set(index, readAll(x, length));
    }

    @Override
    public void setCharacterStream(int index, Reader x) throws SQLException {
        set(index, readAll(x, -1));
    }

    @Override
    public void setNCharacterStream(int index, Reader x, long length) throws SQLException {
        set(index, readAll(x, length));
    }

    @Override
    public void setNCharacterStream(int index, Reader x) throws SQLException {
        set(index, readAll(x, -1));
    }
}
