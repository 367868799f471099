package io.cairndb.storage.rpc;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.error.ConnectionFailureException;
import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.cairndb.storage.CommitOutcomeUnknownException;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.range.NotLeaderException;
import io.cairndb.storage.range.RangeUnavailableException;
import io.cairndb.storage.range.ReplicaNotFoundException;
import io.cairndb.storage.time.HybridClock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Sends {@link RpcEnvelope}s to other nodes over one shared transport client (one connection per peer node),
 * moves the clock by every reply and turns failure statuses back into the exceptions local calls throw, so a
 * remote range replica fails exactly like a local one.
 */
public final class NodeRpcClient implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final RpcClient client;
    private final Supplier<String> clusterId;
    private final IntSupplier nodeId;
    private final HybridClock clock;

    public NodeRpcClient(Supplier<String> clusterId, IntSupplier nodeId, HybridClock clock) {
        this.clusterId = clusterId;
        this.nodeId = nodeId;
        this.clock = clock;
        EnvelopeCodec.register();
        this.client = RpcFactoryHelper.rpcFactory().createRpcClient();
        RpcOptions options = new RpcOptions();
        options.setRpcConnectTimeoutMs(CONNECT_TIMEOUT_MS);
        client.init(options);
    }

    /** Sends one request to the node at {@code address} (host:raftPort); returns the reply body. */
    public BodyReader call(String address, int kind, byte[] body, long timeoutMs) {
        String cluster = clusterId.get();
        RpcEnvelope request = new RpcEnvelope(kind, cluster == null ? "" : cluster, nodeId.getAsInt(),
                clock.current(), body);
        Object response;
        try {
            response = client.invokeSync(endpoint(address), request, timeoutMs);
        } catch (ConnectionFailureException e) {
            throw new NodeUnreachableException("node " + address + " is unreachable: " + rootMessage(e), false);
        } catch (RemotingException e) {
            boolean notSent = rootMessage(e).contains("Create connection failed");
            throw new NodeUnreachableException("no reply from node " + address + " within " + timeoutMs + " ms: "
                    + rootMessage(e), !notSent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for node " + address);
        }
        if (!(response instanceof RpcReply reply)) {
            throw new StorageException("node " + address + " answered with " + response);
        }
        if (reply.serverTs > 0) {
            clock.observe(reply.serverTs);
        }
        String where = "node " + address + ": ";
        return switch (reply.status) {
            case RpcStatus.OK -> new BodyReader(reply.body);
            case RpcStatus.NOT_LEADER -> throw new NotLeaderException(where + reply.message, reply.leaderHint);
            case RpcStatus.RANGE_NOT_FOUND -> throw new ReplicaNotFoundException(where + reply.message);
            case RpcStatus.CONFLICT -> throw new TransactionConflictException(reply.message, reply.body);
            case RpcStatus.RANGE_MISMATCH -> throw new io.cairndb.storage.range.RangeMismatchException(reply.message);
            case RpcStatus.OUTCOME_UNKNOWN -> throw new CommitOutcomeUnknownException(reply.message, null);
            case RpcStatus.UNAVAILABLE -> throw new RangeUnavailableException(where + reply.message);
            case RpcStatus.LOCK_NOT_AVAILABLE ->
                    throw new io.cairndb.storage.concurrency.LockNotAvailableException(reply.message);
            default -> throw new StorageException(reply.message);
        };
    }

    private static Endpoint endpoint(String address) {
        Endpoint endpoint = address == null ? null : JRaftUtils.getEndPoint(address);
        if (endpoint == null) {
            throw new StorageException("bad node address '" + address + "'");
        }
        return endpoint;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
