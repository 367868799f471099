package io.cairndb.storage.rpc;

import io.cairndb.storage.range.RangeUnavailableException;

/**
 * A request got no reply from a node. {@link #maybeDelivered()} is false only when the connection could not be
 * made, so the request certainly did not run; otherwise it may have run (timeout, connection lost mid-request).
 */
public class NodeUnreachableException extends RangeUnavailableException {
    private final boolean maybeDelivered;

    public NodeUnreachableException(String message, boolean maybeDelivered) {
        super(message);
        this.maybeDelivered = maybeDelivered;
    }

    public boolean maybeDelivered() {
        return maybeDelivered;
    }
}
