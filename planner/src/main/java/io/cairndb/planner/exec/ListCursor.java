package io.cairndb.planner.exec;

import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import java.util.Iterator;
import java.util.List;

/** A RowCursor over rows already computed (EXPLAIN output, fast-path point reads). */
public final class ListCursor implements RowCursor {
    private final List<ResultColumn> columns;
    private final Iterator<Object[]> rows;
    private Object[] row;

    public ListCursor(List<ResultColumn> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows.iterator();
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (!rows.hasNext()) {
            row = null;
            return false;
        }
        row = rows.next();
        return true;
    }

    @Override
    public Object[] row() {
        return row;
    }

    @Override
    public void close() {
    }
}
