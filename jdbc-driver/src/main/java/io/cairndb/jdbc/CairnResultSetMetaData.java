package io.cairndb.jdbc;

import io.cairndb.protocol.ColumnInfo;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** ResultSetMetaData from the server's column descriptions. */
final class CairnResultSetMetaData implements ResultSetMetaData {
    private final List<ColumnInfo> columns;

    CairnResultSetMetaData(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    private ColumnInfo col(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw JdbcErrors.error(JdbcErrors.USAGE, "column index " + column + " out of range 1.."
                    + columns.size());
        }
        return columns.get(column - 1);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A column of a table (as opposed to a computed one) can be written back by clients such as DBeaver. */
    private boolean fromTable(int column) throws SQLException {
        return !orEmpty(col(column).table()).isEmpty();
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return SqlTypes.isText(col(column).sqlType());
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return col(column).nullable() ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return SqlTypes.isSigned(col(column).sqlType());
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        ColumnInfo c = col(column);
        return SqlTypes.displaySize(c.sqlType(), c.precision(), c.scale());
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return orEmpty(col(column).label());
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        ColumnInfo c = col(column);
        return orEmpty(c.name()).isEmpty() ? orEmpty(c.label()) : c.name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return orEmpty(col(column).schema());
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return col(column).precision();
    }

    @Override
    public int getScale(int column) throws SQLException {
        return col(column).scale();
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return orEmpty(col(column).table());
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return fromTable(column) ? CairnConnection.CATALOG : "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return col(column).sqlType();
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return orEmpty(col(column).typeName());
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return !fromTable(column);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return fromTable(column);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return SqlTypes.className(col(column).sqlType());
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
