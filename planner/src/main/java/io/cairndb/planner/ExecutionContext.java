package io.cairndb.planner;

import io.cairndb.storage.txn.Transaction;

/** What a running statement needs from its session. */
public interface ExecutionContext {

    /** The transaction every read and write of this statement goes through. */
    Transaction transaction();

    /** Throws SqlStateException 57014 when the statement was cancelled or timed out; call it per row or batch. */
    void checkCancelled();
}
