package io.cairndb.storage.range;

import java.util.List;

/**
 * What {@link RangeReplica#lockAndGetAll} answers: the rows' values at the snapshot, and the commit timestamp of
 * the newest version of any of them (-1 when none has one) — above the snapshot, what was read is out of date.
 */
public record LockedReads(long newestTs, List<byte[]> values) {
}
