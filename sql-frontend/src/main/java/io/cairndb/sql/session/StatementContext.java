package io.cairndb.sql.session;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.SqlStateException;
import io.cairndb.storage.txn.Transaction;

/**
 * The running statement as the planner sees it: the transaction to read and write through, and the cancel
 * and timeout checks. {@link #cancel()} may be called from any thread.
 */
final class StatementContext implements ExecutionContext {
    private final long deadlineNanos;
    private volatile Transaction transaction;
    private volatile boolean cancelled;

    StatementContext(int timeoutSeconds) {
        this.deadlineNanos = timeoutSeconds > 0 ? System.nanoTime() + timeoutSeconds * 1_000_000_000L : Long.MAX_VALUE;
    }

    void use(Transaction transaction) {
        this.transaction = transaction;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public Transaction transaction() {
        return transaction;
    }

    @Override
    public void checkCancelled() {
        if (cancelled) {
            throw new SqlStateException("57014", "canceling statement due to user request");
        }
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw new SqlStateException("57014", "canceling statement due to statement timeout");
        }
    }
}
