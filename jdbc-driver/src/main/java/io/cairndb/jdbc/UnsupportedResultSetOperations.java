package io.cairndb.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.*;

/**
 * The ResultSet operations CairnDB does not offer (generated list): each throws
 * SQLFeatureNotSupportedException. Subclasses implement the rest.
 */
abstract class UnsupportedResultSetOperations implements ResultSet {
    @Override
    public InputStream getUnicodeStream(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getUnicodeStream");
    }

    @Override
    public InputStream getUnicodeStream(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getUnicodeStream");
    }

    @Override
    public void updateNull(int a0) throws SQLException {
        throw JdbcErrors.unsupported("updateNull");
    }

    @Override
    public void updateBoolean(int a0, boolean a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBoolean");
    }

    @Override
    public void updateByte(int a0, byte a1) throws SQLException {
        throw JdbcErrors.unsupported("updateByte");
    }

    @Override
    public void updateShort(int a0, short a1) throws SQLException {
        throw JdbcErrors.unsupported("updateShort");
    }

    @Override
    public void updateInt(int a0, int a1) throws SQLException {
        throw JdbcErrors.unsupported("updateInt");
    }

    @Override
    public void updateLong(int a0, long a1) throws SQLException {
        throw JdbcErrors.unsupported("updateLong");
    }

    @Override
    public void updateFloat(int a0, float a1) throws SQLException {
        throw JdbcErrors.unsupported("updateFloat");
    }

    @Override
    public void updateDouble(int a0, double a1) throws SQLException {
        throw JdbcErrors.unsupported("updateDouble");
    }

    @Override
    public void updateBigDecimal(int a0, BigDecimal a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBigDecimal");
    }

    @Override
    public void updateString(int a0, String a1) throws SQLException {
        throw JdbcErrors.unsupported("updateString");
    }

    @Override
    public void updateBytes(int a0, byte[] a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBytes");
    }

    @Override
    public void updateDate(int a0, Date a1) throws SQLException {
        throw JdbcErrors.unsupported("updateDate");
    }

    @Override
    public void updateTime(int a0, Time a1) throws SQLException {
        throw JdbcErrors.unsupported("updateTime");
    }

    @Override
    public void updateTimestamp(int a0, Timestamp a1) throws SQLException {
        throw JdbcErrors.unsupported("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateCharacterStream");
    }

    @Override
    public void updateObject(int a0, Object a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void updateObject(int a0, Object a1) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void updateNull(String a0) throws SQLException {
        throw JdbcErrors.unsupported("updateNull");
    }

    @Override
    public void updateBoolean(String a0, boolean a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBoolean");
    }

    @Override
    public void updateByte(String a0, byte a1) throws SQLException {
        throw JdbcErrors.unsupported("updateByte");
    }

    @Override
    public void updateShort(String a0, short a1) throws SQLException {
        throw JdbcErrors.unsupported("updateShort");
    }

    @Override
    public void updateInt(String a0, int a1) throws SQLException {
        throw JdbcErrors.unsupported("updateInt");
    }

    @Override
    public void updateLong(String a0, long a1) throws SQLException {
        throw JdbcErrors.unsupported("updateLong");
    }

    @Override
    public void updateFloat(String a0, float a1) throws SQLException {
        throw JdbcErrors.unsupported("updateFloat");
    }

    @Override
    public void updateDouble(String a0, double a1) throws SQLException {
        throw JdbcErrors.unsupported("updateDouble");
    }

    @Override
    public void updateBigDecimal(String a0, BigDecimal a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBigDecimal");
    }

    @Override
    public void updateString(String a0, String a1) throws SQLException {
        throw JdbcErrors.unsupported("updateString");
    }

    @Override
    public void updateBytes(String a0, byte[] a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBytes");
    }

    @Override
    public void updateDate(String a0, Date a1) throws SQLException {
        throw JdbcErrors.unsupported("updateDate");
    }

    @Override
    public void updateTime(String a0, Time a1) throws SQLException {
        throw JdbcErrors.unsupported("updateTime");
    }

    @Override
    public void updateTimestamp(String a0, Timestamp a1) throws SQLException {
        throw JdbcErrors.unsupported("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateCharacterStream");
    }

    @Override
    public void updateObject(String a0, Object a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void updateObject(String a0, Object a1) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void insertRow() throws SQLException {
        throw JdbcErrors.unsupported("insertRow");
    }

    @Override
    public void updateRow() throws SQLException {
        throw JdbcErrors.unsupported("updateRow");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw JdbcErrors.unsupported("deleteRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw JdbcErrors.unsupported("refreshRow");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw JdbcErrors.unsupported("cancelRowUpdates");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw JdbcErrors.unsupported("moveToInsertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw JdbcErrors.unsupported("moveToCurrentRow");
    }

    @Override
    public Ref getRef(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getRef");
    }

    @Override
    public Blob getBlob(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getBlob");
    }

    @Override
    public Clob getClob(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getClob");
    }

    @Override
    public Array getArray(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getArray");
    }

    @Override
    public Ref getRef(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getRef");
    }

    @Override
    public Blob getBlob(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getBlob");
    }

    @Override
    public Clob getClob(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getClob");
    }

    @Override
    public Array getArray(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getArray");
    }

    @Override
    public java.net.URL getURL(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getURL");
    }

    @Override
    public java.net.URL getURL(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getURL");
    }

    @Override
    public void updateRef(int a0, Ref a1) throws SQLException {
        throw JdbcErrors.unsupported("updateRef");
    }

    @Override
    public void updateRef(String a0, Ref a1) throws SQLException {
        throw JdbcErrors.unsupported("updateRef");
    }

    @Override
    public void updateBlob(int a0, Blob a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String a0, Blob a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBlob");
    }

    @Override
    public void updateClob(int a0, Clob a1) throws SQLException {
        throw JdbcErrors.unsupported("updateClob");
    }

    @Override
    public void updateClob(String a0, Clob a1) throws SQLException {
        throw JdbcErrors.unsupported("updateClob");
    }

    @Override
    public void updateArray(int a0, Array a1) throws SQLException {
        throw JdbcErrors.unsupported("updateArray");
    }

    @Override
    public void updateArray(String a0, Array a1) throws SQLException {
        throw JdbcErrors.unsupported("updateArray");
    }

    @Override
    public RowId getRowId(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getRowId");
    }

    @Override
    public RowId getRowId(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getRowId");
    }

    @Override
    public void updateRowId(int a0, RowId a1) throws SQLException {
        throw JdbcErrors.unsupported("updateRowId");
    }

    @Override
    public void updateRowId(String a0, RowId a1) throws SQLException {
        throw JdbcErrors.unsupported("updateRowId");
    }

    @Override
    public void updateNString(int a0, String a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNString");
    }

    @Override
    public void updateNString(String a0, String a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNString");
    }

    @Override
    public void updateNClob(int a0, NClob a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String a0, NClob a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNClob");
    }

    @Override
    public NClob getNClob(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getNClob");
    }

    @Override
    public NClob getNClob(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getNClob");
    }

    @Override
    public SQLXML getSQLXML(int a0) throws SQLException {
        throw JdbcErrors.unsupported("getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(String a0) throws SQLException {
        throw JdbcErrors.unsupported("getSQLXML");
    }

    @Override
    public void updateSQLXML(int a0, SQLXML a1) throws SQLException {
        throw JdbcErrors.unsupported("updateSQLXML");
    }

    @Override
    public void updateSQLXML(String a0, SQLXML a1) throws SQLException {
        throw JdbcErrors.unsupported("updateSQLXML");
    }

    @Override
    public void updateNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateCharacterStream");
    }

    @Override
    public void updateBlob(int a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateBlob");
    }

    @Override
    public void updateClob(int a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateClob");
    }

    @Override
    public void updateClob(String a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateClob");
    }

    @Override
    public void updateNClob(int a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("updateNClob");
    }

    @Override
    public void updateNCharacterStream(int a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateCharacterStream");
    }

    @Override
    public void updateBlob(int a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("updateBlob");
    }

    @Override
    public void updateClob(int a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateClob");
    }

    @Override
    public void updateClob(String a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateClob");
    }

    @Override
    public void updateNClob(int a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("updateNClob");
    }

    @Override
    public void updateObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void updateObject(String a0, Object a1, SQLType a2, int a3) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void updateObject(int a0, Object a1, SQLType a2) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }

    @Override
    public void updateObject(String a0, Object a1, SQLType a2) throws SQLException {
        throw JdbcErrors.unsupported("updateObject");
    }
}
