package io.cairndb.storage.mvcc;

/**
 * What one transaction has left as intents in a span: enough to find its record, judge its age and resolve it by
 * span, without holding its (possibly millions of) intents in memory.
 *
 * @param txnId         the transaction
 * @param recordRangeId range holding its record
 * @param oldestTs      how long it has been writing: the lowest (provisional) commit timestamp among its intents,
 *                      or, for a prepare its range's leader let in, the hybrid time it was let in
 * @param newestTs      the highest one: readers at or above it must wait for its outcome
 * @param firstKey      its first intent's key
 * @param endExclusive  a key past its last intent: {@code [firstKey, endExclusive)} holds them all
 */
public record TxnIntents(long txnId, long recordRangeId, long oldestTs, long newestTs, byte[] firstKey,
                         byte[] endExclusive) {
}
