package io.cairndb.storage.range;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row locks lapse when their transaction stops renewing them, and renewing keeps them. */
class LockTableTest {
    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRowLockNotRenewedLapsesAndOneRenewedStays() {
        LockTable table = new LockTable();
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
        LockTable table = new LockTable();
        table.lockRows(1, 100, List.of(k("a")));
        LockTable.Lock first = table.foreign(k("a"), 2);
        first.expiresAtNanos = System.nanoTime() + 1_000_000; // about to lapse
        table.lockRows(1, 100, List.of(k("c")));
        assertSame(first, table.foreign(k("a"), 2));
        assertNotNull(table.foreign(k("c"), 2));
        org.junit.jupiter.api.Assertions.assertTrue(first.expiresAtNanos - System.nanoTime() > 5_000_000_000L,
                "renewed for the full time to live");
    }
}
