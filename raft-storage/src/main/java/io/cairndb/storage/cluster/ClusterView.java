package io.cairndb.storage.cluster;

import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.RangeDescriptor;
import java.util.List;

/** What a {@link RangeClient} needs to know of the cluster to reach a range's leader. */
interface ClusterView {

    /** This node's id. */
    int selfId();

    /** This node's replica of the range when it holds one, else null. */
    LocalRangeReplica localReplica(long rangeId);

    /** Raft address (host:port) of a node, or null when unknown. */
    String address(int nodeId);

    /** Reloads descriptors and node addresses from the meta range; returns the range's newest descriptor or null. */
    RangeDescriptor refresh(long rangeId);

    /** Extra addresses to try when no replica of the range answers (the meta range: the --join addresses). */
    List<String> fallbackAddresses(long rangeId);
}
