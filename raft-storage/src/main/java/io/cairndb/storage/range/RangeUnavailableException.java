package io.cairndb.storage.range;

import io.cairndb.storage.StorageException;

/** The range cannot serve the request here and now (not leader, proposal dropped); retrying may succeed. */
public class RangeUnavailableException extends StorageException {
    public RangeUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
