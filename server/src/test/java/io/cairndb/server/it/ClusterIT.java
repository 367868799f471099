package io.cairndb.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SQL on a three-node cluster in this JVM (real RocksDB, real jraft groups, real sockets): any node serves any
 * table, every range is replicated on three nodes, a transaction spanning ranges led by different nodes is
 * atomic, and the cluster keeps serving when a node stops and takes it back when it restarts.
 */
class ClusterIT {
    private final List<CairnNode> nodes = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final int[] raftPorts = new int[3];

    private CairnNode start(int i) throws Exception {
        if (dirs.size() <= i) {
            dirs.add(Files.createTempDirectory("cairndb-cluster-it"));
            raftPorts[i] = TestNode.freePort();
        }
        List<String> join = i == 0 ? List.of() : List.of("127.0.0.1:" + raftPorts[0]);
        CairnNode node = CairnNode.start(new NodeConfig(dirs.get(i), "127.0.0.1", 0, raftPorts[i], 0, join, 3));
        if (nodes.size() <= i) {
            nodes.add(node);
        } else {
            nodes.set(i, node);
        }
        return node;
    }

    @AfterEach
    void stop() {
        for (CairnNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // already stopped by the test
            }
        }
        dirs.forEach(TestNode::deleteRecursively);
    }

    private static Connection connect(CairnNode n) throws SQLException {
        return DriverManager.getConnection(n.jdbcUrl());
    }

    /** Three nodes (one bootstraps, two join), once the meta range has a replica on each. */
    private void startThree() throws Exception {
        start(0);
        start(1);
        start(2);
        awaitMetaOnThreeNodes();
    }

    private void awaitMetaOnThreeNodes() throws Exception {
        try (Connection c = connect(nodes.get(0))) {
            Sql.awaitValue(c, "SELECT replicas FROM sys.ranges WHERE range_id = 1", "1,2,3", 60_000);
        }
    }

    @Test
    void alterTableSplitAtCutsATableIntoRangesServedFromEveryNode() throws Exception {
        startThree();
        try (Connection c1 = connect(nodes.get(0)); Connection c2 = connect(nodes.get(1));
             Connection c3 = connect(nodes.get(2))) {
            Sql.update(c1, "CREATE TABLE orders (region VARCHAR(10), id INT, total INT, PRIMARY KEY (region, id))");
            Sql.update(c1, "INSERT INTO orders VALUES ('east', 1, 10), ('east', 2, 20), ('north', 1, 5),"
                    + " ('south', 1, 7), ('west', 1, 1), ('west', 2, 2)");
            Sql.update(c2, "ALTER TABLE orders SPLIT AT VALUES ('north')");
            Sql.update(c3, "ALTER TABLE orders SPLIT AT VALUES ('south', 1)");
            Sql.update(c3, "ALTER TABLE orders SPLIT AT VALUES ('south', 1)"); // already a boundary: no-op
            assertEquals("3", Sql.single(c1, "SELECT COUNT(*) FROM sys.ranges WHERE table_name = 'PUBLIC.ORDERS'"));
            assertEquals("0", Sql.single(c1,
                    "SELECT COUNT(*) FROM sys.ranges WHERE table_name = 'PUBLIC.ORDERS' AND replicas <> '1,2,3'"));
            for (Connection c : List.of(c1, c2, c3)) {
                assertEquals("45|6", Sql.single(c, "SELECT SUM(total), COUNT(*) FROM orders"));
                assertEquals(List.of("east|2", "north|1", "south|1", "west|2"),
                        Sql.rows(c, "SELECT region, COUNT(*) FROM orders GROUP BY region ORDER BY region"));
                assertEquals("7", Sql.single(c, "SELECT total FROM orders WHERE region = 'south' AND id = 1"));
            }
            assertPrimaryKeyLookupsReadOneRange(c1, c2);
            // one transaction over all three ranges
            c2.setAutoCommit(false);
            Sql.update(c2, "UPDATE orders SET total = total + 100");
            c2.commit();
            c2.setAutoCommit(true);
            assertEquals("645", Sql.single(c3, "SELECT SUM(total) FROM orders"));
            // FOR UPDATE locks the rows at each range's leader, whichever node that is, until the transaction ends
            c2.setAutoCommit(false);
            assertEquals("645", Sql.single(c2, "SELECT SUM(total) FROM orders FOR UPDATE"));
            c3.setAutoCommit(false);
            String west = "SELECT total FROM orders WHERE region = 'west' AND id = 2 FOR UPDATE NOWAIT";
            Sql.assertSqlState("55P03", () -> Sql.single(c3, west));
            c3.rollback();
            c2.commit();
            assertEquals("102", Sql.single(c3, west));
            c3.commit();
            c2.setAutoCommit(true);
            c3.setAutoCommit(true);
            Sql.assertSqlState("42P01", () -> Sql.update(c1, "ALTER TABLE nope SPLIT AT VALUES (1)"));
            Sql.assertSqlState("42601", () -> Sql.update(c1, "ALTER TABLE orders SPLIT AT VALUES ('a', 1, 2)"));
        }
    }

    /**
     * A primary-key lookup reads exactly one range (the one holding the key), counted by the ranges' leaders: of
     * the table's three ranges, one serves every lookup of a key and the others serve none.
     */
    private void assertPrimaryKeyLookupsReadOneRange(Connection meta, Connection c) throws Exception {
        List<Long> ranges = Sql.rows(meta, "SELECT range_id FROM sys.ranges WHERE table_name = 'PUBLIC.ORDERS'")
                .stream().map(Long::parseLong).toList();
        java.util.Set<Long> read = new java.util.HashSet<>();
        try (java.sql.PreparedStatement byKey = c.prepareStatement(
                "SELECT total FROM orders WHERE region = ? AND id = ?")) {
            for (Object[] key : List.of(new Object[] {"south", 1, "7"}, new Object[] {"east", 2, "20"},
                    new Object[] {"north", 1, "5"})) {
                java.util.Map<Long, Long> before = readsServed(ranges);
                byKey.setString(1, (String) key[0]);
                byKey.setInt(2, (Integer) key[1]);
                for (int i = 0; i < 5; i++) {
                    try (java.sql.ResultSet rs = byKey.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(key[2], rs.getString(1));
                    }
                }
                java.util.Map<Long, Long> delta = readsServed(ranges);
                delta.replaceAll((range, n) -> n - before.get(range));
                List<Long> touched = delta.entrySet().stream().filter(e -> e.getValue() > 0).map(
                        java.util.Map.Entry::getKey).toList();
                assertEquals(1, touched.size(), "lookups of " + key[0] + "," + key[1] + " read " + delta);
                assertEquals(5L, delta.get(touched.get(0)), "one read per lookup: " + delta);
                read.add(touched.get(0));
            }
        }
        assertEquals(3, read.size(), "keys of three ranges were read from three ranges");
    }

    /** Reads each range served as leader, summed over the nodes. */
    private java.util.Map<Long, Long> readsServed(List<Long> ranges) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (long range : ranges) {
            out.put(range, nodes.stream().mapToLong(n -> n.storage().readsServed(range)).sum());
        }
        return out;
    }

    @Test
    void theDriverFailsOverToAnotherNodeOfTheCluster() throws Exception {
        startThree();
        String url = "jdbc:cairndb://" + String.join(",", nodes.stream()
                .map(n -> "127.0.0.1:" + n.port()).toList()) + "/";
        try (Connection c = DriverManager.getConnection(url)) {
            Sql.update(c, "CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(10))");
            Sql.update(c, "INSERT INTO kv VALUES (1, 'one'), (2, 'two')");
            java.sql.PreparedStatement byKey = c.prepareStatement("SELECT v FROM kv WHERE k = ?");
            byKey.setInt(1, 2);
            try (java.sql.ResultSet rs = byKey.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("two", rs.getString(1));
            }
            nodes.get(0).close(); // the node this connection is on (the URL's first host), and the first member
            // the next autocommit statement runs on another node of the same cluster, same data
            assertEquals("2", Sql.single(c, "SELECT COUNT(*) FROM kv"));
            try (java.sql.ResultSet rs = byKey.executeQuery()) { // re-prepared on the new node
                assertTrue(rs.next());
                assertEquals("two", rs.getString(1));
            }
            Sql.update(c, "INSERT INTO kv VALUES (3, 'three')");
            assertEquals("3", Sql.single(c, "SELECT COUNT(*) FROM kv"));
        }
    }

    @Test
    void anyNodeServesAnyTableAndTheClusterOutlivesANode() throws Exception {
        startThree();
        try (Connection c1 = connect(nodes.get(0)); Connection c2 = connect(nodes.get(1));
             Connection c3 = connect(nodes.get(2))) {
            Sql.update(c1, "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL)");
            Sql.update(c1, "CREATE TABLE audit (id INT PRIMARY KEY, note VARCHAR(40))");
            // DDL on node 1 is visible at once on node 2 and 3
            Sql.update(c2, "INSERT INTO accounts VALUES (1, 100), (2, 100)");
            assertEquals(List.of("1|100", "2|100"), Sql.rows(c3, "SELECT id, balance FROM accounts ORDER BY id"));
            assertEquals("3", Sql.single(c3, "SELECT COUNT(*) FROM sys.nodes WHERE is_live"));
            assertEquals("1,2,3", Sql.single(c2,
                    "SELECT replicas FROM sys.ranges WHERE table_name = 'PUBLIC.ACCOUNTS'"));

            // one transaction over two ranges (two Raft groups), through a third node
            c3.setAutoCommit(false);
            Sql.update(c3, "UPDATE accounts SET balance = balance - 30 WHERE id = 1");
            Sql.update(c3, "UPDATE accounts SET balance = balance + 30 WHERE id = 2");
            Sql.update(c3, "INSERT INTO audit VALUES (1, 'transfer 30')");
            c3.commit();
            c3.setAutoCommit(true);
            assertEquals("200|1", Sql.single(c1,
                    "SELECT (SELECT SUM(balance) FROM accounts), (SELECT COUNT(*) FROM audit)"));
            assertEquals("70", Sql.single(c1, "SELECT balance FROM accounts WHERE id = 1"));
        }

        // stop the node that leads the accounts range; the others carry on
        int leader;
        try (Connection c = connect(nodes.get(0))) {
            leader = Integer.parseInt(Sql.single(c,
                    "SELECT leader FROM sys.ranges WHERE table_name = 'PUBLIC.ACCOUNTS'"));
        }
        int stopped = leader - 1;
        nodes.get(stopped).close();
        CairnNode survivor = nodes.get(stopped == 0 ? 1 : 0);
        try (Connection c = connect(survivor)) {
            Sql.update(c, "UPDATE accounts SET balance = balance + 1 WHERE id = 1");
            Sql.update(c, "INSERT INTO accounts VALUES (3, 5)");
            assertEquals("206", Sql.single(c, "SELECT SUM(balance) FROM accounts"));
            long deadline = System.currentTimeMillis() + 15_000;
            while (!Sql.single(c, "SELECT COUNT(*) FROM sys.nodes WHERE is_live").equals("2")) {
                assertTrue(System.currentTimeMillis() < deadline, "the stopped node never showed as not live");
                Thread.sleep(200);
            }
        }

        // the stopped node comes back with its identity and catches up
        start(stopped);
        try (Connection c = connect(nodes.get(stopped))) {
            assertEquals("206", Sql.single(c, "SELECT SUM(balance) FROM accounts"));
            assertEquals("71", Sql.single(c, "SELECT balance FROM accounts WHERE id = 1"));
            // its own replica holds the data again (sizes come from the local replica when there is one)
            long deadline = System.currentTimeMillis() + 30_000;
            while (Long.parseLong(Sql.single(c,
                    "SELECT size_bytes FROM sys.ranges WHERE table_name = 'PUBLIC.ACCOUNTS'")) <= 0) {
                assertTrue(System.currentTimeMillis() < deadline, "the restarted replica never caught up");
                Thread.sleep(200);
            }
        }
    }
}
