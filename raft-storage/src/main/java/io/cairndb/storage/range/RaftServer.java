package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.option.ReadOnlyOption;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.raftlog.SharedLogServiceFactory;
import io.cairndb.storage.raftlog.SharedLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node's one jraft RPC server, shared by every range group, and the only place groups are started and
 * stopped: start/stop are serialized because jraft's NodeManager races when groups on one address start and
 * stop concurrently. It also owns the node's shared Raft log store ({@code raft-log/}, one RocksDB for the logs
 * of all groups), which it closes only after the RPC server, once the node has stopped every group.
 */
public final class RaftServer implements AutoCloseable {
    /**
     * Election timeout of every group: followers start an election 2–4 s (jraft randomizes up to twice this)
     * after they last heard from the leader, so failover takes about that long.
     */
    public static final int ELECTION_TIMEOUT_MS = 2000;
    /** Heartbeats every ELECTION_TIMEOUT_MS / 4 = 500 ms: idle groups cost a fifth of jraft's default 10 per timeout. */
    public static final int ELECTION_HEARTBEAT_FACTOR = 4;
    /**
     * jraft adds a random 0–2000 ms to each election timeout (so followers rarely campaign at once); waiting reads
     * are re-checked at this period too (by {@link SharedReadIndexScanner}, one thread for every group).
     */
    public static final int MAX_ELECTION_DELAY_MS = 2000;
    /** Seconds between snapshots of a group; snapshots let jraft truncate its log. */
    public static final int SNAPSHOT_INTERVAL_SECS = 600;

    /**
     * How long after the send of its last heartbeat that the meta leader answered this node's leaders still serve
     * reads on their lease; later they confirm leadership with a round to a majority (ReadIndex) per read. Shorter
     * than the 4 s after which the meta leader reports a silent node dead, whereupon the followers of its quiet
     * ranges shorten their election timeout and may elect another leader well within the old one's lease.
     */
    public static final long LEASE_TRUST_MS = 3_000;

    private static final String CLOSURE_POOL_MAX_PROPERTY = "jraft.closure.threadpool.size.max";

    static {
        // sofa-bolt's own logging bootstrap is incompatible with logback 1.5 and prints a NoSuchMethodError
        // stack trace before falling back; skip straight to the fallback unless the operator chose otherwise
        if (System.getProperty("logback.middleware.log.disable") == null) {
            System.setProperty("logback.middleware.log.disable", "true");
        }
        // jraft runs every group's closures and log-append wake-ups on one process-wide pool with no queue, at
        // most 100 threads by default; a burst (hundreds of groups snapshotting and adding peers at once) made it
        // reject work inside a group's apply loop, leaving proposals and followers waiting. Threads are made on
        // demand and leave after 60 s idle.
        if (System.getProperty(CLOSURE_POOL_MAX_PROPERTY) == null) {
            System.setProperty(CLOSURE_POOL_MAX_PROPERTY, "400");
        }
    }


    private final Endpoint endpoint;
    private final RpcServer rpcServer;
    private final SharedLogStore logStore;
    private final SharedLogServiceFactory serviceFactory;
    private final SharedAppendEntriesProcessor appendEntries;
    private final SharedReadIndexScanner readIndexScanner;
    /** When the last heartbeat the meta leader answered was sent (System.nanoTime); unset on a lone node. */
    private volatile long livenessConfirmedAt;
    private volatile boolean livenessTracked;

    /** Starts the RPC server on {@code host:port} and opens the shared Raft log store in {@code logDir}. */
    public RaftServer(String host, int port, Path logDir) {
        this.endpoint = new Endpoint(host, port);
        this.logStore = SharedLogStore.open(logDir);
        this.serviceFactory = new SharedLogServiceFactory(logStore);
        // made only once the log store is open: a store that fails to open leaves no scanner thread behind
        this.appendEntries = new SharedAppendEntriesProcessor();
        this.readIndexScanner = new SharedReadIndexScanner(MAX_ELECTION_DELAY_MS);
        this.rpcServer = RaftRpcServices.create(endpoint, appendEntries);
        if (!rpcServer.init(null)) {
            logStore.close();
            readIndexScanner.close();
            appendEntries.shutdown();
            throw new StorageException("cannot start the Raft RPC server on " + endpoint);
        }
    }

    public PeerId self() {
        return new PeerId(endpoint, 0);
    }

    public String address() {
        return endpoint.toString();
    }

    /** The shared RPC server (node-to-node requests are served on it too). */
    public RpcServer rpcServer() {
        return rpcServer;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Starts the group of one range replica; its log, metadata and snapshots live under {@code dir}.
     * {@code peers} is the initial configuration of a new group; empty for a replica that waits to be added by
     * the leader (or that restarts: jraft then takes the configuration from its own log and snapshot).
     */
    public synchronized RangeGroup startGroup(RangeDescriptor descriptor, List<PeerId> peers, Path dir,
                                              RangeStateMachine fsm) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        NodeOptions options = new NodeOptions();
        options.setElectionTimeoutMs(RangeQuiescence.initialTimeoutMs(fsm));
        options.setSharedElectionTimer(true);
        options.setSharedVoteTimer(true);
        options.setSharedStepDownTimer(true);
        options.setSharedSnapshotTimer(true);
        options.setSharedTimerPool(true);
        // each group's RPC client runs its response callbacks on a pool of its own, by default a third of 80
        // threads kept for good; two (at most six once 10,000 callbacks queue) serve a range's replication
        options.setRpcProcessorThreadPoolSize(6);
        options.setSnapshotIntervalSecs(SNAPSHOT_INTERVAL_SECS);
        // an added peer becomes a voter only once it holds everything the leader has (jraft's default lets it vote
        // within 1000 entries of the leader, which for a small range is as soon as it answers a probe: before the
        // snapshot that carries its data has arrived, and a leader change then could catch it up by log alone)
        options.setCatchupMargin(0);
        options.setFsm(fsm);
        options.setServiceFactory(serviceFactory); // the group's log goes to the shared store
        options.setLogUri(dir.resolve("log").toString()); // required by jraft, unused by the shared store
        options.setRaftMetaUri(dir.resolve("meta").toString());
        options.setSnapshotUri(dir.resolve("snapshot").toString());
        if (!peers.isEmpty()) {
            options.setInitialConf(new Configuration(peers));
        }
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setDisruptorBufferSize(1024);
        raftOptions.setSync(true); // an acknowledged commit survives kill -9
        raftOptions.setReadOnlyOptions(ReadOnlyOption.ReadOnlyLeaseBased);
        raftOptions.setMaxElectionDelayMs(MAX_ELECTION_DELAY_MS);
        raftOptions.setElectionHeartbeatFactor(ELECTION_HEARTBEAT_FACTOR);
        options.setRaftOptions(raftOptions);
        RaftGroupService service = new RaftGroupService(descriptor.groupId(), self(), options, rpcServer, true);
        Node node = service.start(false);
        readIndexScanner.adopt(node);
        return new RangeGroup(descriptor.rangeId(), service, node, fsm, this::leaseTrusted);
    }

    public synchronized void stopGroup(RangeGroup group) {
        readIndexScanner.release(group.node());
        group.shutdown();
    }

    /** Deletes the Raft log of a stopped group whose range was dropped. */
    public synchronized void deleteGroupLog(RangeDescriptor descriptor) {
        logStore.deleteGroup(descriptor.groupId());
    }

    /**
     * The meta leader answered a heartbeat this node sent at {@code sentAtNanos}: its leaders may trust their
     * leases for {@link #LEASE_TRUST_MS} from then.
     */
    public void confirmLiveness(long sentAtNanos) {
        if (!livenessTracked || sentAtNanos - livenessConfirmedAt > 0) {
            livenessConfirmedAt = sentAtNanos;
        }
        livenessTracked = true;
    }

    /** Whether this node's leaders may serve reads on their lease (see {@link #LEASE_TRUST_MS}). */
    boolean leaseTrusted() {
        return !livenessTracked
                || System.nanoTime() - livenessConfirmedAt < TimeUnit.MILLISECONDS.toNanos(LEASE_TRUST_MS);
    }

    /** Stops the RPC server and closes the log store; every group must have been stopped. */
    @Override
    public synchronized void close() {
        try {
            rpcServer.shutdown();
            appendEntries.shutdown();
            readIndexScanner.close();
        } finally {
            logStore.close();
        }
    }
}
