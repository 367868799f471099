package io.cairndb.planner;

/**
 * A SQL error with its SQLSTATE (see DESIGN.md: 42xxx syntax/names, 22xxx data, 23xxx constraints,
 * 40001 serialization, 57014 cancelled, XX000 internal). Every layer from the planner up reports
 * user-visible failures with this type; the server sends {@link #sqlState()} and the message to the client.
 */
public class SqlStateException extends RuntimeException {
    private final String sqlState;

    public SqlStateException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public SqlStateException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }

    /** 40001 and friends: the client (or the server, for autocommit) may retry the whole transaction. */
    public boolean isRetryable() {
        return "40001".equals(sqlState);
    }
}
