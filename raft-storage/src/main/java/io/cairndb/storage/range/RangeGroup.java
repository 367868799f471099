package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.option.ReadOnlyOption;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import io.cairndb.storage.StorageException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running jraft group of a range replica: proposes commands and reports leadership. */
public final class RangeGroup {
    private static final Logger LOG = LoggerFactory.getLogger(RangeGroup.class);
    /** How long a caller waits for a proposed command to apply before reporting an unknown outcome. */
    public static final long APPLY_TIMEOUT_MS = 30_000;
    /** How long a read waits to confirm leadership before the caller tries elsewhere. */
    public static final long READ_BARRIER_TIMEOUT_MS = 3_000;

    private final long rangeId;
    private final RaftGroupService service;
    private final Node node;
    private final RangeStateMachine fsm;
    private final RangeQuiescence quiescence;
    private final java.util.function.BooleanSupplier leaseTrusted;
    private final ReadLease lease = new ReadLease();
    private final java.util.concurrent.atomic.LongAdder readRounds = new java.util.concurrent.atomic.LongAdder();

    RangeGroup(long rangeId, RaftGroupService service, Node node, RangeStateMachine fsm,
               java.util.function.BooleanSupplier leaseTrusted) {
        this.rangeId = rangeId;
        this.leaseTrusted = leaseTrusted;
        this.service = service;
        this.node = node;
        this.fsm = fsm;
        this.quiescence = new RangeQuiescence(rangeId, node, fsm, this::append);
    }

    /** Proposes going quiet if this replica leads a range with no reads or writes for a while. */
    public void quiesceIfIdle() {
        quiescence.quiesceIfIdle();
    }

    /** The node of the leader this replica follows was reported dead: a quiet range elects at the busy timeout. */
    public void leaderSuspected() {
        quiescence.leaderSuspected();
    }

    /** Milliseconds since the last read or write this replica served as leader (or since it started). */
    public long idleMillis() {
        return quiescence.idleMillis();
    }

    /** Whether the range is quiet (idle, rare heartbeats) as applied here. */
    public boolean isQuiet() {
        return quiescence.quiet();
    }

    /** This replica started leading: the range is busy again. */
    void onLeaderStart() {
        lease.revoke();
        quiescence.onLeaderStart();
    }

    /** This replica stopped leading: its lease ends with its term. */
    void onLeaderStop() {
        lease.revoke();
    }

    public long rangeId() {
        return rangeId;
    }

    public RangeStateMachine stateMachine() {
        return fsm;
    }

    public boolean isLeader() {
        return node.isLeader();
    }

    public PeerId leader() {
        return node.getLeaderId();
    }

    /** host:port of the leader this replica knows, or null. */
    public String leaderAddress() {
        PeerId leader = node.getLeaderId();
        return leader == null || leader.isEmpty() ? null : leader.getEndpoint().toString();
    }

    /**
     * The group's voters, as its leader knows them. jraft refuses on a replica that is not (or no longer) leader
     * with an IllegalStateException, which reached a remote caller as a plain error and failed a split whose leader
     * stepped down mid-way; it is a {@link NotLeaderException}, which callers routing to the leader retry.
     */
    public List<PeerId> peers() {
        try {
            return node.listPeers();
        } catch (IllegalStateException e) {
            throw new NotLeaderException("range " + rangeId + ": " + e.getMessage() + " (voters are known to the "
                    + "leader)", leaderAddress());
        }
    }

    /**
     * Confirms this replica still leads and has applied everything committed before the call: a deposed leader
     * that has not noticed yet fails here instead of serving a stale read. Within a {@link ReadLease} that is a
     * local check (it leads, in the lease's term, and has applied up to the commit index read now); otherwise a
     * read-index round with a heartbeat to a majority, which also grants the next lease. The lease is used only
     * while this node's liveness is fresh ({@link RaftServer#LEASE_TRUST_MS}): followers that hear it reported
     * dead stop waiting for a quiet range's long timeout.
     */
    public void readBarrier() {
        quiescence.touch(); // before the lease check: a quiet leader's long lease never serves a read
        boolean trusted = leaseTrusted.getAsBoolean();
        boolean leased = trusted && lease.holds(System.nanoTime()) && node.isLeader();
        if (leased) {
            long committed = node.getLastCommittedIndex(); // first: applied must reach what was committed by now
            if (node.getLastAppliedLogIndex() >= committed) {
                return;
            }
        }
        // leased but behind in applying: jraft's lease-based read index only waits for the apply
        ReadOnlyOption how = leased ? ReadOnlyOption.ReadOnlyLeaseBased : ReadOnlyOption.ReadOnlySafe;
        long epoch = lease.epoch();
        long startedAt = System.nanoTime();
        readRounds.increment();
        CompletableFuture<Object> done = new CompletableFuture<>();
        node.readIndex(how, null, new ReadIndexClosure() {
            @Override
            public void run(Status status, long index, byte[] ctx) {
                if (status.isOk()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new NotLeaderException("range " + rangeId + ": cannot confirm "
                            + "leadership for a read: " + status.getErrorMsg(), leaderAddress()));
                }
            }
        });
        awaitWithin(done, READ_BARRIER_TIMEOUT_MS, "leadership not confirmed");
        if (trusted && how == ReadOnlyOption.ReadOnlySafe) {
            lease.grant(epoch, startedAt);
        }
    }

    /** Read-index rounds this replica ran for its reads (the rest were served on its {@link ReadLease}). */
    public long readRounds() {
        return readRounds.sum();
    }

    /** Waits for a jraft callback turned future; a timeout is a retryable {@link RangeUnavailableException}. */
    private void awaitWithin(CompletableFuture<Object> done, long timeoutMs, String onTimeout) {
        try {
            done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for range " + rangeId);
        } catch (TimeoutException e) {
            throw new RangeUnavailableException("range " + rangeId + ": " + onTimeout + " within " + timeoutMs
                    + " ms");
        } catch (ExecutionException e) {
            throw (StorageException) e.getCause();
        }
    }

    /**
     * Adds a voter. jraft first replicates to it as a non-voting catch-up peer (by log, or by snapshot when the
     * log was truncated) and commits the new configuration only once it is close to the leader.
     */
    public void addPeer(PeerId peer, long timeoutMs) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        node.addPeer(peer, completing(done, "adding " + peer));
        awaitWithin(done, timeoutMs, peer + " did not catch up");
    }

    /** A jraft closure that completes {@code done}, or fails it with a retryable error naming {@code what}. */
    private com.alipay.sofa.jraft.Closure completing(CompletableFuture<Object> done, String what) {
        return status -> {
            if (status.isOk()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new RangeUnavailableException("range " + rangeId + ": " + what
                        + " failed: " + status.getErrorMsg()));
            }
        };
    }

    /** Proposes {@code command}; the future completes with the apply result once it is applied here. */
    public CompletableFuture<Object> propose(RangeCommand command) {
        quiescence.touch();
        return append(command);
    }

    /** Proposes {@code command} as background work (garbage collection) that leaves a quiet range quiet. */
    public CompletableFuture<Object> proposeInBackground(RangeCommand command) {
        return append(command);
    }

    private CompletableFuture<Object> append(RangeCommand command) {
        return append(command, -1);
    }

    /**
     * Proposes {@code command} only if this replica still leads in {@code term} (jraft refuses it otherwise): what
     * a leader validated against its in-memory state must not be applied under a later term's rebuilt state.
     */
    public CompletableFuture<Object> proposeInTerm(RangeCommand command, long term) {
        quiescence.touch();
        return append(command, term);
    }

    private CompletableFuture<Object> append(RangeCommand command, long expectedTerm) {
        CommandClosure closure = new CommandClosure(rangeId);
        Task task = new Task(RangeCommandCodec.encode(command), closure);
        task.setExpectedTerm(expectedTerm);
        node.apply(task);
        return closure.future();
    }

    /** Proposes and waits for the result. */
    public Object proposeAndWait(RangeCommand command) {
        return await(propose(command), rangeId);
    }

    /** Waits for a proposal's result; failures become {@link StorageException}s. */
    public static <T> T await(CompletableFuture<T> future, long rangeId) {
        try {
            return future.get(APPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for range " + rangeId);
        } catch (TimeoutException e) {
            throw new StorageException("range " + rangeId + ": no result within " + APPLY_TIMEOUT_MS
                    + " ms; the outcome is unknown");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("range " + rangeId + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits until this replica leads the group and has applied every earlier entry (it proposes a no-op and
     * waits for it to apply). Single-replica groups elect themselves within about one election timeout.
     */
    public void awaitReadyLeader(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            if (node.isLeader()) {
                try {
                    proposeAndWait(new RangeCommand.Noop());
                    return;
                } catch (StorageException e) {
                    LOG.debug("range {}: barrier failed, retrying: {}", rangeId, e.getMessage());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new StorageException("range " + rangeId + ": no leader after " + timeoutMs + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting for range " + rangeId + " to elect a leader");
            }
        }
    }

    /** Removes a voter (a leader removing itself steps down); waits for the new configuration to commit. */
    public void removePeer(PeerId peer, long timeoutMs) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        node.removePeer(peer, completing(done, "removing " + peer));
        awaitWithin(done, timeoutMs, "removing " + peer + " did not commit");
    }

    /** Asks jraft to hand leadership to {@code peer} (asynchronous; the caller retries until it took effect). */
    public void transferLeadershipTo(PeerId peer) {
        lease.revoke(); // the new leader may be elected at once (TimeoutNow), long before a lease would end
        com.alipay.sofa.jraft.Status status = node.transferLeadershipTo(peer);
        if (!status.isOk()) {
            throw new RangeUnavailableException("range " + rangeId + ": cannot transfer leadership to " + peer + ": "
                    + status.getErrorMsg());
        }
    }

    /** Takes a snapshot now (jraft then truncates the log behind it) and waits for it. */
    public void snapshot() {
        CompletableFuture<Object> done = new CompletableFuture<>();
        node.snapshot(status -> {
            if (status.isOk()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new StorageException("range " + rangeId + ": snapshot failed: "
                        + status.getErrorMsg()));
            }
        });
        await(done, rangeId);
    }

    /**
     * Takes snapshots until the group's log no longer holds its first entries, so a peer added from now on is sent
     * a snapshot before any log entry. jraft truncates the log only up to the snapshot before the newest one (it
     * keeps the entries after that for slow followers), and skips a snapshot when nothing was applied since the
     * last: so two rounds of an entry and a snapshot.
     */
    public void truncateLogBehindSnapshot() {
        for (int round = 0; round < 2; round++) {
            await(append(new RangeCommand.Noop()), rangeId);
            snapshot();
        }
    }

    /** The jraft node of this replica. */
    Node node() {
        return node;
    }

    void shutdown() {
        service.shutdown();
        try {
            service.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
