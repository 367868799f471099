package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.assertSqlState;
import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements far bigger than a transaction's write buffer, through the driver: a 1,000,000-row
 * {@code INSERT … SELECT … FROM generate_series} commits in one transaction while the table's range splits under it
 * and other sessions read and update rows of the same table; a big insert in an explicit transaction reads its own
 * rows back and rolls back to nothing; a duplicate key far into a big insert fails it whole (23505).
 */
class BigInsertIT {
    private static final long ROWS = 1_000_000;
    /** Preloaded rows (negative ids, apart from the inserted ones) that other sessions read and update meanwhile. */
    private static final int HOT = 200;
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(8L << 20); // ranges split at 8 MiB: several splits happen during the big insert
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aMillionRowInsertSelectCommitsWhileOthersReadAndWriteTheTable() throws Exception {
        try (Connection c = node.connect()) {
            update(c, "CREATE TABLE bulk (id BIGINT PRIMARY KEY, k BIGINT NOT NULL, payload VARCHAR(100))");
            update(c, "INSERT INTO bulk SELECT -g, 0, 'hot' FROM generate_series(1, " + HOT + ") AS s(g)");
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        AtomicLong increments = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> others = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            others.add(new Thread(() -> readAndIncrement(done, reads, increments, failures), "bulk-other-" + t));
        }
        others.forEach(Thread::start);
        long inserted;
        try (Connection c = node.connect()) {
            inserted = c.createStatement().executeUpdate("INSERT INTO bulk (id, k, payload) SELECT g, g % 1000, "
                    + "'row-' || CAST(g AS VARCHAR) FROM generate_series(1, " + ROWS + ") AS s(g)");
        } finally {
            done.set(true);
            for (Thread t : others) {
                t.join(60_000);
            }
        }
        assertEquals(ROWS, inserted);
        assertTrue(failures.isEmpty(), "the other sessions failed: " + failures);
        assertTrue(reads.get() > 0 && increments.get() > 0, "the other sessions ran during the insert");
        try (Connection c = node.connect()) {
            assertEquals(String.valueOf(ROWS), single(c, "SELECT COUNT(*) FROM bulk WHERE id > 0"));
            long sumK = (ROWS / 1000) * (999L * 1000 / 2) + sumBelow(ROWS % 1000);
            assertEquals(String.valueOf(sumK), single(c, "SELECT SUM(k) FROM bulk WHERE id > 0"));
            assertEquals("row-777777", single(c, "SELECT payload FROM bulk WHERE id = 777777"));
            assertEquals(String.valueOf(increments.get()), single(c, "SELECT SUM(k) FROM bulk WHERE id < 0"),
                    "every acknowledged increment of the other sessions is there");
            assertTrue(Long.parseLong(single(c, "SELECT COUNT(*) FROM sys.ranges WHERE table_name = 'PUBLIC.BULK'"))
                    > 1, "the table's range split while it grew");
            // the rows are committed data, not intents: a new transaction can change them at once
            assertEquals(1, update(c, "UPDATE bulk SET k = -1 WHERE id = " + ROWS));
        }
    }

    /** Sum of 0 .. n-1. */
    private static long sumBelow(long n) {
        return n * (n - 1) / 2;
    }

    /** Point reads and increments of the hot rows, in autocommit, until {@code done}. */
    private static void readAndIncrement(AtomicBoolean done, AtomicLong reads, AtomicLong increments,
                                         ConcurrentLinkedQueue<String> failures) {
        try (Connection c = node.connect();
             PreparedStatement read = c.prepareStatement("SELECT payload FROM bulk WHERE id = ?");
             PreparedStatement inc = c.prepareStatement("UPDATE bulk SET k = k + 1 WHERE id = ?")) {
            while (!done.get()) {
                long id = -ThreadLocalRandom.current().nextInt(1, HOT + 1);
                read.setLong(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next() || !"hot".equals(rs.getString(1))) {
                        failures.add("row " + id + " not readable");
                    }
                }
                reads.incrementAndGet();
                inc.setLong(1, id);
                if (inc.executeUpdate() == 1) {
                    increments.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            failures.add(e.getSQLState() + ": " + e.getMessage());
        }
    }

    @Test
    void aBigInsertInATransactionReadsItsRowsBackAndRollsBackToNothing() throws SQLException {
        try (Connection c = node.connect()) {
            update(c, "CREATE TABLE undone (id INT PRIMARY KEY, v INT)");
            c.setAutoCommit(false);
            assertEquals(50_000, update(c, "INSERT INTO undone SELECT g, g FROM generate_series(1, 50000) AS s(g)"));
            assertEquals("50000", single(c, "SELECT COUNT(*) FROM undone"), "its own rows, most of them intents");
            assertEquals("25000", single(c, "SELECT v FROM undone WHERE id = 25000"));
            assertEquals(1, update(c, "UPDATE undone SET v = -1 WHERE id = 10"));
            assertEquals("-1", single(c, "SELECT v FROM undone WHERE id = 10"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("0", single(c, "SELECT COUNT(*) FROM undone"));
            assertEquals(1, update(c, "INSERT INTO undone VALUES (10, 10)"), "the rolled-back keys are free");
        }
    }

    @Test
    void aDuplicateKeyFarIntoABigInsertFailsItWhole() throws SQLException {
        try (Connection c = node.connect()) {
            update(c, "CREATE TABLE dup (id INT PRIMARY KEY)");
            update(c, "INSERT INTO dup VALUES (30000)");
            assertSqlState("23505", () -> update(c, "INSERT INTO dup SELECT g FROM generate_series(1, 40000) AS s(g)"));
            assertEquals("1", single(c, "SELECT COUNT(*) FROM dup"), "nothing of the failed insert is left");
            assertEquals(5, update(c, "INSERT INTO dup SELECT g FROM generate_series(1, 5) AS s(g)"),
                    "the session and the keys the failed insert wrote are usable at once");
        }
    }
}
