package io.cairndb.storage.range;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadLeaseTest {
    private static final long T0 = 1_000_000_000L;

    @Test
    void aGrantCoversReadsUntilItsDurationFromTheRoundsStart() {
        ReadLease lease = new ReadLease();
        assertFalse(lease.holds(T0), "no round yet");
        lease.grant(lease.epoch(), T0);
        assertTrue(lease.holds(T0));
        assertTrue(lease.holds(T0 + ReadLease.DURATION_NANOS - 1));
        assertFalse(lease.holds(T0 + ReadLease.DURATION_NANOS), "measured from the start of the round");
    }

    @Test
    void aChangeOfLeadershipEndsTheLease() {
        ReadLease lease = new ReadLease();
        lease.grant(lease.epoch(), T0);
        lease.revoke();
        assertFalse(lease.holds(T0 + 1));
    }

    @Test
    void aRoundThatStartedBeforeAChangeOfLeadershipGrantsNothing() {
        ReadLease lease = new ReadLease();
        long epoch = lease.epoch();
        lease.revoke(); // leadership changed while the round was in flight
        lease.grant(epoch, T0);
        assertFalse(lease.holds(T0 + 1));
        lease.grant(lease.epoch(), T0); // the next round, in the new term
        assertTrue(lease.holds(T0 + 1));
    }

    @Test
    void worksAcrossTheWrapOfNanoTime() {
        ReadLease lease = new ReadLease();
        long start = Long.MAX_VALUE - 10;
        lease.grant(lease.epoch(), start);
        assertTrue(lease.holds(start + 20)); // wrapped to negative, still within the lease
        assertFalse(lease.holds(start + ReadLease.DURATION_NANOS + 1));
    }

    @Test
    void theLeaseIsShorterThanAnyElectionTimeout() {
        assertTrue(ReadLease.DURATION_NANOS < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                RangeQuiescence.BUSY_TIMEOUT_MS));
    }
}
