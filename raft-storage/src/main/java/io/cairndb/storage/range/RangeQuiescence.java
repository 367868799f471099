package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Node;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiescence of one range replica: the leader of a range idle for {@link #IDLE_BEFORE_QUIET_MS} heartbeats every
 * 10 s instead of every 500 ms, which is most of what an idle cluster of hundreds of ranges costs (design §10).
 *
 * <p>jraft has no quiescence, and its followers start an election when they miss heartbeats for one election
 * timeout, while a leader trusts its lease for 90 % of its own timeout and steps down when a majority has not
 * answered within that. So a quiet range lengthens the election timeout of every replica, and the order of the
 * steps keeps one rule: a leader's timeout (its lease) is never longer than a follower's, and its heartbeats
 * always come well within its own timeout.
 * <ul>
 * <li>going quiet: the leader proposes {@link RangeCommand.SetQuiet}{@code (true)}; followers lengthen their timeout
 *     when they apply it; {@link #LEADER_DELAY_MS} later, once they have, the leader lengthens its own and then
 *     slows its heartbeats;</li>
 * <li>waking: any read or write on the leader ({@link #touch}), or a new leader, at once speeds up its
 *     heartbeats; once the slow ones already scheduled have gone out ({@link #WAKE_DELAY_MS}), it shortens its
 *     own timeout and proposes {@code SetQuiet(false)}, and followers shorten theirs when they apply it. The read
 *     or write that woke the range does not wait for any of this;</li>
 * <li>a follower whose leader's node is reported dead shortens its own timeout ({@link #leaderSuspected}), so a
 *     quiet range elects a new leader a few seconds after the liveness report instead of 40 s after the death.</li>
 * </ul>
 * Timeouts decide only when elections happen, never which entries commit. The meta range never goes quiet
 * (liveness depends on it).
 */
final class RangeQuiescence {
    private static final Logger LOG = LoggerFactory.getLogger(RangeQuiescence.class);
    /** Election timeout of a busy range (heartbeats every quarter of it). */
    static final int BUSY_TIMEOUT_MS = RaftServer.ELECTION_TIMEOUT_MS;
    /**
     * Election timeout of a quiet range: heartbeats every 10 s. Failover of a quiet range does not wait for it
     * when the leader's node dies (its followers hear that from the liveness records, {@link #leaderSuspected}).
     */
    static final int QUIET_TIMEOUT_MS = 40_000;
    /** A leader with no read or write for this long proposes going quiet. */
    static final long IDLE_BEFORE_QUIET_MS = 10_000;
    /** How long a leader waits after applying {@code SetQuiet(true)} before its heartbeats slow down. */
    static final long LEADER_DELAY_MS = 2_000;
    /** How long a waking leader keeps its quiet timeout: until its last slow heartbeat has gone out. */
    static final long WAKE_DELAY_MS = QUIET_TIMEOUT_MS / RaftServer.ELECTION_HEARTBEAT_FACTOR + 1_000;

    private static final ScheduledExecutorService DELAYS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairndb-quiescence");
        t.setDaemon(true);
        return t;
    });

    private final long rangeId;
    private final Node node;
    private final RangeStateMachine fsm;
    private final Function<RangeCommand, CompletableFuture<Object>> propose;
    private volatile long lastActiveNanos = System.nanoTime();
    private volatile long quietProposedNanos;
    private final AtomicBoolean waking = new AtomicBoolean();
    /** The election timeout this replica's node runs with now. */
    private int timeoutMs;

    /**
     * {@code propose} appends a command without counting as activity. The group was started with
     * {@link #initialTimeoutMs}; entries replayed since then may have changed the flag, which is caught up here.
     */
    RangeQuiescence(long rangeId, Node node, RangeStateMachine fsm,
                    Function<RangeCommand, CompletableFuture<Object>> propose) {
        this.rangeId = rangeId;
        this.node = node;
        this.fsm = fsm;
        this.propose = propose;
        this.timeoutMs = initialTimeoutMs(fsm);
        fsm.setQuietListener(this::onApplied);
        onApplied(fsm.quiet());
    }

    /** The election timeout a replica starts with: its range's applied flag, persisted with the applied index. */
    static int initialTimeoutMs(RangeStateMachine fsm) {
        return fsm.quiet() ? QUIET_TIMEOUT_MS : BUSY_TIMEOUT_MS;
    }

    /** A read or write on this replica (as leader): wakes a quiet range. Cheap when the range is busy. */
    void touch() {
        lastActiveNanos = System.nanoTime();
        if (fsm.quiet()) {
            wake();
        }
    }

    /** Called when this replica starts leading: a new leader starts busy. */
    void onLeaderStart() {
        touch();
    }

    /** Proposes going quiet when this replica leads a range idle long enough; called periodically by the node. */
    void quiesceIfIdle() {
        if (rangeId == RangeDescriptor.META_RANGE_ID || fsm.quiet() || waking.get() || !node.isLeader()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastActiveNanos >= TimeUnit.MILLISECONDS.toNanos(IDLE_BEFORE_QUIET_MS)) {
            quietProposedNanos = now;
            propose.apply(new RangeCommand.SetQuiet(true));
        }
    }

    /** The leader this follower knows is reported dead: elect at the busy timeout. */
    void leaderSuspected() {
        if (!node.isLeader()) {
            setTimeout(BUSY_TIMEOUT_MS);
        }
    }

    long idleMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActiveNanos);
    }

    /** Whether the range is quiet as applied here. */
    boolean quiet() {
        return fsm.quiet();
    }

    // wake, finishWaking and slowDownLeader hold this object's lock: a leader slowing down and one waking never
    // interleave, so the heartbeat interval and the timeout always end up matching the last decision
    private synchronized void wake() {
        if (!node.isLeader() || !waking.compareAndSet(false, true)) {
            return;
        }
        HeartbeatInterval.set(node, BUSY_TIMEOUT_MS / RaftServer.ELECTION_HEARTBEAT_FACTOR, true);
        if (currentTimeoutMs() == BUSY_TIMEOUT_MS) {
            finishWaking();
        } else {
            DELAYS.schedule(this::finishWaking, WAKE_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void finishWaking() {
        try {
            setTimeout(BUSY_TIMEOUT_MS);
            propose.apply(new RangeCommand.SetQuiet(false)).whenComplete((r, e) -> waking.set(false));
        } catch (RuntimeException e) {
            waking.set(false);
            LOG.debug("range {}: waking failed: {}", rangeId, e.getMessage());
        }
    }

    /** Follows the applied flag (state machine thread). */
    private void onApplied(boolean quiet) {
        if (!quiet) {
            setTimeout(BUSY_TIMEOUT_MS);
        } else if (!node.isLeader()) {
            setTimeout(QUIET_TIMEOUT_MS);
        } else {
            DELAYS.schedule(this::slowDownLeader, LEADER_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void slowDownLeader() {
        if (!fsm.quiet() || !node.isLeader()) {
            return;
        }
        if (lastActiveNanos > quietProposedNanos) {
            wake(); // a read or write came in while going quiet
        } else {
            setTimeout(QUIET_TIMEOUT_MS);
            HeartbeatInterval.set(node, QUIET_TIMEOUT_MS / RaftServer.ELECTION_HEARTBEAT_FACTOR, false);
        }
    }

    private synchronized int currentTimeoutMs() {
        return timeoutMs;
    }

    private synchronized void setTimeout(int ms) {
        if (timeoutMs != ms) {
            timeoutMs = ms;
            node.resetElectionTimeoutMs(ms); // jraft's reset leaves running heartbeats alone: HeartbeatInterval
            LOG.debug("range {}: election timeout {} ms", rangeId, ms);
        }
    }
}
