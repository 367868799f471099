package io.cairndb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void singleHostWithoutPortUsesTheDefaultPort() throws SQLException {
        ConnectionUrl u = ConnectionUrl.parse("jdbc:cairndb://db1", null);
        assertEquals(List.of(new ConnectionUrl.HostPort("db1", 26257)), u.hosts());
        assertNull(u.schema());
        assertEquals("", u.user());
    }

    @Test
    void severalHostsSchemaAndParameters() throws SQLException {
        ConnectionUrl u = ConnectionUrl.parse(
                "jdbc:cairndb://a:1,b , c:3/Sales?user=bob&password=p%26w%3D&connectTimeout=500&flag", null);
        assertEquals(List.of(new ConnectionUrl.HostPort("a", 1), new ConnectionUrl.HostPort("b", 26257),
                new ConnectionUrl.HostPort("c", 3)), u.hosts());
        assertEquals("Sales", u.schema());
        assertEquals("bob", u.user());
        assertEquals("p&w=", u.password());
        assertEquals(500, u.connectTimeoutMillis());
        assertEquals("", u.properties().get("flag"));
    }

    @Test
    void ipv6LiteralsInBrackets() throws SQLException {
        ConnectionUrl u = ConnectionUrl.parse("jdbc:cairndb://[::1]:4000,[fe80::2]/s", null);
        assertEquals(new ConnectionUrl.HostPort("::1", 4000), u.hosts().get(0));
        assertEquals(new ConnectionUrl.HostPort("fe80::2", 26257), u.hosts().get(1));
        assertEquals("[::1]:4000", u.hosts().get(0).toString());
    }

    @Test
    void propertiesWinOverUrlParameters() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "alice");
        info.setProperty("schema", "OTHER");
        ConnectionUrl u = ConnectionUrl.parse("jdbc:cairndb://h?user=bob", info);
        assertEquals("alice", u.user());
        assertEquals("OTHER", u.schema(), "schema property applies when the URL names none");
        assertEquals("S", ConnectionUrl.parse("jdbc:cairndb://h/S", info).schema(), "the URL path wins");
    }

    @Test
    void badUrlsAreRejectedWith08001() {
        for (String bad : List.of("jdbc:cairndb://", "jdbc:cairndb://h:notaport", "jdbc:cairndb://h:0",
                "jdbc:cairndb://h:70000", "jdbc:cairndb://a,,b", "jdbc:cairndb://[::1", "jdbc:cairndb://:5",
                "jdbc:cairndb://h?=x", "jdbc:postgresql://h")) {
            SQLException e = assertThrows(SQLException.class, () -> ConnectionUrl.parse(bad, null), bad);
            assertEquals("08001", e.getSQLState(), bad);
        }
        SQLException e = assertThrows(SQLException.class,
                () -> ConnectionUrl.parse("jdbc:cairndb://h?connectTimeout=-3", null).connectTimeoutMillis());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void reconnectDefaultsToOnWithSeveralHostsAndLoadBalancingToOff() throws SQLException {
        assertFalse(ConnectionUrl.parse("jdbc:cairndb://a", null).reconnect());
        assertTrue(ConnectionUrl.parse("jdbc:cairndb://a,b", null).reconnect());
        assertTrue(ConnectionUrl.parse("jdbc:cairndb://a?reconnect=TRUE", null).reconnect());
        assertFalse(ConnectionUrl.parse("jdbc:cairndb://a,b?reconnect=false", null).reconnect());
        assertFalse(ConnectionUrl.parse("jdbc:cairndb://a,b", null).loadBalanceHosts());
        Properties info = new Properties();
        info.setProperty("loadBalanceHosts", "true");
        assertTrue(ConnectionUrl.parse("jdbc:cairndb://a,b?loadBalanceHosts=false", info).loadBalanceHosts());
        SQLException e = assertThrows(SQLException.class,
                () -> ConnectionUrl.parse("jdbc:cairndb://a?reconnect=1", null).reconnect());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void driverAcceptsOnlyItsOwnUrlsAndReturnsNullForOthers() throws SQLException {
        Driver d = new Driver();
        assertTrue(d.acceptsURL("jdbc:cairndb://h:1"));
        assertTrue(d.acceptsURL("JDBC:CAIRNDB://h:1"));
        assertFalse(d.acceptsURL("jdbc:h2:mem:x"));
        assertFalse(d.acceptsURL(null));
        assertNull(d.connect("jdbc:h2:mem:x", new Properties()));
    }

    @Test
    void connectingToNothingFailsWith08001AfterTryingEveryHost() throws Exception {
        int port1;
        int port2;
        try (java.net.ServerSocket s1 = new java.net.ServerSocket(0); java.net.ServerSocket s2 =
                new java.net.ServerSocket(0)) {
            port1 = s1.getLocalPort();
            port2 = s2.getLocalPort();
        }
        SQLException e = assertThrows(SQLException.class, () -> new Driver().connect(
                "jdbc:cairndb://127.0.0.1:" + port1 + ",127.0.0.1:" + port2 + "?connectTimeout=2000",
                new Properties()));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains(":" + port1) && e.getMessage().contains(":" + port2), e.getMessage());
    }
}
