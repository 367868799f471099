package io.cairndb.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.CliRun;
import io.cairndb.cli.FreePorts;
import io.cairndb.cli.TempDirectories;
import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `cairndb node decommission` against a real cluster in this JVM: refused while only three nodes would hold
 * three replicas, then, with a fourth node, every replica leaves the node and the command says it can stop.
 */
class DecommissionAgainstClusterIT {
  private Path dir;
  private final List<CairnNode> nodes = new ArrayList<>();
  private String joinAddress;

  private CairnNode start(int i) {
    int raftPort = FreePorts.pick();
    List<String> join = joinAddress == null ? List.of() : List.of(joinAddress);
    CairnNode node = CairnNode.start(new NodeConfig(dir.resolve("n" + i), "127.0.0.1", 0, raftPort, 0, join, 3));
    if (joinAddress == null) {
      joinAddress = "127.0.0.1:" + raftPort;
    }
    nodes.add(node);
    return node;
  }

  @AfterEach
  void stop() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    TempDirectories.deleteRecursively(dir);
  }

  private static int count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void decommissionMovesEveryReplicaOffTheNode() throws Exception {
    dir = TempDirectories.create("cairndb-cli-decommission-it");
    for (int i = 1; i <= 3; i++) {
      start(i);
    }
    String url = nodes.get(0).jdbcUrl();
    long deadline = System.currentTimeMillis() + 60_000;
    while (count(url, "SELECT COUNT(*) FROM sys.ranges WHERE range_id = 1 AND replicas = '1,2,3'") == 0) {
      assertTrue(System.currentTimeMillis() < deadline, "meta never reached three replicas");
      Thread.sleep(200);
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
      s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    }

    CliRun refused = CliRun.run("node", "decommission", "3", "--url", url);
    assertNotEquals(0, refused.status());
    assertTrue(refused.err().contains("FORCE") || refused.out().contains("FORCE"), refused.err());

    start(4);
    deadline = System.currentTimeMillis() + 30_000;
    while (count(url, "SELECT COUNT(*) FROM sys.nodes WHERE is_live") < 4) {
      assertTrue(System.currentTimeMillis() < deadline, "fourth node never live");
      Thread.sleep(200);
    }
    CliRun done = CliRun.run("node", "decommission", "3", "--url", url, "--wait", "120");
    assertEquals(0, done.status(), done.out() + done.err());
    assertTrue(done.out().contains("node 3 holds no replicas; it can be stopped"), done.out());
    assertEquals(0, count(url, "SELECT COUNT(*) FROM sys.ranges WHERE replicas LIKE '%3%'"));
    assertEquals(1, count(url, "SELECT COUNT(*) FROM sys.nodes WHERE node_id = 3 AND is_draining"));

    nodes.remove(2).close(); // node 3: stopping it costs no range its majority
    assertEquals(2, count(nodes.get(2).jdbcUrl(), "SELECT COUNT(*) FROM t"));
  }
}
