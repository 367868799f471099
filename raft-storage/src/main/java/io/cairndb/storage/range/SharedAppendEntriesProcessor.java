package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.rpc.RpcRequests.AppendEntriesRequestHeader;
import com.alipay.sofa.jraft.rpc.impl.core.AppendEntriesRequestProcessor;
import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * jraft's AppendEntries request processor, except for the thread a follower handles a leader's requests on.
 * jraft gives every (group, leader, follower) pair its own thread, so the requests of one pair are handled in the
 * order they were sent (pipelined replication needs that); each such thread wakes every second when idle, which
 * on a node with hundreds of ranges was the largest single cost of the idle node (200 threads, 2 % of a core).
 * Here a pair always maps to one of a few shared single-thread executors, which keeps every pair's requests in
 * order and parks idle threads until work comes. Handling a request only checks terms and queues the entries for
 * the log's own thread, so pairs that share a thread hold each other up for microseconds.
 */
final class SharedAppendEntriesProcessor extends AppendEntriesRequestProcessor {
    /** Threads the followers of all groups on this node share. */
    static final int THREADS = 8;

    private final ExecutorService[] executors = new ExecutorService[THREADS];
    private final ExecutorSelector selector = this::select;

    SharedAppendEntriesProcessor() {
        super(null); // requests of groups that do not pipeline go to the RPC server's default executor, as in jraft
        NamedThreadFactory threads = new NamedThreadFactory("raft-append-entries-", true);
        for (int i = 0; i < THREADS; i++) {
            executors[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    threads);
        }
    }

    @Override
    public ExecutorSelector executorSelector() {
        return selector;
    }

    private Executor select(String requestClass, Object requestHeader) {
        AppendEntriesRequestHeader header = (AppendEntriesRequestHeader) requestHeader;
        PeerId follower = new PeerId();
        if (!follower.parse(header.getPeerId())) {
            return executor();
        }
        Node node = NodeManager.getInstance().get(header.getGroupId(), follower);
        if (node == null || !node.getRaftOptions().isReplicatorPipeline()) {
            return executor();
        }
        RpcFactoryHelper.rpcFactory().ensurePipeline();
        // per request on the replication path: a hash without the varargs array of Objects.hash
        int pair = (header.getGroupId().hashCode() * 31 + header.getServerId().hashCode()) * 31
                + header.getPeerId().hashCode();
        return executors[Math.floorMod(pair, THREADS)];
    }

    /** Stops the shared threads (after the RPC server stopped). */
    void shutdown() {
        destroy();
        for (ExecutorService executor : executors) {
            executor.shutdown();
        }
    }
}
