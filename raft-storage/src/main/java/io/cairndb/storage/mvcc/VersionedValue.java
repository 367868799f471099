package io.cairndb.storage.mvcc;

/** A key's value visible at some read timestamp (null: absent or deleted) and its newest version's timestamp (-1: none). */
public record VersionedValue(long newestTs, byte[] value) {
}
