package io.cairndb.storage;

import java.util.List;

/**
 * One range as sys.ranges shows it.
 *
 * @param rangeId    the range id (its Raft group is "range-" + id)
 * @param tableId    the table whose keys it holds, or -1 for system ranges
 * @param startKey   inclusive start key
 * @param endKey     exclusive end key
 * @param replicas   node ids holding a replica
 * @param leaderNode node id of the current leader, or -1 when there is none
 * @param sizeBytes  approximate bytes stored for the range
 * @param quiet      the range is idle: its leader heartbeats rarely (as one of its replicas last applied it)
 */
public record RangeStatus(long rangeId, int tableId, byte[] startKey, byte[] endKey, List<Integer> replicas,
                          int leaderNode, long sizeBytes, boolean quiet) {
}
