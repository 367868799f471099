package io.cairndb.planner.row;

/** One key/value pair a row contributes to a secondary index. */
public record IndexEntry(byte[] key, byte[] value) {
}
