package io.cairndb.storage;

import io.cairndb.storage.StorageException;

/**
 * The commit was proposed but its result never came back (the Raft group failed or timed out after the
 * proposal): it may or may not have been applied. Never retried automatically, since a retry could apply a
 * non-idempotent transaction twice; SQL reports it as SQLSTATE 40003.
 */
public class CommitOutcomeUnknownException extends StorageException {
    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
