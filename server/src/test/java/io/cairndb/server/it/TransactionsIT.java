package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.rows;
import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transactions between concurrent sessions: isolation, SERIALIZABLE conflicts, autocommit retries. */
class TransactionsIT {
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void uncommittedWritesAreInvisibleAndRollbackDiscards() throws SQLException {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            update(a, "CREATE TABLE vis (id INT PRIMARY KEY, v INT)");
            a.setAutoCommit(false);
            update(a, "INSERT INTO vis VALUES (1, 10)");
            assertEquals("1", single(a, "SELECT COUNT(*) FROM vis"), "a transaction sees its own writes");
            assertEquals("0", single(b, "SELECT COUNT(*) FROM vis"));
            a.commit();
            assertEquals("10", single(b, "SELECT v FROM vis WHERE id = 1"));
            update(a, "UPDATE vis SET v = 11 WHERE id = 1");
            a.rollback();
            assertEquals("10", single(b, "SELECT v FROM vis WHERE id = 1"));
            update(b, "BEGIN");
            update(b, "INSERT INTO vis VALUES (2, 20)");
            update(b, "ROLLBACK");
            assertEquals("1", single(b, "SELECT COUNT(*) FROM vis"));
        }
    }

    @Test
    void lostUpdateIsPreventedAndTheSecondWriterLearnsItWhenItGetsTheRow() throws Exception {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            update(a, "CREATE TABLE counter (id INT PRIMARY KEY, v INT)");
            update(a, "INSERT INTO counter VALUES (1, 0), (2, 0)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            int va = Integer.parseInt(single(a, "SELECT v FROM counter WHERE id = 1"));
            int vb = Integer.parseInt(single(b, "SELECT v FROM counter WHERE id = 1"));
            update(a, "UPDATE counter SET v = " + (va + 1) + " WHERE id = 1");
            // b's UPDATE waits for a's lock on the row; once a committed, b's earlier read is out of date: the
            // UPDATE fails at once (not at COMMIT), naming the row it read
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> second = pool.submit(() -> {
                    update(b, "UPDATE counter SET v = " + (vb + 1) + " WHERE id = 1");
                    return null;
                });
                Thread.sleep(300);
                assertTrue(!second.isDone(), "b waits for a's row lock");
                a.commit();
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
                SQLException cause = (SQLException) e.getCause();
                assertEquals("40001", cause.getSQLState());
                assertTrue(cause.getMessage().contains("PUBLIC.COUNTER (ID) = (1)"), cause.getMessage());
            } finally {
                pool.shutdownNow();
            }
            b.rollback();
            // without the earlier read, the second writer waits and then updates the value the first committed
            update(a, "UPDATE counter SET v = v + 1 WHERE id = 2");
            ExecutorService pool2 = Executors.newSingleThreadExecutor();
            try {
                Future<?> second = pool2.submit(() -> {
                    update(b, "UPDATE counter SET v = v + 10 WHERE id = 2");
                    b.commit();
                    return null;
                });
                Thread.sleep(300);
                a.commit();
                second.get(10, TimeUnit.SECONDS);
            } finally {
                pool2.shutdownNow();
            }
            a.setAutoCommit(true);
            assertEquals("1", single(a, "SELECT v FROM counter WHERE id = 1"));
            assertEquals("11", single(a, "SELECT v FROM counter WHERE id = 2"));
        }
    }

    @Test
    void writeSkewIsPrevented() throws SQLException {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            update(a, "CREATE TABLE oncall (doctor VARCHAR(10) PRIMARY KEY, on_call BOOLEAN)");
            update(a, "INSERT INTO oncall VALUES ('alice', TRUE), ('bob', TRUE)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertEquals("2", single(a, "SELECT COUNT(*) FROM oncall WHERE on_call"));
            assertEquals("2", single(b, "SELECT COUNT(*) FROM oncall WHERE on_call"));
            update(a, "UPDATE oncall SET on_call = FALSE WHERE doctor = 'alice'");
            update(b, "UPDATE oncall SET on_call = FALSE WHERE doctor = 'bob'");
            assertEquals(1, commitEach(a, b), "exactly one of two write-skewed transactions must fail");
            a.setAutoCommit(true);
            assertEquals("1", single(a, "SELECT COUNT(*) FROM oncall WHERE on_call"));
        }
    }

    @Test
    void phantomIsPrevented() throws SQLException {
        try (Connection a = node.connect(); Connection b = node.connect()) {
            update(a, "CREATE TABLE shifts (id INT PRIMARY KEY, shift_day INT)");
            update(a, "INSERT INTO shifts VALUES (1, 1)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            // each books day 2 only if nobody has; with a phantom both would succeed
            assertEquals("0", single(a, "SELECT COUNT(*) FROM shifts WHERE shift_day = 2"));
            assertEquals("0", single(b, "SELECT COUNT(*) FROM shifts WHERE shift_day = 2"));
            update(a, "INSERT INTO shifts VALUES (2, 2)");
            update(b, "INSERT INTO shifts VALUES (3, 2)");
            assertEquals(1, commitEach(a, b), "exactly one of two phantom-racing transactions must fail");
            a.setAutoCommit(true);
            assertEquals("1", single(a, "SELECT COUNT(*) FROM shifts WHERE shift_day = 2"));
        }
    }

    /** Commits each connection's transaction; returns how many failed, each with 40001. */
    private static int commitEach(Connection... connections) throws SQLException {
        int failures = 0;
        for (Connection c : connections) {
            try {
                c.commit();
            } catch (SQLException e) {
                assertEquals("40001", e.getSQLState());
                c.rollback();
                failures++;
            }
        }
        return failures;
    }

    @Test
    void errorAbortsTheExplicitTransactionUntilRollback() throws SQLException {
        try (Connection a = node.connect()) {
            update(a, "CREATE TABLE ab (id INT PRIMARY KEY)");
            a.setAutoCommit(false);
            update(a, "INSERT INTO ab VALUES (1)");
            Sql.assertSqlState("23505", () -> update(a, "INSERT INTO ab VALUES (1)"));
            Sql.assertSqlState("25P02", () -> rows(a, "SELECT * FROM ab"));
            a.rollback();
            assertEquals("0", single(a, "SELECT COUNT(*) FROM ab"));
            a.commit();
            // COMMIT of an aborted transaction must not look like success: nothing of it was saved
            update(a, "INSERT INTO ab VALUES (2)");
            Sql.assertSqlState("23505", () -> update(a, "INSERT INTO ab VALUES (2)"));
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, a::commit);
            assertEquals("25P02", e.getSQLState());
            assertEquals("0", single(a, "SELECT COUNT(*) FROM ab"));
            a.commit();
        }
    }

    @Test
    void ddlIsRefusedOnceATransactionHasRunStatements() throws SQLException {
        try (Connection a = node.connect()) {
            a.setAutoCommit(false);
            update(a, "CREATE TABLE ddl_first (id INT PRIMARY KEY)");
            update(a, "INSERT INTO ddl_first VALUES (1)");
            Sql.assertSqlState("25001", () -> update(a, "CREATE INDEX ddl_first_id ON ddl_first (id)"));
            a.rollback();
            assertEquals("0", single(a, "SELECT COUNT(*) FROM ddl_first"));
            a.commit();
        }
    }

    @Test
    void aCursorOfAnEndedTransactionFailsInsteadOfEndingEarly() throws SQLException {
        try (Connection a = node.connect()) {
            update(a, "CREATE TABLE cur (id INT PRIMARY KEY)");
            update(a, "INSERT INTO cur SELECT id FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) AS v(id)");
            a.setAutoCommit(false);
            try (java.sql.Statement s = a.createStatement()) {
                s.setFetchSize(2);
                java.sql.ResultSet rs = s.executeQuery("SELECT id FROM cur");
                assertTrue(rs.next());
                a.commit();
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                    while (rs.next()) {
                        // rows already sent to the driver may still be read; the end must not look normal
                    }
                });
                assertTrue(e.getSQLState().equals("24000") || e.getSQLState().startsWith("HY"), e.getSQLState());
            }
        }
    }

    @Test
    void concurrentAutocommitIncrementsAreAllApplied() throws Exception {
        try (Connection setup = node.connect()) {
            update(setup, "CREATE TABLE hits (id INT PRIMARY KEY, n INT)");
            update(setup, "INSERT INTO hits VALUES (1, 0)");
        }
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                try (Connection c = node.connect()) {
                    for (int i = 0; i < perThread; i++) {
                        assertEquals(1, update(c, "UPDATE hits SET n = n + 1 WHERE id = 1"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        try (Connection c = node.connect()) {
            assertEquals(String.valueOf(threads * perThread), single(c, "SELECT n FROM hits WHERE id = 1"));
            assertTrue(c.getTransactionIsolation() == Connection.TRANSACTION_SERIALIZABLE);
        }
    }
}
