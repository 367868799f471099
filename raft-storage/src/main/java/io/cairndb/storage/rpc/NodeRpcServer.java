package io.cairndb.storage.rpc;

import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import com.alipay.sofa.jraft.rpc.RpcServer;
import io.cairndb.storage.CommitOutcomeUnknownException;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.range.NotLeaderException;
import io.cairndb.storage.range.RangeUnavailableException;
import io.cairndb.storage.range.ReplicaNotFoundException;
import io.cairndb.storage.time.HybridClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link RpcEnvelope}s arriving on the node's Raft RPC server: checks the cluster id, moves the clock,
 * runs the handler of the request's kind on a pool of its own (handlers block on Raft rounds and lock waits,
 * which must never hold the transport's IO threads) and replies with the result or a failure status. A request
 * never brings the node down: every failure becomes a reply.
 */
public final class NodeRpcServer implements RpcProcessor<RpcEnvelope>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRpcServer.class);
    private static final int THREADS = 64;

    private final Map<Integer, RpcHandler> handlers = new ConcurrentHashMap<>();
    private final Supplier<String> clusterId;
    private final HybridClock clock;
    private final ThreadPoolExecutor pool;

    /**
     * @param clusterId      this node's cluster id (null before it has joined one)
     */
    public NodeRpcServer(RpcServer server, Supplier<String> clusterId, HybridClock clock) {
        this.clusterId = clusterId;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "cairndb-rpc-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        EnvelopeCodec.register();
        server.registerProcessor(this);
    }

    public void register(int kind, RpcHandler handler) {
        handlers.put(kind, handler);
    }

    @Override
    public String interest() {
        return RpcEnvelope.class.getName();
    }

    @Override
    public Executor executor() {
        return pool;
    }

    @Override
    public void handleRequest(RpcContext ctx, RpcEnvelope request) {
        ctx.sendResponse(serve(request));
    }

    RpcReply serve(RpcEnvelope request) {
        try {
            String ours = clusterId.get();
            boolean joining = request.kind == RpcKind.JOIN;
            if (!joining && (ours == null || !ours.equals(request.clusterId))) {
                return RpcReply.failure(RpcStatus.WRONG_CLUSTER, clock.current(), ours == null
                        ? "this node has not joined a cluster yet"
                        : "request from cluster " + request.clusterId + " refused by a node of cluster " + ours, null);
            }
            if (request.senderTs > 0) {
                clock.observe(request.senderTs);
            }
            RpcHandler handler = handlers.get(request.kind);
            if (handler == null) {
                return RpcReply.failure(RpcStatus.ERROR, clock.current(), "unknown request kind " + request.kind,
                        null);
            }
            byte[] body = handler.handle(request, new BodyReader(request.body));
            return RpcReply.ok(clock.current(), body);
        } catch (NotLeaderException e) {
            return RpcReply.failure(RpcStatus.NOT_LEADER, clock.current(), e.getMessage(), e.leaderHint());
        } catch (ReplicaNotFoundException e) {
            return RpcReply.failure(RpcStatus.RANGE_NOT_FOUND, clock.current(), e.getMessage(), null);
        } catch (io.cairndb.storage.range.RangeMismatchException e) {
            return RpcReply.failure(RpcStatus.RANGE_MISMATCH, clock.current(), e.getMessage(), null);
        } catch (CommitOutcomeUnknownException e) {
            return RpcReply.failure(RpcStatus.OUTCOME_UNKNOWN, clock.current(), e.getMessage(), null);
        } catch (TransactionConflictException e) {
            RpcReply reply = RpcReply.failure(RpcStatus.CONFLICT, clock.current(), e.getMessage(), null);
            reply.body = e.key(); // the key the conflict is on, or null
            return reply;
        } catch (RangeUnavailableException e) {
            return RpcReply.failure(RpcStatus.UNAVAILABLE, clock.current(), e.getMessage(), null);
        } catch (io.cairndb.storage.concurrency.LockNotAvailableException e) {
            return RpcReply.failure(RpcStatus.LOCK_NOT_AVAILABLE, clock.current(), e.getMessage(), null);
        } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
            return RpcReply.failure(RpcStatus.ERROR, clock.current(), e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.error("request kind {} from node {} failed", request.kind, request.fromNode, e);
            return RpcReply.failure(RpcStatus.ERROR, clock.current(), "internal error: " + e, null);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
