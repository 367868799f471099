package io.cairndb.storage.range;

/** This node's replica does not lead the range (or does not serve yet); {@link #leaderHint()} may name who does. */
public class NotLeaderException extends RangeUnavailableException {
    private final String leaderHint;

    public NotLeaderException(String message, String leaderHint) {
        super(message);
        this.leaderHint = leaderHint;
    }

    /** Raft address (host:port) of the leader as the replier knows it, or null. */
    public String leaderHint() {
        return leaderHint;
    }
}
