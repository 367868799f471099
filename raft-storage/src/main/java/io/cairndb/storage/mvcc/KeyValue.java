package io.cairndb.storage.mvcc;

/** A user key and the value visible at some timestamp. */
public record KeyValue(byte[] key, byte[] value) {
}
