package io.cairndb.sql.session;

import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import java.util.Iterator;
import java.util.List;

/** A cursor over rows already computed (metadata results, small server-side answers). */
public final class ListRowCursor implements RowCursor {
    private final List<ResultColumn> columns;
    private final Iterator<Object[]> rows;
    private Object[] current;

    public ListRowCursor(List<ResultColumn> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows.iterator();
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (rows.hasNext()) {
            current = rows.next();
            return true;
        }
        current = null;
        return false;
    }

    @Override
    public Object[] row() {
        return current;
    }

    @Override
    public void close() {
        current = null;
    }
}
