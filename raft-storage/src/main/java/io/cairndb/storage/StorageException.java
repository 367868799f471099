package io.cairndb.storage;

/** Base of every failure the storage layer reports to the layers above. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same work may succeed if retried from the start (SQLSTATE 40001 for SQL). */
    public boolean isRetryable() {
        return false;
    }
}
