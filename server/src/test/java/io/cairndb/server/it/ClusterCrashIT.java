package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three node processes, replication factor 3: kill -9 of the node leading a table's range; writes through the
 * other nodes resume within seconds, nothing acknowledged is lost, and the killed node restarts, catches up and
 * serves.
 */
class ClusterCrashIT {

    @Test
    void killNineOfALeaderLosesNothingAndServiceResumes() throws Exception {
        try (ProcessCluster cluster = ProcessCluster.start("cluster-crash", 3)) {
            int acknowledged = 0;
            int leader;
            try (Connection c = DriverManager.getConnection(cluster.node(0).url())) {
                update(c, "CREATE TABLE ledger (id INT PRIMARY KEY, amount BIGINT)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                    for (int i = 0; i < 100; i++) {
                        ps.setInt(1, i);
                        ps.setLong(2, i);
                        ps.executeUpdate();
                        acknowledged++;
                    }
                }
                leader = Integer.parseInt(single(c, "SELECT leader FROM sys.ranges WHERE table_name = 'PUBLIC.LEDGER'"));
            }
            // node ids follow the start order: node id k is cluster.node(k - 1)
            int victim = leader - 1;
            cluster.node(victim).kill();
            NodeProcess gateway = cluster.node(victim == 0 ? 1 : 0);
            long killedAt = System.currentTimeMillis();
            long resumedAfter = -1;
            try (Connection c = DriverManager.getConnection(gateway.url());
                 PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                for (int i = 100; i < 150; i++) {
                    ps.setInt(1, i);
                    ps.setLong(2, i);
                    try {
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        // retryable while the range elects a new leader; an unknown outcome is not retried blindly
                        assertTrue(e.getSQLState().startsWith("40"), "retryable error expected: " + e);
                        assertTrue(System.currentTimeMillis() - killedAt < 30_000, "service did not resume: " + e);
                        i--;
                        if ("40003".equals(e.getSQLState())) {
                            i++; // outcome unknown: skip this key rather than risk a duplicate
                        }
                        continue;
                    }
                    if (resumedAfter < 0) {
                        resumedAfter = System.currentTimeMillis() - killedAt;
                    }
                    acknowledged++;
                }
                assertTrue(resumedAfter >= 0 && resumedAfter < 15_000, "writes resumed after " + resumedAfter + " ms");
                assertTrue(Integer.parseInt(single(c, "SELECT COUNT(*) FROM ledger")) >= acknowledged,
                        "every acknowledged row is there");
            }
            System.out.println("ClusterCrashIT: writes resumed " + resumedAfter + " ms after kill -9 of node "
                    + leader);

            // the killed node restarts with its data and identity, catches up and serves
            cluster.restart(victim, List.of());
            try (Connection c = DriverManager.getConnection(cluster.node(victim).url())) {
                int count = Integer.parseInt(single(c, "SELECT COUNT(*) FROM ledger"));
                assertTrue(count >= acknowledged, count + " rows, " + acknowledged + " acknowledged");
                assertEquals("3", single(c, "SELECT COUNT(*) FROM sys.nodes"));
            }

            // the same once the range has gone quiet (idle: 5 s heartbeats, 20 s election timeouts): the survivors
            // hear that the leader's node is dead from the liveness records and elect at the busy timeout
            int quietLeader;
            try (Connection c = DriverManager.getConnection(cluster.node(victim).url())) {
                Sql.awaitValue(c, "SELECT is_quiet FROM sys.ranges WHERE table_name = 'PUBLIC.LEDGER'", "true", 60_000);
                quietLeader = Integer.parseInt(single(c,
                        "SELECT leader FROM sys.ranges WHERE table_name = 'PUBLIC.LEDGER'"));
            }
            cluster.node(quietLeader - 1).kill();
            NodeProcess other = cluster.node(quietLeader == 1 ? 1 : 0);
            long quietKilledAt = System.currentTimeMillis();
            long quietResumedAfter = insertRetrying(other, 1000) - quietKilledAt;
            System.out.println("ClusterCrashIT: writes to a quiet range resumed " + quietResumedAfter
                    + " ms after kill -9 of node " + quietLeader);
            // without the liveness report its followers would wait out the quiet election timeout (20-22 s)
            assertTrue(quietResumedAfter < 18_000, "writes to the quiet range resumed after " + quietResumedAfter
                    + " ms");
        }
    }

    /** Inserts row {@code id} through {@code node}, retrying retryable errors for up to 30 s; returns when it did. */
    private static long insertRetrying(NodeProcess node, int id) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        try (Connection c = DriverManager.getConnection(node.url());
             PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setLong(2, id);
            while (true) {
                try {
                    ps.executeUpdate();
                    return System.currentTimeMillis();
                } catch (SQLException e) {
                    assertTrue(e.getSQLState().startsWith("40") && !"40003".equals(e.getSQLState()),
                            "retryable error expected: " + e);
                    assertTrue(System.currentTimeMillis() < deadline, "service did not resume: " + e);
                }
            }
        }
    }
}
