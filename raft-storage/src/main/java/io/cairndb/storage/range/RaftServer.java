package io.cairndb.storage.range;

import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;
import io.cairndb.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The node's one jraft RPC server, shared by every range group, and the only place groups are started and
 * stopped: start/stop are serialized because jraft's NodeManager races when groups on one address start and
 * stop concurrently.
 */
public final class RaftServer implements AutoCloseable {
    /** Election timeout of every group. */
    public static final int ELECTION_TIMEOUT_MS = 1000;
    /** Seconds between snapshots of a group; snapshots let jraft truncate its log. */
    public static final int SNAPSHOT_INTERVAL_SECS = 600;

    static {
        // sofa-bolt's own logging bootstrap is incompatible with logback 1.5 and prints a NoSuchMethodError
        // stack trace before falling back; skip straight to the fallback unless the operator chose otherwise
        if (System.getProperty("logback.middleware.log.disable") == null) {
            System.setProperty("logback.middleware.log.disable", "true");
        }
        // jraft keeps one RocksDB per group for its log; its default memtables (64 MB, several per column
        // family) are far too large for many small groups on one node
        try {
            StorageOptionsFactory.registerRocksDBColumnFamilyOptions(RocksDBLogStorage.class,
                    StorageOptionsFactory.getDefaultRocksDBColumnFamilyOptions()
                            .setWriteBufferSize(4L << 20).setMaxWriteBufferNumber(2));
        } catch (IllegalStateException alreadyRegistered) {
            // another component of this JVM registered its own options first; keep them
        }
    }

    private final Endpoint endpoint;
    private final RpcServer rpcServer;

    public RaftServer(String host, int port) {
        this.endpoint = new Endpoint(host, port);
        this.rpcServer = RaftRpcServerFactory.createRaftRpcServer(endpoint);
        if (!rpcServer.init(null)) {
            throw new StorageException("cannot start the Raft RPC server on " + endpoint);
        }
    }

    public PeerId self() {
        return new PeerId(endpoint, 0);
    }

    public String address() {
        return endpoint.toString();
    }

    /** Starts the group of one range replica; its log, metadata and snapshots live under {@code dir}. */
    public synchronized RangeGroup startGroup(RangeDescriptor descriptor, List<PeerId> peers, Path dir,
                                              RangeStateMachine fsm) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        NodeOptions options = new NodeOptions();
        options.setElectionTimeoutMs(ELECTION_TIMEOUT_MS);
        options.setSharedElectionTimer(true);
        options.setSharedVoteTimer(true);
        options.setSharedStepDownTimer(true);
        options.setSharedSnapshotTimer(true);
        options.setSharedTimerPool(true);
        options.setSnapshotIntervalSecs(SNAPSHOT_INTERVAL_SECS);
        options.setFsm(fsm);
        options.setLogUri(dir.resolve("log").toString());
        options.setRaftMetaUri(dir.resolve("meta").toString());
        options.setSnapshotUri(dir.resolve("snapshot").toString());
        options.setInitialConf(new Configuration(peers));
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setDisruptorBufferSize(1024);
        raftOptions.setSync(true); // an acknowledged commit survives kill -9
        options.setRaftOptions(raftOptions);
        RaftGroupService service = new RaftGroupService(descriptor.groupId(), self(), options, rpcServer, true);
        return new RangeGroup(descriptor.rangeId(), service, service.start(false), fsm);
    }

    public synchronized void stopGroup(RangeGroup group) {
        group.shutdown();
    }

    @Override
    public synchronized void close() {
        rpcServer.shutdown();
    }
}
