package io.cairndb.sql.session;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.SqlStateException;
import io.cairndb.storage.txn.Transaction;

/**
 * The running statement as the planner sees it: the transaction to read and write through, and the cancel
 * and timeout checks. {@link #cancel()} may be called from any thread.
 *
 * <p>The query timeout counts only the time the server spends working on the statement: execute, and each later
 * fetch of its cursor. The time a client takes between fetches does not count, as with PostgreSQL's
 * statement_timeout, which applies per protocol message.
 */
final class StatementContext implements ExecutionContext {
    private final long budgetNanos;
    private volatile Transaction transaction;
    private volatile boolean cancelled;
    /** Server time spent in earlier active periods. Only the session's thread writes these two. */
    private long spentNanos;
    /** Start of the current active period, or 0 while the statement waits for the client. */
    private volatile long activeSince;

    StatementContext(int timeoutSeconds) {
        this.budgetNanos = timeoutSeconds > 0 ? timeoutSeconds * 1_000_000_000L : Long.MAX_VALUE;
        this.activeSince = System.nanoTime();
    }

    void use(Transaction transaction) {
        this.transaction = transaction;
    }

    void cancel() {
        cancelled = true;
    }

    /** The server starts working on the statement again (a fetch). */
    void resume() {
        activeSince = System.nanoTime();
    }

    /** The server hands the statement back to the client (execute or a fetch returned). */
    void pause() {
        long since = activeSince;
        if (since != 0) {
            spentNanos += System.nanoTime() - since;
            activeSince = 0;
        }
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
        if (budgetNanos != Long.MAX_VALUE) {
            long since = activeSince;
            long spent = spentNanos + (since == 0 ? 0 : System.nanoTime() - since);
            if (spent > budgetNanos) {
                throw new SqlStateException("57014", "canceling statement due to statement timeout");
            }
        }
    }
}
