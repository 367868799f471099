package io.cairndb.sql.session;

import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.sql.error.SqlErrors;
import java.util.List;

/**
 * The cursor a session hands out for a query. It fetches the first row eagerly (so that errors such as a
 * division by zero or a conflict surface from execute, where autocommit can still retry), honours maxRows,
 * translates errors, and runs {@code onClose} once — for an autocommit query that ends its read transaction.
 */
final class StatementCursor implements RowCursor {
    private final RowCursor inner;
    private final StatementContext context;
    private final long maxRows;
    private final Runnable onClose;
    private boolean prefetched;
    private boolean prefetchedHasRow;
    private long returned;
    private boolean closed;

    StatementCursor(RowCursor inner, StatementContext context, long maxRows, Runnable onClose) {
        this.inner = inner;
        this.context = context;
        this.maxRows = maxRows;
        this.onClose = onClose;
    }

    /** Computes the first row now; errors propagate to the caller of execute. */
    void prefetch() {
        prefetchedHasRow = inner.next();
        prefetched = true;
    }

    @Override
    public List<ResultColumn> columns() {
        return inner.columns();
    }

    @Override
    public boolean next() {
        if (closed || (maxRows > 0 && returned >= maxRows)) {
            return false;
        }
        boolean has;
        try {
            if (prefetched) {
                prefetched = false;
                has = prefetchedHasRow;
            } else {
                context.checkCancelled();
                has = inner.next();
            }
        } catch (RuntimeException e) {
            close();
            throw SqlErrors.translate(e);
        }
        if (has) {
            returned++;
        }
        return has;
    }

    @Override
    public Object[] row() {
        return inner.row();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            inner.close();
        } finally {
            onClose.run();
        }
    }
}
