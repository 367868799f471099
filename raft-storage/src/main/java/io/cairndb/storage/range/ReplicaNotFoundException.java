package io.cairndb.storage.range;

/** The node asked holds no replica of the range (moved away, dropped, or not created yet): ask another. */
public class ReplicaNotFoundException extends RangeUnavailableException {
    public ReplicaNotFoundException(String message) {
        super(message);
    }
}
