package io.cairndb.storage.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row locks lapse when their transaction stops renewing them, and renewing keeps them; intent spans stop readers
 * and writers exactly on the keys that hold intents, wake waiters as they change, and go when resolved. No Raft,
 * no RocksDB: the store's intents are modelled by a map.
 */
class LockTableTest {
    private static final LockTable.IntentProbe NO_INTENTS = (txn, start, end) -> false;

    /** Intents as a store would hold them: key to transaction. */
    private final java.util.TreeMap<byte[], Long> stored = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);

    private final LockTable.IntentProbe model = (txn, start, end) -> {
        for (var e : stored.subMap(start, true, end, false).entrySet()) {
            if (e.getValue() == txn) {
                return true;
            }
        }
        return false;
    };

    private static byte[] next(byte[] key) {
        return java.util.Arrays.copyOf(key, key.length + 1);
    }
    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRowLockNotRenewedLapsesAndOneRenewedStays() {
        LockTable table = new LockTable(NO_INTENTS);
        table.lockRows(1, 100, List.of(k("a"), k("b")));
        LockTable.Lock held = table.foreign(k("a"), 2);
        assertNotNull(held);
        assertNull(table.foreign(k("a"), 1), "its own lock is not foreign");
        held.expiresAtNanos = System.nanoTime() - 1; // as if ROW_LOCK_TTL_MS passed without a renewal
        assertNull(table.foreign(k("a"), 2), "a lapsed lock no longer stops others");
        assertNull(table.foreign(k("b"), 2));
        table.renewRowLocks(1);
        assertSame(held, table.foreign(k("b"), 2), "a renewal brings it back for ROW_LOCK_TTL_MS");
        table.releaseRowLocks(1);
        assertNull(table.foreign(k("a"), 2));
    }

    @Test
    void takingAnotherRowLockRenewsTheTransactionsEarlierOnes() {
        LockTable table = new LockTable(NO_INTENTS);
        table.lockRows(1, 100, List.of(k("a")));
        LockTable.Lock first = table.foreign(k("a"), 2);
        first.expiresAtNanos = System.nanoTime() + 1_000_000; // about to lapse
        table.lockRows(1, 100, List.of(k("c")));
        assertSame(first, table.foreign(k("a"), 2));
        assertNotNull(table.foreign(k("c"), 2));
        org.junit.jupiter.api.Assertions.assertTrue(first.expiresAtNanos - System.nanoTime() > 5_000_000_000L,
                "renewed for the full time to live");
    }

    @Test
    void anIntentSpanBlocksOnlyKeysHoldingItsIntentsAndOnlyReadersAtOrAboveItsTimestamp() {
        LockTable table = new LockTable(model);
        LockTable.Lock span = table.addIntents(7, 50, k("b"), next(k("d")));
        // in flight (proposed, not applied): everything in the span counts, the store cannot tell yet
        assertSame(span, table.foreign(k("c"), 8));
        assertSame(span, table.foreignIn(k("a"), k("z"), 8, 10, 50));
        assertSame(span, table.blockingReader(k("a"), k("z"), 8, 50));
        assertNull(table.blockingReader(k("a"), k("z"), 8, 49), "a reader below the intents' timestamp passes");
        var woken = span.released();
        stored.put(k("b"), 7L);
        stored.put(k("d"), 7L);
        table.intentsApplied(span);
        org.junit.jupiter.api.Assertions.assertTrue(woken.isDone(), "applying the batch wakes the waiters");
        assertNull(table.foreign(k("c"), 8), "c lies in the span but holds no intent");
        assertSame(span, table.foreign(k("d"), 8));
        assertSame(span, table.foreignIn(k("b"), next(k("b")), 8, 10, 50), "validation of a read of b");
        assertNull(table.foreign(k("b"), 7), "its own intents are not foreign");
        assertNull(table.foreignIn(k("e"), k("z"), 8, 0, Long.MAX_VALUE), "outside the span");
        assertSame(span, table.intentSpan(7));
    }

    @Test
    void resolvingASpanInBatchesShrinksItWakesWaitersAndFinallyRemovesIt() {
        LockTable table = new LockTable(model);
        for (String key : List.of("b", "c", "d", "e")) {
            stored.put(k(key), 7L);
        }
        stored.put(k("cc"), 9L); // another transaction's intent in between
        table.restoreIntents(7, 50, 50, k("b"), next(k("e")));
        LockTable.Lock span = table.intentSpan(7);
        var waiting = span.released();
        stored.remove(k("b"));
        stored.remove(k("c"));
        table.resolvedSpan(7, true, 60, k("b"), k("d")); // first batch: [b, d) resolved
        org.junit.jupiter.api.Assertions.assertTrue(waiting.isDone(), "each batch wakes the waiters to look again");
        assertNull(table.foreign(k("c"), 8));
        assertSame(span, table.foreign(k("d"), 8));
        assertSame(span, table.intentSpan(7));
        var last = span.released();
        stored.remove(k("d"));
        stored.remove(k("e"));
        table.resolvedSpan(7, true, 60, k("d"), new byte[0]);
        assertNull(table.intentSpan(7), "nothing left: the span goes");
        org.junit.jupiter.api.Assertions.assertTrue(last.isDone());
        assertNull(table.foreignIn(k("a"), new byte[0], 8, 0, Long.MAX_VALUE));
    }

    @Test
    void aSpanResolvedByKeyGoesOnlyWhenTheStoreHoldsNoneOfItsIntents() {
        LockTable table = new LockTable(model);
        stored.put(k("b"), 7L);
        stored.put(k("x"), 7L);
        table.restoreIntents(7, 50, 50, k("b"), next(k("x")));
        stored.remove(k("b"));
        table.resolved(7, true, 60);
        assertSame(table.intentSpan(7), table.foreign(k("x"), 8), "x still holds an intent");
        stored.remove(k("x"));
        table.resolved(7, true, 60);
        assertNull(table.intentSpan(7));
    }

    @Test
    void aFailedBatchThatLeftNothingRemovesTheSpan() {
        LockTable table = new LockTable(model);
        LockTable.Lock span = table.addIntents(7, 50, k("b"), next(k("c")));
        table.intentsApplied(span); // the proposal failed: nothing in the store
        assertNull(table.intentSpan(7));
        assertNull(table.foreign(k("b"), 8));
    }

    @Test
    void readersReadThroughASpanWhoseOutcomeIsKnownWhileItIsStillBeingResolved() {
        LockTable table = new LockTable(model);
        stored.put(k("b"), 7L);
        stored.put(k("c"), 7L);
        stored.put(k("d"), 7L);
        table.restoreIntents(7, 50, 50, k("b"), next(k("d")));
        stored.remove(k("b"));
        table.resolvedSpan(7, true, 70, k("b"), k("c")); // committed at 70; c and d not resolved yet
        assertNull(table.blockingReader(k("a"), k("z"), 8, 100), "a decided span does not stop readers");
        var visible = new java.util.HashSet<Long>();
        table.visibleIntents(k("a"), k("z"), 8, 100, visible);
        assertEquals(java.util.Set.of(7L), visible, "above the commit ts its intents are values");
        visible.clear();
        table.visibleIntents(k("a"), k("z"), 8, 69, visible);
        assertTrue(visible.isEmpty(), "below the commit ts they are not there");
        assertSame(table.intentSpan(7), table.foreignIn(k("c"), k("z"), 8, 60, 70),
                "validation of reads at 60 up to 70 sees the commit at 70");
        assertNull(table.foreignIn(k("c"), k("z"), 8, 70, 80), "read at 70, the commit was read through: no change");
        assertNull(table.foreignIn(k("c"), k("z"), 8, 60, 69), "validation below the commit ts does not");
        assertSame(table.intentSpan(7), table.foreign(k("d"), 8), "writers wait until it is resolved");
    }

    @Test
    void anAbortedSpanStopsNoOneAndShowsNothing() {
        LockTable table = new LockTable(model);
        stored.put(k("b"), 7L);
        stored.put(k("c"), 7L);
        table.restoreIntents(7, 50, 50, k("b"), next(k("c")));
        stored.remove(k("b"));
        table.resolvedSpan(7, false, 0, k("b"), k("c"));
        assertNull(table.foreign(k("c"), 8));
        assertNull(table.foreignIn(k("a"), k("z"), 8, 0, Long.MAX_VALUE));
        assertNull(table.blockingReader(k("a"), k("z"), 8, Long.MAX_VALUE));
        var visible = new java.util.HashSet<Long>();
        table.visibleIntents(k("a"), k("z"), 8, Long.MAX_VALUE, visible);
        assertTrue(visible.isEmpty());
    }

    @Test
    void aBatchInFlightStopsEveryoneEvenAfterItsTransactionWasAborted() {
        LockTable table = new LockTable(model);
        stored.put(k("b"), 7L);
        table.restoreIntents(7, 50, 50, k("b"), next(k("b")));
        LockTable.Lock span = table.addIntents(7, 55, k("c"), next(k("d"))); // a batch validated before the abort
        table.resolvedSpan(7, false, 0, k("x"), k("y")); // then the abort is announced, nothing resolved yet
        assertSame(span, table.foreign(k("c"), 8), "a writer must not slip under a batch still landing");
        assertSame(span, table.foreignIn(k("c"), next(k("c")), 8, 0, 60));
        table.intentsApplied(span);
        assertNull(table.foreign(k("c"), 8), "landed and aborted: no one waits for it");
    }

    @Test
    void validationFindsTheSpanThatChangedAReadEvenBehindAnotherThatDidNot() {
        LockTable table = new LockTable(model);
        stored.put(k("m"), 7L);
        table.restoreIntents(7, 200, 200, k("a"), next(k("z"))); // far above the window, covering m
        stored.put(k("m2"), 9L);
        table.restoreIntents(9, 40, 40, k("m2"), next(k("m2")));
        table.resolved(9, true, 60); // committed at 60, m2 not resolved yet
        assertSame(table.intentSpan(9), table.foreignIn(k("m2"), next(k("m2")), 8, 50, 70),
                "the write committed at 60 into a read at 50 validated up to 70");
    }
}
