package io.cairndb.storage.mvcc;

/**
 * An uncommitted (prepared) write of a multi-range transaction.
 *
 * @param key           user key
 * @param txnId         the writing transaction
 * @param commitTs      the commit timestamp the transaction will commit at if it commits
 * @param recordRangeId range holding the transaction record that decides its fate
 * @param value         the value to write, or null for a delete
 */
public record Intent(byte[] key, long txnId, long commitTs, long recordRangeId, byte[] value) {
}
