package io.cairndb.jdbc;

import java.sql.SQLException;

/**
 * Where a result set's rows come from. Forward-only sources implement {@link #next}; scrollable ones also
 * override the positioning methods, whose defaults refuse.
 */
abstract class RowSource {

    /** Advances to the next row; false after the last. */
    abstract boolean next() throws SQLException;

    /** The current row, or null when not on a row. */
    abstract Object[] row();

    abstract void close() throws SQLException;

    boolean scrollable() {
        return false;
    }

    /** 1-based current row number, 0 when not on a row. */
    abstract int rowNumber();

    boolean isBeforeFirst() throws SQLException {
        throw forwardOnly();
    }

    boolean isAfterLast() throws SQLException {
        throw forwardOnly();
    }

    boolean isLast() throws SQLException {
        throw forwardOnly();
    }

    /** Moves to row {@code n} (1-based; negative counts from the end; 0 before the first). */
    boolean absolute(int n) throws SQLException {
        throw forwardOnly();
    }

    int size() throws SQLException {
        throw forwardOnly();
    }

    static SQLException forwardOnly() {
        return JdbcErrors.error(JdbcErrors.INVALID_CURSOR, "the result set is TYPE_FORWARD_ONLY");
    }
}
