package io.cairndb.storage.range;

/** State of a transaction record. A record is written once; its first state is final. */
public enum TxnStatus {
    COMMITTED, ABORTED
}
