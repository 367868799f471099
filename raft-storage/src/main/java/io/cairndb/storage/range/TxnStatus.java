package io.cairndb.storage.range;

/**
 * State of a transaction record. COMMITTED and ABORTED are final. PENDING is the record of a transaction that
 * still runs and has written intents while running (a big one): its coordinator renews it (the record's timestamp
 * is its last heartbeat), so recovery can tell a live writer from one whose node died.
 */
public enum TxnStatus {
    COMMITTED, ABORTED, PENDING;

    public boolean isFinal() {
        return this != PENDING;
    }
}
