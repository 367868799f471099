package io.cairndb.storage.cluster;

import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster member as this node last heard of it from the meta range's leader.
 *
 * @param live     whether its heartbeats arrive (advice for placement and status; never needed for correctness)
 * @param draining being decommissioned: its replicas move away
 * @param leaders  ranges it reported leading in its last heartbeat
 */
public record NodeInfo(int nodeId, String raftAddress, String sqlAddress, boolean live, boolean draining,
                       int leaders) {

    /** The member list as replies carry it and as a node keeps it in its store. */
    static BodyWriter writeAll(BodyWriter out, List<NodeInfo> members) {
        out.writeInt(members.size());
        for (NodeInfo n : members) {
            out.writeInt(n.nodeId()).writeString(n.raftAddress()).writeString(n.sqlAddress()).writeBoolean(n.live())
                    .writeBoolean(n.draining()).writeInt(n.leaders());
        }
        return out;
    }

    static List<NodeInfo> readAll(BodyReader in) {
        int n = in.readInt();
        List<NodeInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new NodeInfo(in.readInt(), in.readString(), in.readString(), in.readBoolean(), in.readBoolean(),
                    in.readInt()));
        }
        return out;
    }
}
