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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC driver failing over between the hosts of a multi-host URL when the first host stops. The two nodes
 * are separate one-node clusters holding the same table and rows (and a {@code whoami} row naming the node), so
 * a test can see which one answered.
 */
class DriverFailoverIT {
    private static final List<String> ITEMS = List.of("1|one", "2|two", "3|three");

    private TestNode first;
    private TestNode second;

    @BeforeEach
    void start() throws SQLException {
        first = TestNode.start();
        second = TestNode.start();
        load(first, "first");
        load(second, "second");
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private static void load(TestNode node, String name) throws SQLException {
        try (Connection c = node.connect()) {
            update(c, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
            update(c, "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            update(c, "CREATE TABLE whoami (id INT PRIMARY KEY, node VARCHAR(10))");
            update(c, "INSERT INTO whoami VALUES (1, '" + name + "')");
        }
    }

    private static String hostPort(TestNode node) {
        return node.url().substring("jdbc:cairndb://".length());
    }

    private Connection connectToBoth() throws SQLException {
        return DriverManager.getConnection("jdbc:cairndb://" + hostPort(first) + "," + hostPort(second));
    }

    private static String nameOf(PreparedStatement ps, int id) throws SQLException {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void loadBalancedConnectionsStartAtEitherNode() throws SQLException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40 && seen.size() < 2; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:cairndb://" + hostPort(first) + ","
                    + hostPort(second) + "?loadBalanceHosts=true")) {
                seen.add(single(c, "SELECT node FROM whoami"));
            }
        }
        assertEquals(Set.of("first", "second"), seen);
    }

    @Test
    void autocommitQueriesAndPreparedStatementsMoveToTheSecondNodeWhenTheFirstStops() throws SQLException {
        try (Connection c = connectToBoth();
             PreparedStatement ps = c.prepareStatement("SELECT name FROM items WHERE id = ?")) {
            assertEquals("first", single(c, "SELECT node FROM whoami"), "hosts are tried in URL order");
            assertEquals(ITEMS, rows(c, "SELECT id, name FROM items ORDER BY id"));
            assertEquals("two", nameOf(ps, 2));

            first.close();

            // the query goes out on the dead connection, finds it closed, and is sent once more to the second node
            assertEquals("second", single(c, "SELECT node FROM whoami"));
            assertEquals(ITEMS, rows(c, "SELECT id, name FROM items ORDER BY id"));
            assertEquals("three", nameOf(ps, 3), "prepared again on the second node from its SQL");
            assertTrue(c.isValid(5));
            assertTrue(c.getAutoCommit());
            update(c, "INSERT INTO items VALUES (4, 'four')");
        }
        try (Connection direct = second.connect()) {
            assertEquals("four", single(direct, "SELECT name FROM items WHERE id = 4"));
        }
    }

    @Test
    void aTransactionLostWithTheFirstNodeFails08006UntilRollbackThenContinuesOnTheSecond() throws SQLException {
        try (Connection c = connectToBoth()) {
            c.setAutoCommit(false);
            update(c, "INSERT INTO items VALUES (10, 'ten')");
            assertEquals("first", single(c, "SELECT node FROM whoami"));

            first.close();

            SQLException inFlight = assertThrows(SQLException.class,
                    () -> update(c, "INSERT INTO items VALUES (11, 'eleven')"));
            assertEquals("08006", inFlight.getSQLState(), inFlight.getMessage());
            assertTrue(inFlight.getMessage().contains(hostPort(first)), inFlight.getMessage());
            assertTrue(inFlight.getMessage().contains("transaction is lost"), inFlight.getMessage());
            // the transaction is gone: nothing of it may quietly continue on the second node
            assertSqlState("08006", () -> single(c, "SELECT node FROM whoami"));
            assertSqlState("08006", () -> update(c, "INSERT INTO items VALUES (12, 'twelve')"));

            c.rollback();
            assertFalse(c.getAutoCommit(), "the new session gets the connection's settings");
            assertEquals("second", single(c, "SELECT node FROM whoami"));
            update(c, "INSERT INTO items VALUES (13, 'thirteen')");
            c.commit();
        }
        try (Connection direct = second.connect()) {
            assertEquals(List.of("1|one", "2|two", "3|three", "13|thirteen"),
                    rows(direct, "SELECT id, name FROM items ORDER BY id"));
        }
    }

    @Test
    void anAutocommitWriteCaughtByTheFailureIs08006AndNeverRepeated() throws SQLException {
        try (Connection c = connectToBoth()) {
            assertEquals("first", single(c, "SELECT node FROM whoami"));

            first.close();

            SQLException e = assertThrows(SQLException.class, () -> update(c, "INSERT INTO items VALUES (5, 'five')"));
            assertEquals("08006", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains(hostPort(first)) && e.getMessage().contains("outcome"),
                    e.getMessage());
            assertEquals("second", single(c, "SELECT node FROM whoami"), "the next call connects again");
            assertEquals(ITEMS, rows(c, "SELECT id, name FROM items ORDER BY id"), "the INSERT was not sent again");
        }
    }

    @Test
    void isValidReportsTheLostNodeAndTheNextCallReconnects() throws SQLException {
        try (Connection c = connectToBoth()) {
            assertEquals("first", single(c, "SELECT node FROM whoami"));

            first.close();

            assertFalse(c.isValid(5));
            assertFalse(c.isClosed());
            // the driver knew the connection was gone before sending, so even a write is safe to send to the second
            assertEquals(1, update(c, "INSERT INTO items VALUES (6, 'six')"));
            assertEquals("second", single(c, "SELECT node FROM whoami"));
            assertEquals("six", single(c, "SELECT name FROM items WHERE id = 6"));
        }
    }
}
