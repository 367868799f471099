package io.cairndb.storage.concurrency;

import io.cairndb.storage.StorageException;

/** The transaction could not be serialized and was aborted; retrying it from the start may succeed. */
public class TransactionConflictException extends StorageException {
    private final byte[] key;

    public TransactionConflictException(String message) {
        this(message, null);
    }

    /** @param key the key the conflict is on (its message names it in hex), or null */
    public TransactionConflictException(String message, byte[] key) {
        super(message);
        this.key = key == null ? null : key.clone();
    }

    /** The key the conflict is on, or null when it is not about one key; the upper layers name its table and row. */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
