package io.cairndb.storage.cluster;

import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.ReplicaNotFoundException;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.NodeRpcServer;
import io.cairndb.storage.rpc.RpcKind;
import java.util.function.LongFunction;

/**
 * Serves other nodes' requests to the ranges this node's replicas lead: each request names its range, runs on
 * the local replica exactly as a local call would, and fails with NOT_LEADER (and a hint) when this replica does
 * not lead, or RANGE_NOT_FOUND when the node holds no replica of it.
 */
final class RangeService {
    private final LongFunction<LocalRangeReplica> replicas;

    RangeService(LongFunction<LocalRangeReplica> replicas) {
        this.replicas = replicas;
    }

    void registerOn(NodeRpcServer server) {
        server.register(RpcKind.KV_GET, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeBytes(r.get(b.readBytes(), b.readLong(), b.readLong())).toBytes();
        });
        server.register(RpcKind.KV_GET_ALL, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeKeys(r.getAll(b.readKeys(), b.readLong(), b.readLong())).toBytes();
        });
        server.register(RpcKind.KV_SCAN, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeKeyValues(r.scan(b.readBytes(), b.readBytes(), b.readLong(), b.readLong(),
                    b.readInt())).toBytes();
        });
        server.register(RpcKind.KV_LOCK_AND_GET, (req, b) -> {
            LocalRangeReplica r = replica(b);
            io.cairndb.storage.range.LockedReads read = r.lockAndGetAll(b.readKeys(), b.readLong(), b.readLong(),
                    b.readBoolean(), b.readLong());
            return new BodyWriter().writeLong(read.newestTs()).writeKeys(read.values()).toBytes();
        });
        server.register(RpcKind.KV_LOCK_ROWS, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeLong(r.lockRows(b.readKeys(), b.readLong(), b.readLong(), b.readBoolean()))
                    .toBytes();
        });
        server.register(RpcKind.KV_RENEW_ROW_LOCKS, (req, b) -> {
            replica(b).renewRowLocks(b.readLong());
            return new byte[0];
        });
        server.register(RpcKind.KV_REFRESH, (req, b) -> {
            replica(b).refresh(b.readLong(), b.readReadSet(), b.readLong(), b.readLong());
            return new byte[0];
        });
        server.register(RpcKind.KV_RELEASE_ROW_LOCKS, (req, b) -> {
            replica(b).releaseRowLocks(b.readLong());
            return new byte[0];
        });
        server.register(RpcKind.KV_COMMIT_1PC, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeLong(r.commitOnePhase(b.readLong(), b.readLong(), b.readReadSet(),
                    b.readWrites())).toBytes();
        });
        server.register(RpcKind.KV_PREPARE, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeLong(r.prepare(b.readLong(), b.readLong(), b.readLong(), b.readLong(),
                    b.readReadSet(), b.readWrites(), b.readRecord())).toBytes();
        });
        server.register(RpcKind.KV_CHECK_PREPARED, (req, b) -> {
            LocalRangeReplica r = replica(b);
            io.cairndb.storage.range.RangeStateMachine.PreparedCount c = r.checkPrepared(b.readLong(), b.readBytes(),
                    b.readBytes(), b.readLong());
            return new BodyWriter().writeInt(c.keys()).writeBytes(c.resume()).toBytes();
        });
        server.register(RpcKind.KV_WRITE_INTENTS, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeLong(r.writeIntents(b.readLong(), b.readLong(), b.readLong(),
                    b.readWrites())).toBytes();
        });
        server.register(RpcKind.KV_RESOLVE_SPAN, (req, b) -> {
            LocalRangeReplica r = replica(b);
            byte[] resume = RangeGroup.await(r.resolveSpan(b.readLong(), b.readBoolean(), b.readLong(), b.readBytes(),
                    b.readBytes()), r.descriptor().rangeId());
            return new BodyWriter().writeBoolean(resume != null).writeBytes(resume == null ? new byte[0] : resume)
                    .toBytes();
        });
        server.register(RpcKind.KV_ABORT_STALE, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeRecord(r.abortStale(b.readLong(), b.readLong())).toBytes();
        });
        server.register(RpcKind.KV_DECIDE_STAGED, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeRecord(r.decideStaged(b.readRecord())).toBytes();
        });
        server.register(RpcKind.KV_SET_RECORD, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeRecord(r.setRecord(b.readRecord())).toBytes();
        });
        server.register(RpcKind.KV_GET_RECORD, (req, b) -> {
            LocalRangeReplica r = replica(b);
            return new BodyWriter().writeRecord(r.getRecord(b.readLong())).toBytes();
        });
        server.register(RpcKind.KV_DELETE_RECORD, (req, b) -> {
            LocalRangeReplica r = replica(b);
            RangeGroup.await(r.deleteRecord(b.readLong()), r.descriptor().rangeId());
            return new byte[0];
        });
        server.register(RpcKind.KV_RESOLVE, (req, b) -> {
            LocalRangeReplica r = replica(b);
            RangeGroup.await(r.resolve(b.readLong(), b.readBoolean(), b.readLong(), b.readKeys()),
                    r.descriptor().rangeId());
            return new byte[0];
        });
        server.register(RpcKind.KV_CLEAR, (req, b) -> {
            replica(b).clear();
            return new byte[0];
        });
        server.register(RpcKind.KV_GC, (req, b) -> {
            LocalRangeReplica r = replica(b);
            RangeGroup.await(r.collectGarbage(b.readLong()), r.descriptor().rangeId());
            return new byte[0];
        });
    }

    /** The local replica the request names; it must lead (checked by each call, which throws NOT_LEADER). */
    private LocalRangeReplica replica(BodyReader body) {
        long rangeId = body.readLong();
        LocalRangeReplica r = replicas.apply(rangeId);
        if (r == null) {
            throw new ReplicaNotFoundException("no replica of range " + rangeId + " here");
        }
        r.checkServing();
        return r;
    }
}
