package io.cairndb.storage.range;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A leader's read lease: once a read-index round that heard from a majority has succeeded, this replica serves
 * reads for {@link #DURATION_NANOS} from the round's start without another round. Without it every point read
 * (one per row fetched through a secondary index) queued a jraft read-index request and waited for its closure on
 * another thread; the two thread hand-offs per read were the largest single cost of index lookups.
 *
 * <p>Why it is safe: every follower that answered the round heard from this leader after the round started. A
 * follower neither starts an election nor grants a (pre-)vote until a full election timeout has passed since it
 * last heard from its leader, and no replica ever runs a timeout shorter than {@link RangeQuiescence#BUSY_TIMEOUT_MS}
 * (a quiet range's followers shorten theirs to it, never below). Any majority that could elect another leader
 * shares a member with the majority that answered, so no other leader can exist, let alone commit, before the
 * lease ends. Half the timeout leaves room for clocks that run at different rates. The lease ends early whenever
 * this replica's leadership starts, stops or is handed over ({@link #revoke}): it belongs to one term.
 */
final class ReadLease {
    static final long DURATION_NANOS = TimeUnit.MILLISECONDS.toNanos(RangeQuiescence.BUSY_TIMEOUT_MS / 2);

    private record Grant(long epoch, long untilNanos) {
    }

    /** Bumped by every change of leadership: a round that started before one grants nothing. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile Grant grant;

    /** The current epoch, to pass to {@link #grant} once a round that starts now has succeeded. */
    long epoch() {
        return epoch.get();
    }

    /** A round that started at {@code startedNanos} in {@code roundEpoch} heard from a majority. */
    void grant(long roundEpoch, long startedNanos) {
        if (epoch.get() == roundEpoch) {
            grant = new Grant(roundEpoch, startedNanos + DURATION_NANOS);
        }
    }

    /** Whether reads at {@code nowNanos} are covered (the caller still checks that this replica leads). */
    boolean holds(long nowNanos) {
        Grant g = grant;
        return g != null && g.epoch() == epoch.get() && nowNanos - g.untilNanos() < 0;
    }

    /** Leadership started, stopped or is being handed over: the next read runs a round. */
    void revoke() {
        epoch.incrementAndGet();
        grant = null;
    }
}
