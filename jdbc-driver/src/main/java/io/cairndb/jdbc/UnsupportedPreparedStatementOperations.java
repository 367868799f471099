package io.cairndb.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.*;

/**
 * The PreparedStatement operations CairnDB does not offer (generated list): each throws
 * SQLFeatureNotSupportedException. Subclasses implement the rest; the base class carries plain Statement behaviour.
 */
abstract class UnsupportedPreparedStatementOperations extends CairnStatement implements PreparedStatement {
    UnsupportedPreparedStatementOperations(CairnConnection connection, int resultSetType) {
        super(connection, resultSetType);
    }

    @Override
    public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
        throw JdbcErrors.unsupported("setUnicodeStream");
    }

    @Override
    public void setRef(int a0, Ref a1) throws SQLException {
        throw JdbcErrors.unsupported("setRef");
    }

    @Override
    public void setBlob(int a0, Blob a1) throws SQLException {
        throw JdbcErrors.unsupported("setBlob");
    }

    @Override
    public void setClob(int a0, Clob a1) throws SQLException {
        throw JdbcErrors.unsupported("setClob");
    }

    @Override
    public void setArray(int a0, Array a1) throws SQLException {
        throw JdbcErrors.unsupported("setArray");
    }

    @Override
    public void setURL(int a0, java.net.URL a1) throws SQLException {
        throw JdbcErrors.unsupported("setURL");
    }

    @Override
    public void setRowId(int a0, RowId a1) throws SQLException {
        throw JdbcErrors.unsupported("setRowId");
    }

    @Override
    public void setNClob(int a0, NClob a1) throws SQLException {
        throw JdbcErrors.unsupported("setNClob");
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("setClob");
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("setBlob");
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) throws SQLException {
        throw JdbcErrors.unsupported("setNClob");
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) throws SQLException {
        throw JdbcErrors.unsupported("setSQLXML");
    }

    @Override
    public void setClob(int a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("setClob");
    }

    @Override
    public void setBlob(int a0, InputStream a1) throws SQLException {
        throw JdbcErrors.unsupported("setBlob");
    }

    @Override
    public void setNClob(int a0, Reader a1) throws SQLException {
        throw JdbcErrors.unsupported("setNClob");
    }
}
