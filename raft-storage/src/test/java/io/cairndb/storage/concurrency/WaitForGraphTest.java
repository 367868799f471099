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
    void waitingForItselfIsNotRecorded() {
        WaitForGraph g = new WaitForGraph();
        assertTrue(g.startWaiting(5, 5));
        assertEquals(0, g.waiting());
    }
}
