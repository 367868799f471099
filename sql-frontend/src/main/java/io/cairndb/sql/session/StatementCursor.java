package io.cairndb.sql.session;

import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import io.cairndb.sql.error.SqlErrors;
import io.cairndb.planner.SqlStateException;
import java.util.List;
import java.util.function.Consumer;

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
    private final Consumer<SqlStateException> onError;
    private boolean prefetched;
    private volatile boolean invalidated;
    private boolean prefetchedHasRow;
    private long returned;
    private boolean closed;

    StatementCursor(RowCursor inner, StatementContext context, long maxRows, Runnable onClose,
                    Consumer<SqlStateException> onError) {
        this.inner = inner;
        this.context = context;
        this.maxRows = maxRows;
        this.onClose = onClose;
        this.onError = onError;
    }

    /**
     * Closes the cursor because its transaction ended (commit, rollback, abort): later reads fail with 24000
     * rather than looking like the end of the result.
     */
    void invalidate() {
        invalidated = true;
        close();
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
        if (invalidated) {
            throw new SqlStateException("24000", "the cursor was closed when its transaction ended");
        }
        if (closed || (maxRows > 0 && returned >= maxRows)) {
            return false;
        }
        boolean has;
        try {
            if (prefetched) {
                prefetched = false;
                has = prefetchedHasRow;
            } else {
                context.resume();
                try {
                    context.checkCancelled();
                    has = inner.next();
                } finally {
                    context.pause();
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            close();
            SqlStateException error = SqlErrors.translate(e);
            onError.accept(error);
            throw error;
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
