package io.cairndb.sql;

import io.cairndb.planner.RowCursor;

/**
 * What a statement produced: rows (a query) or an update count (anything else; -1... never: DDL and
 * transaction control report 0).
 */
public final class StatementResult {
    private final RowCursor rows;
    private final long updateCount;

    private StatementResult(RowCursor rows, long updateCount) {
        this.rows = rows;
        this.updateCount = updateCount;
    }

    public static StatementResult rows(RowCursor rows) {
        return new StatementResult(rows, -1);
    }

    public static StatementResult updateCount(long count) {
        return new StatementResult(null, count);
    }

    public boolean hasRows() {
        return rows != null;
    }

    /** The cursor of a query; the caller must close it. */
    public RowCursor rows() {
        return rows;
    }

    public long updateCount() {
        return updateCount;
    }
}
