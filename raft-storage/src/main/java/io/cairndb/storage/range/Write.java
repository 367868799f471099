package io.cairndb.storage.range;

/** One buffered write of a transaction: {@code value == null} deletes {@code key}. */
public record Write(byte[] key, byte[] value) {
}
