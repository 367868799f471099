package io.cairndb.storage.cluster;

import com.alipay.sofa.jraft.entity.PeerId;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.keys.KeySpans;
import io.cairndb.storage.mvcc.KeyValue;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.range.LocalRangeReplica;
import io.cairndb.storage.range.RaftServer;
import io.cairndb.storage.range.RangeDescriptor;
import io.cairndb.storage.range.RangeGroup;
import io.cairndb.storage.range.RangeSnapshots;
import io.cairndb.storage.range.RangeStateMachine;
import io.cairndb.storage.range.ReplicaRegistry;
import io.cairndb.storage.time.HybridClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The range replicas this node holds: starts and stops their Raft groups (one at a time, through
 * {@link RaftServer}) and keeps a registry of them in the store's local keys, so a restart brings back exactly
 * the replicas the node had, whether or not it can reach the meta range yet.
 *
 * <p>A replica that founded its group (one of the voters a range was created with) restarts with that initial
 * configuration, harmless once its log holds one; a replica added later starts empty and waits for the leader.
 */
public final class ReplicaManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaManager.class);

    private final RaftServer raft;
    private final MvccStore store;
    private final HybridClock clock;
    private final Path dataDir;
    private final IntFunction<String> addresses;
    private final Map<Long, LocalRangeReplica> replicas = new ConcurrentHashMap<>();
    private final RangeSnapshots snapshots;
    private volatile Consumer<RangeDescriptor> onDescriptor = d -> { };
    /** Starts children of splits off the state machine's thread, one at a time. */
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairndb-replica-lifecycle");
        t.setDaemon(true);
        return t;
    });
    /**
     * Takes each new child's first snapshot, one at a time: off the lifecycle thread, so a slow snapshot never keeps
     * the next split's child from starting (its keys have no replica until then).
     */
    private final ExecutorService childSnapshots = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairndb-split-snapshot");
        t.setDaemon(true);
        return t;
    });

    /** Lock waits of every range this node leads: where deadlocks between them are found. */
    private final io.cairndb.storage.concurrency.WaitForGraph waits = new io.cairndb.storage.concurrency.WaitForGraph();

    /** {@code addresses} maps a node id to its Raft address (for a founding replica's initial configuration). */
    public ReplicaManager(RaftServer raft, MvccStore store, HybridClock clock, Path dataDir,
                          IntFunction<String> addresses) {
        this.raft = raft;
        this.store = store;
        this.clock = clock;
        this.dataDir = dataDir;
        this.addresses = addresses;
        this.snapshots = new RangeSnapshots(store);
    }

    /** Who hears of descriptors this node learns from its own replicas (splits). */
    public void setDescriptorListener(Consumer<RangeDescriptor> descriptors) {
        this.onDescriptor = descriptors;
    }

    /** The lock waits of the ranges this node leads. */
    io.cairndb.storage.concurrency.WaitForGraph waits() {
        return waits;
    }

    public LocalRangeReplica get(long rangeId) {
        return replicas.get(rangeId);
    }

    public List<LocalRangeReplica> all() {
        return new ArrayList<>(replicas.values());
    }

    /** Ranges this node leads with no reads or writes for a while go quiet (rare heartbeats). */
    public void quiesceIdle() {
        for (LocalRangeReplica r : replicas.values()) {
            r.group().quiesceIfIdle();
        }
    }

    /**
     * Followers whose leader is on a node the cluster reports not live ({@code raftAddresses}) go back to the busy
     * election timeout, so a quiet range elects a new leader within seconds of the report.
     */
    public void suspectLeadersAt(java.util.Set<String> raftAddresses) {
        if (raftAddresses.isEmpty()) {
            return;
        }
        for (LocalRangeReplica r : replicas.values()) {
            String leader = r.group().leaderAddress();
            if (leader == null || raftAddresses.contains(leader)) {
                r.group().leaderSuspected();
            }
        }
    }

    /** Registered replicas as recorded (restart): descriptor and whether this node founded the group. */
    public List<Registered> registered() {
        List<Registered> out = new ArrayList<>();
        for (KeyValue kv : store.localWithPrefix(MvccStore.replicaPrefix())) {
            ReplicaRegistry.Entry e = ReplicaRegistry.decode(kv.value());
            out.add(new Registered(e.descriptor(), e.founding()));
        }
        return out;
    }

    /** A replica as the registry records it. */
    public record Registered(RangeDescriptor descriptor, boolean founding) {
    }

    /**
     * Starts this node's replica of a range unless it runs already (then that one is returned).
     * Does not wait for a leader.
     */
    public synchronized LocalRangeReplica start(RangeDescriptor d, boolean founding) {
        List<PeerId> peers = new ArrayList<>();
        if (founding && !replicas.containsKey(d.rangeId())) {
            for (int node : d.replicas()) {
                String address = addresses.apply(node);
                if (address == null) {
                    throw new StorageException("range " + d.rangeId() + ": address of node " + node + " unknown");
                }
                peers.add(PeerId.parsePeer(address));
            }
        }
        return start(d, founding, peers);
    }

    private synchronized LocalRangeReplica start(RangeDescriptor d, boolean founding, List<PeerId> peers) {
        return start(d, founding, peers, null);
    }

    /** {@code intents}: the summary of its intents a split's child takes from its parent (null: not known). */
    private synchronized LocalRangeReplica start(RangeDescriptor d, boolean founding, List<PeerId> peers,
                                                 List<io.cairndb.storage.mvcc.TxnIntents> intents) {
        LocalRangeReplica existing = replicas.get(d.rangeId());
        if (existing != null) {
            return existing; // its descriptor follows its own log, never a copy from elsewhere
        }
        register(d, founding);
        RangeStateMachine fsm = new RangeStateMachine(d, store, snapshots, intents);
        fsm.setSplitListener(this::onSplit);
        RangeGroup group = raft.startGroup(d, peers, groupDir(d.rangeId()), fsm);
        LocalRangeReplica replica = new LocalRangeReplica(group, store, clock, waits);
        replicas.put(d.rangeId(), replica);
        LOG.debug("started replica of range {} ({} voters{})", d.rangeId(), d.replicas().size(),
                founding ? ", founding" : ", waiting to be added");
        return replica;
    }

    /**
     * A split was applied by this node's replica of the parent (state machine thread): the child's registry
     * entry is written already; start its group with the parent's voters, then have it snapshotted
     * ({@link #snapshotChild}) on a thread of its own.
     */
    private void onSplit(RangeDescriptor parent, RangeDescriptor child, List<PeerId> voters,
                         List<io.cairndb.storage.mvcc.TxnIntents> childIntents) {
        onDescriptor.accept(parent);
        lifecycle.execute(() -> {
            try {
                if (voters.isEmpty()) {
                    throw new StorageException("the split names no voters for the child");
                }
                LocalRangeReplica r = start(child, true, voters, childIntents);
                onDescriptor.accept(child);
                childSnapshots.execute(() -> snapshotChild(parent, child, r));
            } catch (RuntimeException e) {
                LOG.warn("range {}: starting the child of a split failed: {}", child.rangeId(), e.getMessage());
            }
        });
    }

    /**
     * Snapshots a split's child once it has applied its first entry, so a replica that missed the split (it
     * installed a later parent snapshot) is sent the child's state by snapshot rather than a log that assumes data
     * it does not have.
     */
    private static void snapshotChild(RangeDescriptor parent, RangeDescriptor child, LocalRangeReplica r) {
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (r.group().stateMachine().appliedIndex() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            r.group().snapshot();
            LOG.info("range {} split off range {} at {}", child.rangeId(), parent.rangeId(),
                    io.cairndb.storage.keys.KeySpace.hex(child.startKey()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("range {}: the first snapshot of the child of a split failed: {}", child.rangeId(),
                    e.getMessage());
        }
    }

    private void register(RangeDescriptor d, boolean founding) {
        store.putLocalDurably(MvccStore.replicaKey(d.rangeId()), ReplicaRegistry.encode(d, founding));
    }

    /**
     * Stops and deletes this node's replica of a range: its group, Raft log, metadata directory, local keys and
     * its span's data (a dropped range's data was cleared through its log already; a replica moved away leaves
     * its copy here, which must go before the node could ever get a replica of that span again).
     */
    public synchronized void destroy(long rangeId) {
        LocalRangeReplica r = replicas.remove(rangeId);
        RangeDescriptor d = null;
        if (r != null) {
            d = r.descriptor(); // the span as the replica applied it (a split narrows it)
            raft.stopGroup(r.group());
        } else {
            byte[] registered = store.getLocal(MvccStore.replicaKey(rangeId));
            if (registered != null) {
                d = ReplicaRegistry.decode(registered).descriptor();
            }
        }
        if (d != null && rangeId != RangeDescriptor.META_RANGE_ID) {
            deleteDataOnlyItHolds(d);
        }
        if (d != null) {
            try {
                raft.deleteGroupLog(d);
            } catch (RuntimeException e) {
                LOG.warn("range {}: cannot delete its Raft log: {}", rangeId, e.getMessage());
            }
        }
        store.putLocalDurably(MvccStore.replicaKey(rangeId), null);
        store.forgetRange(rangeId);
        deleteTree(groupDir(rangeId));
        LOG.info("removed the replica of range {}", rangeId);
    }

    /**
     * Deletes the data in range {@code d}'s span that no other replica on this node holds: a replica may never
     * have applied a split whose child runs here, so its span can be wider than its group's.
     */
    public synchronized void deleteDataOnlyItHolds(RangeDescriptor d) {
        for (KeySpans.Span gap : KeySpans.uncovered(d.startKey(), d.endKey(), otherSpans(d.rangeId()))) {
            store.deleteSpan(gap.start(), gap.end());
        }
    }

    /** The spans of every other replica on this node: running ones as applied, and any registered but not running. */
    private List<KeySpans.Span> otherSpans(long rangeId) {
        List<KeySpans.Span> spans = new ArrayList<>();
        for (LocalRangeReplica r : replicas.values()) {
            if (r.descriptor().rangeId() != rangeId) {
                spans.add(new KeySpans.Span(r.descriptor().startKey(), r.descriptor().endKey()));
            }
        }
        for (Registered reg : registered()) {
            if (reg.descriptor().rangeId() != rangeId && !replicas.containsKey(reg.descriptor().rangeId())) {
                spans.add(new KeySpans.Span(reg.descriptor().startKey(), reg.descriptor().endKey()));
            }
        }
        return spans;
    }

    /** Stops every group (node shutdown), the meta range last: others may still need it. */
    public synchronized void stopAll() {
        lifecycle.shutdownNow();
        childSnapshots.shutdownNow();
        List<Long> ids = new ArrayList<>(replicas.keySet());
        ids.sort(Comparator.reverseOrder());
        for (Long id : ids) {
            try {
                raft.stopGroup(replicas.remove(id).group());
            } catch (RuntimeException e) {
                LOG.warn("stopping range {} failed", id, e);
            }
        }
    }

    private Path groupDir(long rangeId) {
        return dataDir.resolve("raft").resolve("range-" + rangeId);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
