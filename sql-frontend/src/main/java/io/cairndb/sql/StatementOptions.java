package io.cairndb.sql;

/**
 * Per-execution options from the client.
 *
 * @param queryTimeoutSeconds 0 for none; past it the statement fails with 57014
 * @param maxRows             0 for no limit; rows past it are silently dropped (JDBC setMaxRows)
 */
public record StatementOptions(int queryTimeoutSeconds, long maxRows) {
    public static final StatementOptions DEFAULT = new StatementOptions(0, 0);
}
