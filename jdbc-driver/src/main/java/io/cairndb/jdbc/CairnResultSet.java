package io.cairndb.jdbc;

import io.cairndb.protocol.ColumnInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A read-only result set over a {@link RowSource} (a paged server cursor, or rows held in memory). */
final class CairnResultSet extends UnsupportedResultSetOperations {
    private final CairnStatement statement;
    private final List<ColumnInfo> columns;
    private final RowSource rows;
    private final Map<String, Integer> indexByLabel = new HashMap<>();
    private int fetchSize;
    private boolean closed;
    private boolean wasNull;

    CairnResultSet(CairnStatement statement, List<ColumnInfo> columns, RowSource rows, int fetchSize) {
        this.statement = statement;
        this.columns = columns;
        this.rows = rows;
        this.fetchSize = fetchSize;
        for (int i = columns.size() - 1; i >= 0; i--) {
            indexByLabel.put(columns.get(i).label().toUpperCase(Locale.ROOT), i + 1);
        }
    }

    List<ColumnInfo> columns() {
        return columns;
    }

    RowSource rowSource() {
        return rows;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.error(JdbcErrors.INVALID_CURSOR, "the result set is closed");
        }
    }

    /** The raw value of column {@code index} of the current row; records wasNull. */
    private Object value(int index) throws SQLException {
        checkOpen();
        Object[] row = rows.row();
        if (row == null) {
            throw JdbcErrors.error(JdbcErrors.INVALID_CURSOR, "not on a row (call next() first)");
        }
        if (index < 1 || index > columns.size()) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "column index " + index + " out of range 1.."
                    + columns.size());
        }
        Object v = row[index - 1];
        wasNull = v == null;
        return v;
    }

    // ------------------------------------------------------------ navigation

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        return rows.next();
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } finally {
            if (statement != null) {
                statement.resultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        return wasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        Integer i = label == null ? null : indexByLabel.get(label.toUpperCase(Locale.ROOT));
        if (i == null) {
            throw JdbcErrors.error("42703", "no column '" + label + "' in the result");
        }
        return i;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rows.isBeforeFirst();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return rows.isAfterLast();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rows.rowNumber() == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return rows.isLast();
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkOpen();
        rows.absolute(0);
    }

    @Override
    public void afterLast() throws SQLException {
        checkOpen();
        rows.absolute(rows.size() + 1);
    }

    @Override
    public boolean first() throws SQLException {
        checkOpen();
        return rows.absolute(1);
    }

    @Override
    public boolean last() throws SQLException {
        checkOpen();
        return rows.absolute(-1);
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return rows.rowNumber();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkOpen();
        return rows.absolute(row);
    }

    @Override
    public boolean relative(int delta) throws SQLException {
        checkOpen();
        if (!rows.scrollable()) {
            throw RowSource.forwardOnly();
        }
        int current = rows.rowNumber();
        if (current == 0) {
            current = rows.isAfterLast() ? rows.size() + 1 : 0;
        }
        return rows.absolute(Math.max(0, current + delta));
    }

    @Override
    public boolean previous() throws SQLException {
        return relative(-1);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD && !rows.scrollable()) {
            throw RowSource.forwardOnly();
        }
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    /** Rows per page for the FETCHes still to come; 0 keeps the statement's size. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "negative fetch size");
        }
        if (rows > 0) {
            this.fetchSize = rows;
            if (this.rows instanceof RemoteRows remote) {
                remote.setFetchSize(rows);
            }
        }
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getType() {
        return rows.scrollable() ? TYPE_SCROLL_INSENSITIVE : TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public boolean rowUpdated() {
        return false;
    }

    @Override
    public boolean rowInserted() {
        return false;
    }

    @Override
    public boolean rowDeleted() {
        return false;
    }

    @Override
    public Statement getStatement() {
        return statement == null || statement.isMetadataOnly() ? null : statement;
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
    public String getCursorName() throws SQLException {
        throw JdbcErrors.unsupported("getCursorName");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new CairnResultSetMetaData(columns);
    }

    // ------------------------------------------------------------ getters by index

    @Override
    public String getString(int i) throws SQLException {
        return ValueConverter.toString(value(i));
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = value(i);
        return v != null && ValueConverter.toBoolean(v);
    }

    @Override
    public byte getByte(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : (byte) ValueConverter.toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Override
    public short getShort(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : (short) ValueConverter.toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Override
    public int getInt(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : (int) ValueConverter.toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Override
    public long getLong(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : ValueConverter.toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    @Override
    public float getFloat(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : ValueConverter.toFloat(v);
    }

    @Override
    public double getDouble(int i) throws SQLException {
        Object v = value(i);
        return v == null ? 0 : ValueConverter.toDouble(v);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConverter.toBigDecimal(v);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : ValueConverter.toBytes(v);
    }

    @Override
    public Date getDate(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : Date.valueOf(ValueConverter.toLocalDate(v));
    }

    @Override
    public Time getTime(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : Time.valueOf(ValueConverter.toLocalTime(v));
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : Timestamp.valueOf(ValueConverter.toLocalDateTime(v));
    }

    /** The date at midnight in the calendar's time zone (CairnDB dates carry no zone). */
    @Override
    public Date getDate(int i, Calendar cal) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        LocalDate d = ValueConverter.toLocalDate(v);
        return new Date(d.atStartOfDay(zone(cal)).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(int i, Calendar cal) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        LocalTime t = ValueConverter.toLocalTime(v);
        return new Time(t.atDate(LocalDate.EPOCH).atZone(zone(cal)).toInstant().toEpochMilli());
    }

    /** The local date-time read as a wall-clock time in the calendar's time zone. */
    @Override
    public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
        Object v = value(i);
        if (v == null) {
            return null;
        }
        LocalDateTime ts = ValueConverter.toLocalDateTime(v);
        return Timestamp.from(ts.atZone(zone(cal)).toInstant());
    }

    static ZoneId zone(Calendar cal) {
        return cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
    }

    @Override
    public Object getObject(int i) throws SQLException {
        return ValueConverter.toJdbcObject(value(i));
    }

    @Override
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        if (type == null) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "type is null");
        }
        return ValueConverter.toClass(value(i), type);
    }

    @Override
    public Object getObject(int i, Map<String, Class<?>> map) throws SQLException {
        return getObject(i);
    }

    @Override
    public InputStream getAsciiStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getBinaryStream(int i) throws SQLException {
        byte[] b = getBytes(i);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    @Override
    public Reader getNCharacterStream(int i) throws SQLException {
        return getCharacterStream(i);
    }

    // ------------------------------------------------------------ getters by label

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    // ------------------------------------------------------------ wrapper

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
