package io.cairndb.storage.concurrency;

import io.cairndb.storage.StorageException;

/** A row lock asked for without waiting (FOR UPDATE NOWAIT) is held by another transaction. */
public class LockNotAvailableException extends StorageException {
    public LockNotAvailableException(String message) {
        super(message);
    }
}
