package io.cairndb.storage;

/**
 * One node as sys.nodes shows it.
 *
 * @param nodeId      the node id
 * @param raftAddress host:raftPort
 * @param sqlAddress  host:port of its SQL listener
 * @param live        whether it is reachable now
 * @param draining    being decommissioned (its replicas move away)
 * @param replicas    range replicas it holds
 * @param leaders     ranges it leads
 */
public record NodeStatus(int nodeId, String raftAddress, String sqlAddress, boolean live, boolean draining,
                         int replicas, int leaders) {
}
