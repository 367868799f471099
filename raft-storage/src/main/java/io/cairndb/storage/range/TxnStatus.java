package io.cairndb.storage.range;

/**
 * State of a transaction record. COMMITTED and ABORTED are final. PENDING is the record of a transaction that
 * still runs and has written intents while running (a big one): its coordinator renews it (the record's timestamp
 * is its last heartbeat), so recovery can tell a live writer from one whose node died. STAGING is the record of a
 * multi-range transaction committing in parallel: written with the intents of the record's range, it names every
 * range's writes ({@link TxnRecord#staged}); the transaction is committed once all of them are prepared at or
 * below the record's timestamp, whether or not the record says so yet.
 */
public enum TxnStatus {
    COMMITTED, ABORTED, PENDING, STAGING;

    public boolean isFinal() {
        return this == COMMITTED || this == ABORTED;
    }
}
