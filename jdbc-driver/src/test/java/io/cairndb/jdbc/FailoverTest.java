package io.cairndb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.protocol.Message;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Failover across the hosts of a multi-host URL, against {@link FakeServer}s that die on cue. */
class FailoverTest {

    private static Connection connect(String params, FakeServer... servers) throws SQLException {
        StringBuilder url = new StringBuilder(ConnectionUrl.PREFIX);
        for (int i = 0; i < servers.length; i++) {
            url.append(i == 0 ? "" : ",").append(servers[i].hostPort());
        }
        return new Driver().connect(url + (params.isEmpty() ? "" : "?" + params), new Properties());
    }

    private static String whoAnswers(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static void assertLost(SQLException e, FakeServer host, String... fragments) {
        assertEquals("08006", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(host.hostPort()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------ host order

    @Test
    void connectOrderIsTheListUnlessLoadBalancingRotatesItFromARandomHost() throws SQLException {
        ConnectionUrl ordered = ConnectionUrl.parse("jdbc:cairndb://a:1,b:2,c:3", null);
        ConnectionUrl balanced = ConnectionUrl.parse("jdbc:cairndb://a:1,b:2,c:3?loadBalanceHosts=true", null);
        SplittableRandom random = new SplittableRandom(7);
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertEquals(ordered.hosts(), ordered.connectOrder(random));
            orders.add(balanced.connectOrder(random).stream().map(h -> h.host()).toList());
        }
        assertEquals(Set.of(List.of("a", "b", "c"), List.of("b", "c", "a"), List.of("c", "a", "b")), orders,
                "every host comes first sometimes, and the rest follow in list order");
        SQLException bad = assertThrows(SQLException.class, () -> ConnectionUrl.parse(
                "jdbc:cairndb://a,b?loadBalanceHosts=yes", null).connectOrder(random));
        assertEquals("08001", bad.getSQLState());
    }

    @Test
    void loadBalancedConnectionsReachEveryHostAndSkipDeadOnesInOrder() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200);
             FakeServer c = FakeServer.start("C", 300)) {
            for (int i = 0; i < 60; i++) {
                try (Connection conn = connect("loadBalanceHosts=true", a, b, c)) {
                    assertTrue(conn.isValid(5));
                }
            }
            for (FakeServer s : List.of(a, b, c)) {
                assertTrue(s.count("HELLO") > 0, "never chosen: " + s.hostPort());
            }
            try (Connection conn = connect("", a, b, c)) {
                assertEquals("A", whoAnswers(conn, "SELECT 1"), "without loadBalanceHosts the first host wins");
            }
            b.stop();
            // whichever host a connection starts at, a dead one is skipped for the next in list order (B → C)
            for (int i = 0; i < 30; i++) {
                try (Connection conn = connect("loadBalanceHosts=true", a, b, c)) {
                    assertTrue(Set.of("A", "C").contains(whoAnswers(conn, "SELECT 1")));
                }
            }
        }
    }

    // ------------------------------------------------------------ reconnect between statements

    @Test
    void afterTheServerClosesAnIdleConnectionTheNextCallReconnectsAndRestoresTheSession() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            c.setSchema("S2");
            c.setReadOnly(true);
            c.setNetworkTimeout(null, 30_000);
            PreparedStatement ps = c.prepareStatement("SELECT name FROM t WHERE id = ?");
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("A", rs.getString(1));
            }
            assertTrue(a.log().contains("EXECUTE_PREPARED 100"));

            a.stop();
            assertFalse(c.isValid(5), "the dead connection is reported");
            assertFalse(c.isClosed(), "it is not closed: the next call reconnects");
            assertEquals(0, b.count("HELLO"), "isValid does not reconnect");

            // a write is safe here: the driver knew the connection was gone before sending anything
            assertEquals(1, c.createStatement().executeUpdate("INSERT INTO t VALUES (2)"));
            assertEquals(List.of("HELLO", "SET_SCHEMA S2", "SET_READ_ONLY true", "EXECUTE INSERT INTO t VALUES (2)"),
                    b.log());
            assertEquals("S2", c.getSchema());
            assertTrue(c.isReadOnly());
            assertEquals(30_000, c.getNetworkTimeout());

            // the prepared statement is prepared again from its SQL on B, then runs under B's id
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("B", rs.getString(1));
            }
            assertTrue(b.log().containsAll(List.of("PREPARE SELECT name FROM t WHERE id = ?", "EXECUTE_PREPARED 200")),
                    b.log().toString());
            ps.close();
            assertTrue(b.log().contains("CLOSE_STATEMENT"), "closing reaches the session that holds it");
            c.close();
        }
    }

    @Test
    void manualCommitModeIsRestoredWhenNoTransactionWasOpen() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            c.commit();
            a.stop();
            assertFalse(c.isValid(5));
            // nothing ran since the commit: no transaction was lost, the next statement just moves to B
            assertEquals(1, c.createStatement().executeUpdate("INSERT INTO t VALUES (2)"));
            assertEquals(List.of("HELLO", "SET_AUTOCOMMIT false", "EXECUTE INSERT INTO t VALUES (2)"), b.log());
            c.commit();
            assertFalse(c.getAutoCommit());
            c.close();
        }
    }

    // ------------------------------------------------------------ statements caught in flight

    @Test
    void aWriteCaughtInFlightIsNotSentAgainAndReports08006OutcomeUnknown() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100, m -> FakeServer.executes(m, "INSERT"));
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            SQLException e = assertThrows(SQLException.class,
                    () -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
            assertLost(e, a, "outcome of the statement is unknown");
            assertEquals(0, b.count("EXECUTE INSERT INTO t VALUES (1)"), "never sent again");
            a.stop();
            // the next call connects to B
            assertEquals("B", whoAnswers(c, "SELECT 1"));
            assertEquals(0, b.count("EXECUTE INSERT INTO t VALUES (1)"));
            c.close();
        }
    }

    @Test
    void aPreparedWriteAndABatchAreNotSentAgainEither() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100, m -> m instanceof Message.ExecutePrepared
                || m instanceof Message.ExecuteBatch);
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            PreparedStatement ps = c.prepareStatement("UPDATE t SET v = ? WHERE id = 1");
            ps.setInt(1, 5);
            assertLost(assertThrows(SQLException.class, ps::executeUpdate), a, "outcome");
            a.stop();
            assertEquals(1, ps.executeUpdate(), "works again once prepared on B");
            assertEquals(1, b.count("EXECUTE_PREPARED 200"));
            c.close();
        }
        try (FakeServer a = FakeServer.start("A", 100, m -> m instanceof Message.ExecuteBatch);
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            Statement st = c.createStatement();
            st.addBatch("INSERT INTO t VALUES (1)");
            assertLost(assertThrows(SQLException.class, st::executeBatch), a, "outcome");
            assertEquals(0, b.count("EXECUTE_BATCH"));
            c.close();
        }
    }

    @Test
    void aReadOnlyQueryCaughtInFlightIsSentAgainOnceToTheNextHost() throws Exception {
        // A receives the query, then goes down: the query is sent again to B
        try (FakeServer a = FakeServer.dying("A", 100, m -> FakeServer.executes(m, "/* who */ SELECT"));
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            assertEquals("B", whoAnswers(c, "/* who */ SELECT name FROM t"));
            assertEquals(1, a.count("EXECUTE /* who */ SELECT name FROM t"));
            assertEquals(1, b.count("EXECUTE /* who */ SELECT name FROM t"));
            c.close();
        }
    }

    @Test
    void aReadOnlyQueryIsSentAgainOnlyOnce() throws Exception {
        try (FakeServer a = FakeServer.dying("A", 100, m -> FakeServer.executes(m, "SELECT"));
             FakeServer b = FakeServer.start("B", 200, m -> FakeServer.executes(m, "SELECT"))) {
            Connection c = connect("", a, b);
            SQLException e = assertThrows(SQLException.class, () -> whoAnswers(c, "SELECT name FROM t"));
            assertLost(e, b);
            assertEquals(1, a.count("EXECUTE SELECT name FROM t"));
            assertEquals(1, b.count("EXECUTE SELECT name FROM t"));
            c.close();
        }
    }

    @Test
    void aQueryThatTimedOutIsNotSentAgain() throws Exception {
        // a slow host is not a dead one: another host would most likely be no faster
        try (FakeServer a = FakeServer.start("A", 100, m -> FakeServer.executes(m, "SELECT") && sleep(3000));
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("socketTimeout=300", a, b);
            SQLException e = assertThrows(SQLException.class, () -> whoAnswers(c, "SELECT 1"));
            assertLost(e, a, "timed out");
            assertEquals(0, b.count("EXECUTE SELECT 1"));
            c.close();
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Test
    void aQueryIsNotSentAgainWhenTheOtherHostsAreDownToo() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            b.stop();
            a.stop();
            SQLException e = assertThrows(SQLException.class, () -> whoAnswers(c, "SELECT 1"));
            assertLost(e, a, "could not be sent again");
            assertFalse(c.isClosed());
            c.close();
        }
    }

    // ------------------------------------------------------------ transactions

    @Test
    void aTransactionLostWithItsConnectionFails08006UntilRollbackThenWorksOnTheNextHost() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100, m -> FakeServer.executes(m, "INSERT INTO t VALUES (2)"));
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            c.setAutoCommit(false);
            Statement st = c.createStatement();
            assertEquals(1, st.executeUpdate("INSERT INTO t VALUES (1)"));
            SQLException inFlight = assertThrows(SQLException.class,
                    () -> st.executeUpdate("INSERT INTO t VALUES (2)"));
            assertLost(inFlight, a, "transaction is lost");
            a.stop();
            SQLException next = assertThrows(SQLException.class, () -> whoAnswers(c, "SELECT 1"));
            assertLost(next, a, "transaction was lost", "rollback()");
            assertEquals(0, b.count("HELLO"), "nothing moves to B while the transaction is not ended");
            c.rollback();
            assertEquals("B", whoAnswers(c, "SELECT 1"));
            assertEquals(List.of("HELLO", "SET_AUTOCOMMIT false", "EXECUTE SELECT 1"), b.log());
            c.commit();
            c.close();
        }
    }

    @Test
    void committingALostTransactionReportsThatNothingWasCommitted() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            a.stop();
            assertFalse(c.isValid(5));
            assertLost(assertThrows(SQLException.class, c::commit), a, "nothing was committed");
            // the transaction is over: work goes on, on B
            assertEquals(1, c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
            assertEquals(1, b.count("EXECUTE INSERT INTO t VALUES (1)"));
            c.close();
        }
    }

    @Test
    void turningAutocommitOnEndsALostTransactionWith08006AndStillTakesEffect() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            a.stop();
            assertFalse(c.isValid(5));
            assertLost(assertThrows(SQLException.class, () -> c.setAutoCommit(true)), a, "nothing was committed");
            assertTrue(c.getAutoCommit());
            assertEquals("B", whoAnswers(c, "SELECT 1"));
            assertEquals(List.of("HELLO", "EXECUTE SELECT 1"), b.log(), "a new session in autocommit mode");
            c.close();
        }
    }

    @Test
    void aCommitCaughtInFlightHasAnUnknownOutcomeAndIsNotSentAgain() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100, m -> m instanceof Message.Commit);
             FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            assertLost(assertThrows(SQLException.class, c::commit), a, "outcome is unknown");
            assertEquals(0, b.count("COMMIT"));
            a.stop();
            assertEquals("B", whoAnswers(c, "SELECT 1"), "the transaction ended with the COMMIT");
            c.close();
        }
    }

    @Test
    void aTransactionBegunWithSqlIsTrackedInAutocommitMode() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            Statement st = c.createStatement();
            st.execute("BEGIN");
            st.executeUpdate("INSERT INTO t VALUES (1)");
            a.stop();
            assertFalse(c.isValid(5));
            assertLost(assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO t VALUES (2)")), a,
                    "transaction was lost");
            st.execute("ROLLBACK");
            assertEquals(1, st.executeUpdate("INSERT INTO t VALUES (2)"));
            assertEquals(List.of("HELLO", "EXECUTE ROLLBACK", "EXECUTE INSERT INTO t VALUES (2)"), b.log());
            c.close();
        }
    }

    // ------------------------------------------------------------ cursors

    @Test
    void aResultSetWhoseCursorWasOnTheLostConnectionFailsItsNextFetch() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100); FakeServer b = FakeServer.start("B", 200)) {
            Connection c = connect("", a, b);
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT BIG");
            assertTrue(rs.next());
            a.stop();
            assertFalse(c.isValid(5));
            Statement other = c.createStatement();
            SQLException blocked = assertThrows(SQLException.class, () -> whoAnswers(c, "SELECT 1"));
            assertLost(blocked, a, "result set(s) were still reading");
            assertEquals(0, b.count("HELLO"));
            assertLost(assertThrows(SQLException.class, rs::next), a, "cursor is gone");
            rs.close();
            assertEquals("B", whoAnswers(c, "SELECT 1"));
            other.close();
            c.close();
        }
    }

    @Test
    void singleHostUrlsKeepTheConnectionDeadUnlessReconnectIsAskedFor() throws Exception {
        try (FakeServer a = FakeServer.start("A", 100)) {
            Connection c = connect("", a);
            a.dropConnections();
            assertFalse(c.isValid(5));
            assertTrue(c.isClosed());
            assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());

            Connection again = connect("reconnect=true", a);
            a.dropConnections();
            assertFalse(again.isValid(5));
            assertFalse(again.isClosed());
            assertEquals("A", whoAnswers(again, "SELECT 1"), "the same host, connected anew");
            again.close();
        }
    }

    @Test
    void aBadReconnectValueIsRefusedBeforeConnecting() throws Exception {
        try (ServerSocket nothing = new ServerSocket(0)) {
            SQLException e = assertThrows(SQLException.class, () -> new Driver().connect("jdbc:cairndb://127.0.0.1:"
                    + nothing.getLocalPort() + "?reconnect=maybe", new Properties()));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("reconnect"), e.getMessage());
        }
    }
}
