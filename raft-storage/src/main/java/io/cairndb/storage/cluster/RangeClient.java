package io.cairndb.storage.cluster;

import io.cairndb.storage.CommitOutcomeUnknownException;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.concurrency.ReadSet;
import io.cairndb.storage.mvcc.Intent;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.LockedReads;
import io.cairndb.storage.range.NotLeaderException;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeMismatchException;
import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.range.RangeStateMachine;
import io.cairndb.storage.range.RangeUnavailableException;
import io.cairndb.storage.range.ReplicaNotFoundException;
import io.cairndb.storage.range.TxnRecord;
import io.cairndb.storage.range.Write;
import io.cairndb.storage.rpc.BodyReader;
import io.cairndb.storage.rpc.BodyWriter;
import io.cairndb.storage.rpc.NodeRpcClient;
import io.cairndb.storage.rpc.NodeUnreachableException;
import io.cairndb.storage.rpc.RpcKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A range as the transaction layer sees it, wherever its leader is: calls go to this node's replica when it
 * leads, otherwise to the leader's node over RPC. Stale routes are retried here, within
 * {@link #ROUTE_DEADLINE_MS}: a NOT_LEADER reply re-aims at the leader it names, a node without the replica
 * or an unreachable node makes it try the range's other replicas (reloading descriptors when the range seems
 * to have moved). Only a one-phase commit whose request may have arrived is never re-sent: its outcome is
 * unknown (40003).
 */
public final class RangeClient implements RangeReplica {
    /** How long one call keeps looking for the range's leader before failing with a retryable error. */
    public static final long ROUTE_DEADLINE_MS = 10_000;
    private static final long READ_TIMEOUT_MS = 10_000;
    private static final long WRITE_TIMEOUT_MS = RangeGroup.APPLY_TIMEOUT_MS + 5_000;

    private volatile RangeDescriptor descriptor;
    private final ClusterView cluster;
    private final NodeRpcClient rpc;
    /** Address of the node believed to lead the range (from NOT_LEADER hints and successful calls). */
    private volatile String leaderHint;

    RangeClient(RangeDescriptor descriptor, ClusterView cluster, NodeRpcClient rpc) {
        this.descriptor = descriptor;
        this.cluster = cluster;
        this.rpc = rpc;
    }

    @Override
    public RangeDescriptor descriptor() {
        return descriptor;
    }

    void update(RangeDescriptor newer) {
        if (newer.generation() >= descriptor.generation()) {
            descriptor = newer;
        }
    }

    /** The node believed to lead the range, or -1. */
    int leaderNode() {
        LocalRangeReplica local = cluster.localReplica(descriptor.rangeId());
        if (local != null && local.isServing()) {
            return cluster.selfId();
        }
        String hint = local != null ? local.group().leaderAddress() : leaderHint;
        if (hint == null) {
            return -1;
        }
        for (int node : descriptor.replicas()) {
            if (hint.equals(cluster.address(node))) {
                return node;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- RangeReplica

    @Override
    public byte[] get(byte[] key, long readTs, long txnId) {
        return route(RpcKind.KV_GET, () -> body().writeBytes(key).writeLong(readTs).writeLong(txnId).toBytes(),
                r -> r.get(key, readTs, txnId), BodyReader::readBytes, READ_TIMEOUT_MS);
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys, long readTs, long txnId) {
        return route(RpcKind.KV_GET_ALL, () -> body().writeKeys(keys).writeLong(readTs).writeLong(txnId).toBytes(),
                r -> r.getAll(keys, readTs, txnId), BodyReader::readKeys, READ_TIMEOUT_MS);
    }

    @Override
    public List<KeyValue> scan(byte[] start, byte[] end, long readTs, long txnId, int limit) {
        return route(RpcKind.KV_SCAN, () -> body().writeBytes(start).writeBytes(end).writeLong(readTs)
                        .writeLong(txnId).writeInt(limit).toBytes(),
                r -> r.scan(start, end, readTs, txnId, limit), BodyReader::readKeyValues, READ_TIMEOUT_MS);
    }

    @Override
    public LockedReads lockAndGetAll(List<byte[]> keys, long txnId, long priority, boolean noWait, long readTs) {
        return route(RpcKind.KV_LOCK_AND_GET, () -> body().writeKeys(keys).writeLong(txnId).writeLong(priority)
                        .writeBoolean(noWait).writeLong(readTs).toBytes(),
                r -> r.lockAndGetAll(keys, txnId, priority, noWait, readTs),
                b -> new LockedReads(b.readLong(), b.readKeys()), READ_TIMEOUT_MS);
    }

    @Override
    public long lockRows(List<byte[]> keys, long txnId, long priority, boolean noWait) {
        return route(RpcKind.KV_LOCK_ROWS, () -> body().writeKeys(keys).writeLong(txnId).writeLong(priority)
                        .writeBoolean(noWait).toBytes(),
                r -> r.lockRows(keys, txnId, priority, noWait), BodyReader::readLong, READ_TIMEOUT_MS);
    }

    @Override
    public void refresh(long txnId, ReadSet reads, long fromTs, long toTs) {
        route(RpcKind.KV_REFRESH, () -> body().writeLong(txnId).writeReadSet(reads).writeLong(fromTs)
                        .writeLong(toTs).toBytes(),
                r -> {
                    r.refresh(txnId, reads, fromTs, toTs);
                    return null;
                }, b -> null, READ_TIMEOUT_MS);
    }

    @Override
    public void renewRowLocks(long txnId) {
        route(RpcKind.KV_RENEW_ROW_LOCKS, () -> body().writeLong(txnId).toBytes(),
                r -> {
                    r.renewRowLocks(txnId);
                    return null;
                }, b -> null, READ_TIMEOUT_MS);
    }

    @Override
    public void releaseRowLocks(long txnId) {
        route(RpcKind.KV_RELEASE_ROW_LOCKS, () -> body().writeLong(txnId).toBytes(),
                r -> {
                    r.releaseRowLocks(txnId);
                    return null;
                }, b -> null, READ_TIMEOUT_MS);
    }

    @Override
    public long commitOnePhase(long txnId, long readTs, ReadSet reads, List<Write> writes) {
        return route(RpcKind.KV_COMMIT_1PC, () -> body().writeLong(txnId).writeLong(readTs).writeReadSet(reads)
                        .writeWrites(writes).toBytes(),
                r -> r.commitOnePhase(txnId, readTs, reads, writes), BodyReader::readLong, WRITE_TIMEOUT_MS);
    }

    @Override
    public long prepare(long txnId, long readTs, long commitTs, long recordRangeId, ReadSet reads,
                        List<Write> writes, TxnRecord staging) {
        return route(RpcKind.KV_PREPARE, () -> body().writeLong(txnId).writeLong(readTs).writeLong(commitTs)
                        .writeLong(recordRangeId).writeReadSet(reads).writeWrites(writes).writeRecord(staging)
                        .toBytes(),
                r -> r.prepare(txnId, readTs, commitTs, recordRangeId, reads, writes, staging), BodyReader::readLong,
                WRITE_TIMEOUT_MS);
    }

    @Override
    public RangeStateMachine.PreparedCount checkPrepared(long txnId, byte[] start, byte[] end, long maxTs) {
        return route(RpcKind.KV_CHECK_PREPARED, () -> body().writeLong(txnId).writeBytes(start).writeBytes(end)
                        .writeLong(maxTs).toBytes(),
                r -> r.checkPrepared(txnId, start, end, maxTs),
                b -> new RangeStateMachine.PreparedCount(b.readInt(), b.readBytes()), WRITE_TIMEOUT_MS);
    }

    @Override
    public long writeIntents(long txnId, long readTs, long recordRangeId, List<Write> writes) {
        return route(RpcKind.KV_WRITE_INTENTS, () -> body().writeLong(txnId).writeLong(readTs)
                        .writeLong(recordRangeId).writeWrites(writes).toBytes(),
                r -> r.writeIntents(txnId, readTs, recordRangeId, writes), BodyReader::readLong, WRITE_TIMEOUT_MS);
    }

    @Override
    public CompletableFuture<byte[]> resolveSpan(long txnId, boolean commit, long commitTs, byte[] start,
                                                 byte[] end) {
        LocalRangeReplica local = cluster.localReplica(descriptor.rangeId());
        if (local != null && local.isServing()) {
            return local.resolveSpan(txnId, commit, commitTs, start, end).whenComplete((r, e) -> {
                if (e != null && (e instanceof RangeMismatchException || e.getCause() instanceof RangeMismatchException)) {
                    refresh(); // the range split: the sender's retry routes by the new descriptors
                }
            });
        }
        return async(() -> route(RpcKind.KV_RESOLVE_SPAN, () -> body().writeLong(txnId).writeBoolean(commit)
                        .writeLong(commitTs).writeBytes(start).writeBytes(end).toBytes(),
                r -> RangeGroup.await(r.resolveSpan(txnId, commit, commitTs, start, end), r.descriptor().rangeId()),
                b -> {
                    boolean more = b.readBoolean();
                    byte[] resume = b.readBytes();
                    return more ? resume : null;
                }, WRITE_TIMEOUT_MS));
    }

    @Override
    public TxnRecord abortStale(long txnId, long staleBefore) {
        return route(RpcKind.KV_ABORT_STALE, () -> body().writeLong(txnId).writeLong(staleBefore).toBytes(),
                r -> r.abortStale(txnId, staleBefore), BodyReader::readRecord, WRITE_TIMEOUT_MS);
    }

    @Override
    public TxnRecord decideStaged(TxnRecord decided) {
        return route(RpcKind.KV_DECIDE_STAGED, () -> body().writeRecord(decided).toBytes(),
                r -> r.decideStaged(decided), BodyReader::readRecord, WRITE_TIMEOUT_MS);
    }

    @Override
    public TxnRecord setRecord(TxnRecord record) {
        return route(RpcKind.KV_SET_RECORD, () -> body().writeRecord(record).toBytes(), r -> r.setRecord(record),
                BodyReader::readRecord, WRITE_TIMEOUT_MS);
    }

    @Override
    public TxnRecord getRecord(long txnId) {
        return route(RpcKind.KV_GET_RECORD, () -> body().writeLong(txnId).toBytes(), r -> r.getRecord(txnId),
                BodyReader::readRecord, READ_TIMEOUT_MS);
    }

    @Override
    public CompletableFuture<Object> deleteRecord(long txnId) {
        return async(() -> route(RpcKind.KV_DELETE_RECORD, () -> body().writeLong(txnId).toBytes(),
                r -> RangeGroup.await(r.deleteRecord(txnId), r.descriptor().rangeId()), b -> null,
                WRITE_TIMEOUT_MS));
    }

    @Override
    public CompletableFuture<Object> resolve(long txnId, boolean commit, long commitTs, List<byte[]> keys) {
        LocalRangeReplica local = cluster.localReplica(descriptor.rangeId());
        if (local != null && local.isServing()) {
            return local.resolve(txnId, commit, commitTs, keys); // the common case stays asynchronous
        }
        return async(() -> route(RpcKind.KV_RESOLVE, () -> body().writeLong(txnId).writeBoolean(commit)
                        .writeLong(commitTs).writeKeys(keys).toBytes(),
                r -> RangeGroup.await(r.resolve(txnId, commit, commitTs, keys), r.descriptor().rangeId()),
                b -> null, WRITE_TIMEOUT_MS));
    }

    @Override
    public List<Intent> intents() {
        LocalRangeReplica local = cluster.localReplica(descriptor.rangeId());
        return local == null ? List.of() : local.intents();
    }

    @Override
    public List<io.cairndb.storage.mvcc.TxnIntents> intentsByTransaction() {
        LocalRangeReplica local = cluster.localReplica(descriptor.rangeId());
        return local == null ? List.of() : local.intentsByTransaction();
    }

    @Override
    public void clear() {
        route(RpcKind.KV_CLEAR, () -> body().toBytes(), r -> {
            r.clear();
            return null;
        }, b -> null, WRITE_TIMEOUT_MS);
    }

    /** Garbage collection at the leader (see {@link LocalRangeReplica#collectGarbage}). */
    public void collectGarbage(long horizonTs) {
        route(RpcKind.KV_GC, () -> body().writeLong(horizonTs).toBytes(),
                r -> RangeGroup.await(r.collectGarbage(horizonTs), r.descriptor().rangeId()), b -> null,
                WRITE_TIMEOUT_MS);
    }

    // ---------------------------------------------------------------- routing

    private BodyWriter body() {
        return new BodyWriter().writeLong(descriptor.rangeId());
    }

    private static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call::get, RESOLVERS);
    }

    private static final java.util.concurrent.ExecutorService RESOLVERS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "cairndb-remote-resolve");
                t.setDaemon(true);
                return t;
            });

    /**
     * Runs one call at the range's leader: locally when this node leads, else at the node that does.
     *
     * @param local  the call on this node's replica
     * @param decode the reply body of the remote call
     */
    <T> T route(int kind, Supplier<byte[]> body, Function<LocalRangeReplica, T> local,
                Function<BodyReader, T> decode, long timeoutMs) {
        long deadline = System.currentTimeMillis() + ROUTE_DEADLINE_MS;
        byte[] encoded = null;
        Set<String> failed = new LinkedHashSet<>();
        StorageException last = null;
        int attempt = 0;
        while (true) {
            long rangeId = descriptor.rangeId();
            LocalRangeReplica mine = cluster.localReplica(rangeId);
            if (mine != null && mine.isServing()) {
                try {
                    return local.apply(mine);
                } catch (NotLeaderException e) { // lost leadership before doing anything
                    last = e;
                    leaderHint = e.leaderHint();
                } catch (RangeMismatchException e) {
                    refresh(); // the range split: the caller's retry routes by the new descriptors
                    throw e;
                }
            } else {
                String target = target(mine, failed);
                if (target != null) {
                    try {
                        if (encoded == null) {
                            encoded = body.get();
                        }
                        T result = decode.apply(rpc.call(target, kind, encoded, timeoutMs));
                        leaderHint = target;
                        return result;
                    } catch (NotLeaderException e) {
                        last = e;
                        failed.add(target);
                        String hint = e.leaderHint();
                        leaderHint = hint != null && !hint.equals(target) ? hint : null;
                    } catch (RangeMismatchException e) {
                        refresh();
                        throw e;
                    } catch (ReplicaNotFoundException e) {
                        last = e;
                        failed.add(target);
                        leaderHint = null;
                        refresh();
                    } catch (NodeUnreachableException e) {
                        if (e.maybeDelivered() && !RpcKind.idempotent(kind)) {
                            throw new CommitOutcomeUnknownException("range " + rangeId + ": " + e.getMessage()
                                    + "; the commit may or may not have happened", e);
                        }
                        last = e;
                        failed.add(target);
                        leaderHint = null;
                    } catch (RangeUnavailableException e) {
                        last = e;
                        failed.add(target);
                    }
                } else {
                    failed.clear(); // every address tried: start over after a pause, with fresh descriptors
                    refresh();
                }
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new RangeUnavailableException("range " + rangeId + " is unavailable: no leader answered within "
                        + ROUTE_DEADLINE_MS + " ms" + (last == null ? "" : " (last error: " + last.getMessage() + ")")
                        + "; retry later");
            }
            backoff(++attempt);
        }
    }

    /** The next address to ask: the known leader, else a replica not tried yet in this call. */
    private String target(LocalRangeReplica mine, Set<String> failed) {
        String hint = mine != null ? mine.group().leaderAddress() : null;
        String self = cluster.address(cluster.selfId());
        if (hint == null || hint.equals(self)) {
            hint = leaderHint;
        }
        if (hint != null && !failed.contains(hint) && !hint.equals(self)) {
            return hint;
        }
        List<String> candidates = new ArrayList<>();
        for (int node : descriptor.replicas()) {
            String a = cluster.address(node);
            if (a != null && node != cluster.selfId() && !failed.contains(a)) {
                candidates.add(a);
            }
        }
        if (candidates.isEmpty()) {
            for (String a : cluster.fallbackAddresses(descriptor.rangeId())) {
                if (!failed.contains(a) && !a.equals(self)) {
                    candidates.add(a);
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    private void refresh() {
        try {
            RangeDescriptor newest = cluster.refresh(descriptor.rangeId());
            if (newest != null) {
                update(newest);
            }
        } catch (StorageException e) {
            // meta is unreachable too; keep trying the replicas we know
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while looking for a range's leader");
        }
    }
}
