package io.cairndb.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;

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

    /**
     * The exception for a SQLSTATE, as the subclass JDBC 4 assigns to its class (JDBC 4.3 section 8.5), so that
     * applications and tools can catch what they handle: a retry loop catches {@link SQLTransactionRollbackException}
     * (40001), a conversion that failed is a {@link SQLDataException} (22xxx), as the sqllogictest runner expects.
     */
    static SQLException error(String sqlState, String message) {
        String sqlClass = sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
        return switch (sqlClass) {
            case "08" -> new SQLNonTransientConnectionException(message, sqlState);
            case "0A" -> new SQLFeatureNotSupportedException(message, sqlState);
            case "22" -> new SQLDataException(message, sqlState);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, sqlState);
            case "40" -> new SQLTransactionRollbackException(message, sqlState);
            case "42" -> new SQLSyntaxErrorException(message, sqlState);
            default -> new SQLException(message, sqlState);
        };
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by CairnDB", "0A000");
    }
}
