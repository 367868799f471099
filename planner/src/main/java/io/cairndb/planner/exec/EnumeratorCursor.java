package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.ResultColumn;
import io.cairndb.planner.RowCursor;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/** A RowCursor over a Calcite enumerator: pulls one row per next(), converting values to API types. */
public final class EnumeratorCursor implements RowCursor {
    private final Signature signature;
    private final Enumerator<Object> enumerator;
    private final ExecutionContext ctx;
    private Object[] row;
    private boolean closed;

    public EnumeratorCursor(Signature signature, Enumerator<Object> enumerator, ExecutionContext ctx) {
        this.signature = signature;
        this.enumerator = enumerator;
        this.ctx = ctx;
    }

    @Override
    public List<ResultColumn> columns() {
        return signature.columns();
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        try {
            ctx.checkCancelled();
            if (!enumerator.moveNext()) {
                row = null;
                close();
                return false;
            }
            row = signature.apiRow(enumerator.current());
            return true;
        } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
            close();
            throw SqlErrors.runtime(e);
        }
    }

    @Override
    public Object[] row() {
        return row;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                enumerator.close();
            } catch (RuntimeException ignored) {
                // closing a failed enumerator must not hide the original failure
            }
        }
    }
}
