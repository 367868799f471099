package io.cairndb.planner.exec;

/**
 * A key interval to read: {@code [start, end)}; {@code point} when it is exactly one whole primary key (read with
 * one get instead of a scan).
 */
public record KeySpan(byte[] start, byte[] end, boolean point) {
}
