package io.cairndb.storage.range;

import io.cairndb.storage.concurrency.TransactionConflictException;

/**
 * A request reached a range that no longer covers its keys (the range split, or the caller's descriptor is
 * stale). Nothing was applied; the transaction retries (40001) after the caller reloads its descriptors.
 */
public class RangeMismatchException extends TransactionConflictException {
    public RangeMismatchException(String message) {
        super(message);
    }
}
