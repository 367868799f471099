package io.cairndb.storage.txn;

import io.cairndb.storage.StorageException;

/** The transaction could not be serialized and was aborted; retrying it from the start may succeed. */
public class TransactionConflictException extends StorageException {
    public TransactionConflictException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
