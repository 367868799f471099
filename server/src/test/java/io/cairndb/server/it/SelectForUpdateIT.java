package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.assertSqlState;
import static io.cairndb.server.it.Sql.rows;
import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SELECT … FOR UPDATE between concurrent sessions: the rows a query returns stay locked until its transaction
 * ends — another locker waits and then sees the committed row, NOWAIT fails with 55P03, writers conflict, plain
 * readers never wait — and two lockers waiting for each other are a deadlock that fails one of them at once.
 */
class SelectForUpdateIT {
    private static TestNode node;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void account(Connection c, String table) throws SQLException {
        update(c, "CREATE TABLE " + table + " (id INT PRIMARY KEY, balance INT)");
        update(c, "INSERT INTO " + table + " VALUES (1, 100), (2, 100), (3, 100)");
    }

    @Test
    void aSecondLockerWaitsForTheFirstAndThenReadsWhatItCommitted() throws Exception {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            account(a, "fu_wait");
            a.setAutoCommit(false);
            assertEquals("100", single(a, "SELECT balance FROM fu_wait WHERE id = 1 FOR UPDATE"));
            CountDownLatch asking = new CountDownLatch(1);
            Future<String> second = pool.submit(() -> {
                b.setAutoCommit(false);
                asking.countDown();
                String seen = single(b, "SELECT balance FROM fu_wait WHERE id = 1 FOR UPDATE");
                update(b, "UPDATE fu_wait SET balance = " + (Integer.parseInt(seen) - 5) + " WHERE id = 1");
                b.commit();
                return seen;
            });
            asking.await();
            Thread.sleep(300); // time for b to reach the lock: it must be waiting, not done
            assertFalse(second.isDone(), "the second locker waits while the first holds the row");
            update(a, "UPDATE fu_wait SET balance = balance + 10 WHERE id = 1");
            a.commit();
            // b read the row a committed (110), not its own older snapshot, so its read-modify-write commits
            assertEquals("110", second.get(10, TimeUnit.SECONDS));
            a.setAutoCommit(true);
            assertEquals("105", single(a, "SELECT balance FROM fu_wait WHERE id = 1"));
        }
    }

    @Test
    void noWaitFailsWith55P03AndTheSessionStaysUsable() throws Exception {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            account(a, "fu_nowait");
            a.setAutoCommit(false);
            assertEquals(List.of("1|100", "2|100"),
                    rows(a, "SELECT id, balance FROM fu_nowait WHERE id <= 2 ORDER BY id FOR UPDATE"));
            b.setAutoCommit(false);
            assertSqlState("55P03", () -> single(b, "SELECT balance FROM fu_nowait WHERE id = 2 FOR UPDATE NOWAIT"));
            b.rollback();
            // a row the first did not lock is free
            assertEquals("100", single(b, "SELECT balance FROM fu_nowait WHERE id = 3 FOR UPDATE NOWAIT"));
            b.rollback();
            a.rollback(); // ROLLBACK releases the locks too
            assertEquals("100", single(b, "SELECT balance FROM fu_nowait WHERE id = 2 FOR UPDATE NOWAIT"));
            b.commit();
        }
    }

    @Test
    void writersWaitForALockedRowAndPlainReadersDoNot() throws Exception {
        try (Connection a = node.connect(); Connection b = node.connect(); Connection r = node.connect()) {
            account(a, "fu_write");
            a.setAutoCommit(false);
            single(a, "SELECT balance FROM fu_write WHERE id = 1 FOR UPDATE");
            update(a, "UPDATE fu_write SET balance = balance + 5 WHERE id = 1");
            b.setAutoCommit(false);
            // an UPDATE in a transaction locks the rows it changes: it waits for a, then updates what a committed
            Future<Integer> waiting = pool.submit(() -> {
                int n = update(b, "UPDATE fu_write SET balance = balance * 2 WHERE id = 1");
                b.commit();
                return n;
            });
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "b waits for a's lock");
            assertEquals("100", single(r, "SELECT balance FROM fu_write WHERE id = 1"), "a plain read never waits");
            a.commit();
            assertEquals(1, waiting.get(15, TimeUnit.SECONDS));
            assertEquals("210", single(r, "SELECT balance FROM fu_write WHERE id = 1"));
            a.setAutoCommit(false);
            single(a, "SELECT balance FROM fu_write WHERE id = 1 FOR UPDATE");
            // an autocommit write is retried on the server until the lock goes
            Future<Integer> autocommit = pool.submit(() -> update(r, "UPDATE fu_write SET balance = 1 WHERE id = 1"));
            Thread.sleep(200);
            a.commit();
            assertEquals(1, autocommit.get(15, TimeUnit.SECONDS));
            assertEquals("1", single(r, "SELECT balance FROM fu_write WHERE id = 1"));
        }
    }

    @Test
    void lockersInOppositeOrderNeverDeadlock() throws Exception {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            account(a, "fu_dead");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            single(a, "SELECT balance FROM fu_dead WHERE id = 1 FOR UPDATE");
            single(b, "SELECT balance FROM fu_dead WHERE id = 2 FOR UPDATE");
            // b waits for a; a, asking for b's row, would close the cycle: it fails at once instead of waiting
            Future<String> younger = pool.submit(() -> {
                String v = single(b, "SELECT balance FROM fu_dead WHERE id = 1 FOR UPDATE");
                b.commit();
                return v;
            });
            Thread.sleep(200);
            SQLException e = assertThrows(SQLException.class,
                    () -> single(a, "SELECT balance FROM fu_dead WHERE id = 2 FOR UPDATE"));
            assertEquals("40001", e.getSQLState());
            a.rollback();
            assertEquals("100", younger.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void badUsesAreRefusedWithTheirSqlStates() throws Exception {
        try (Connection a = node.connect()) {
            account(a, "fu_bad");
            assertSqlState("0A000", () -> single(a, "SELECT * FROM fu_bad FOR UPDATE SKIP LOCKED"));
            assertSqlState("42601", () -> single(a, "SELECT * FROM fu_bad FOR UPDATE LIMIT"));
            a.setAutoCommit(false);
            a.setReadOnly(true);
            assertSqlState("25006", () -> single(a, "SELECT * FROM fu_bad WHERE id = 1 FOR UPDATE"));
            a.rollback();
            a.setReadOnly(false);
            // every strength and OF are accepted; the session still works after the errors above
            assertEquals("100", single(a, "SELECT balance FROM fu_bad WHERE id = 1 FOR SHARE"));
            assertEquals("100", single(a, "SELECT balance FROM fu_bad t WHERE id = 2 FOR NO KEY UPDATE OF t NOWAIT"));
            assertEquals("100", single(a, "select balance from fu_bad where id = 3 for key share;"));
            a.commit();
            a.setAutoCommit(true);
            assertEquals("300", single(a, "SELECT SUM(balance) FROM fu_bad FOR UPDATE"), "autocommit: runs as a query");
        }
    }
}
