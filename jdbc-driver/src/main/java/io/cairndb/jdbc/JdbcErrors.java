package io.cairndb.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;

/** The driver's SQLException factory, so every error carries a SQLSTATE. */
final class JdbcErrors {
    /** Cannot connect. */
    static final String CONNECT_FAILED = "08001";
    /** Connection lost or unusable. */
    static final String CONNECTION_FAILURE = "08006";
    /** Connection already closed. */
    static final String CONNECTION_DOES_NOT_EXIST = "08003";
    /** Numeric value out of range. */
    static final String OUT_OF_RANGE = "22003";
    /** Invalid character value for cast. */
    static final String BAD_CAST = "22018";
    /** Invalid parameter value. */
    static final String INVALID_PARAMETER = "22023";
    /** Invalid cursor state (closed result set, no current row). */
    static final String INVALID_CURSOR = "24000";
    /** Generic client-side usage error (bad column index, closed statement). */
    static final String USAGE = "HY000";

    private JdbcErrors() {
    }

    static SQLException error(String sqlState, String message) {
        if (sqlState != null && sqlState.startsWith("08")) {
            return new SQLNonTransientConnectionException(message, sqlState);
        }
        return new SQLException(message, sqlState);
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by CairnDB", "0A000");
    }
}
