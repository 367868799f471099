package io.cairndb.storage.cluster;

/**
 * A cluster member as this node last heard of it from the meta range's leader.
 *
 * @param live     whether its heartbeats arrive (advice for placement and status; never needed for correctness)
 * @param draining being decommissioned: its replicas move away
 * @param replicas range replicas it reported holding
 * @param leaders  ranges it reported leading
 */
public record NodeInfo(int nodeId, String raftAddress, String sqlAddress, boolean live, boolean draining, int replicas,
                       int leaders) {
}
