package io.cairndb.storage.cluster;

import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.RpcKind;
import java.util.List;
import java.util.function.Function;

/**
 * This node's way to the meta range's services: through the meta range's {@link RangeClient} (so finding the
 * meta leader, following hints and retrying is the same code as for any range), served in-process when this
 * node's meta replica leads.
 */
final class MetaClient {
    private static final long TIMEOUT_MS = 10_000;

    private final RangeClient metaRange;
    private final MetaService service;

    MetaClient(RangeClient metaRange, MetaService service) {
        this.metaRange = metaRange;
        this.service = service;
    }

    /** Descriptors, the ids among those asked about whose ranges were dropped, and the members. */
    record Directory(List<RangeDescriptor> descriptors, java.util.Set<Long> dropped, List<NodeInfo> nodes) {
    }

    /** Heartbeat reply: the meta range's descriptor and the members. */
    record Members(RangeDescriptor meta, List<NodeInfo> nodes) {
    }

    /** The directory; {@code ask}: the range ids whose drop the caller wants to learn of (the ones it knows). */
    Directory directory(java.util.Collection<Long> ask) {
        return call(RpcKind.META_DESCRIPTORS, new BodyWriter().writeLongs(ask).toBytes(), b -> {
            List<RangeDescriptor> descriptors = b.readDescriptors();
            java.util.Set<Long> dropped = new java.util.HashSet<>(b.readLongs());
            return new Directory(descriptors, dropped, NodeInfo.readAll(b));
        });
    }

    Members heartbeat(int nodeId, int leaders, String sqlAddress) {
        return call(RpcKind.HEARTBEAT, new BodyWriter().writeInt(nodeId).writeInt(leaders).writeString(sqlAddress)
                .toBytes(), b -> new Members(b.readDescriptor(), NodeInfo.readAll(b)));
    }

    void putDescriptor(RangeDescriptor d) {
        call(RpcKind.META_PUT_DESCRIPTOR, new BodyWriter().writeDescriptor(d).toBytes(), b -> null);
    }

    void deleteDescriptor(long rangeId) {
        call(RpcKind.META_DELETE_DESCRIPTOR, new BodyWriter().writeLong(rangeId).toBytes(), b -> null);
    }

    void decommission(int node, boolean force, int replicationFactor) {
        call(RpcKind.META_DECOMMISSION, new BodyWriter().writeInt(node).writeBoolean(force).writeInt(replicationFactor)
                .toBytes(), b -> null);
    }

    long nextRangeId() {
        return call(RpcKind.META_NEXT_RANGE_ID, new byte[0], BodyReader::readLong);
    }

    long reserveIds(long count) {
        return call(RpcKind.META_RESERVE_IDS, new BodyWriter().writeLong(count).toBytes(), BodyReader::readLong);
    }

    private <T> T call(int kind, byte[] body, Function<BodyReader, T> decode) {
        return metaRange.route(kind, () -> body,
                local -> decode.apply(new BodyReader(service.handleLocally(kind, body))), decode, TIMEOUT_MS);
    }
}
