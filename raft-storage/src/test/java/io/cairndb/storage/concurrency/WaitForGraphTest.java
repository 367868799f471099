package io.cairndb.storage.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitForGraphTest {

    @Test
    void aWaitThatClosesACycleIsRefusedAndLeavesTheGraphAsItWas() {
        WaitForGraph g = new WaitForGraph();
        assertTrue(g.startWaiting(1, 2));
        assertTrue(g.startWaiting(2, 3));
        assertFalse(g.startWaiting(3, 1), "3 -> 1 -> 2 -> 3");
        assertEquals(2, g.waiting());
        assertTrue(g.startWaiting(4, 1), "a chain into the cycle-free graph is fine");
        g.stopWaiting(2);
        assertTrue(g.startWaiting(3, 1), "once 2 stopped waiting there is no cycle");
        assertFalse(g.startWaiting(2, 4), "2 -> 4 -> 1 -> 2");
    }

    @Test
    void twoTransactionsWaitingForEachOtherIsADeadlock() {
        WaitForGraph g = new WaitForGraph();
        assertTrue(g.startWaiting(10, 20));
        assertFalse(g.startWaiting(20, 10));
        g.stopWaiting(10);
        assertTrue(g.startWaiting(20, 10));
        assertEquals(1, g.waiting());
    }

    @Test
    void aCycleThroughOtherNodesGivesUpItsHighestIdOnly() {
        java.util.Map<Long, Long> elsewhere = new java.util.HashMap<>(java.util.Map.of(2L, 3L, 3L, 1L));
        WaitForGraph g = new WaitForGraph();
        g.setElsewhere(() -> elsewhere);
        assertTrue(g.startWaiting(1, 2), "no cycle among this node's own waits");
        assertFalse(g.victimOfCycle(1), "1 -> 2 -> 3 -> 1: 3 gives up, on its node");
        WaitForGraph other = new WaitForGraph();
        other.setElsewhere(() -> java.util.Map.of(1L, 2L, 2L, 3L));
        assertTrue(other.startWaiting(3, 1));
        assertTrue(other.victimOfCycle(3), "the same cycle seen from 3's node: 3 is the highest id");
        elsewhere.remove(3L);
        assertFalse(g.victimOfCycle(1), "3 stopped waiting: the chain ends");
        assertFalse(g.victimOfCycle(7), "a transaction that does not wait is in no cycle");
    }

    @Test
    void thisNodesWaitsOverrideStaleOnesFromElsewhere() {
        WaitForGraph g = new WaitForGraph();
        // 4 waits for 5 elsewhere, and a stale copy says 5 waits for 4 (a cycle, and 5 the highest id)
        g.setElsewhere(() -> java.util.Map.of(5L, 4L, 4L, 5L));
        assertTrue(g.startWaiting(5, 6));
        assertFalse(g.victimOfCycle(5), "5 waits for 6 here, which waits for nobody");
    }

    @Test
    void waitingForItselfIsNotRecorded() {
        WaitForGraph g = new WaitForGraph();
        assertTrue(g.startWaiting(5, 5));
        assertEquals(0, g.waiting());
    }
}
