package io.cairndb.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `cairndb status` against a three-node cluster in this JVM: node 1 bootstraps, nodes 2 and 3 join it. */
class StatusAgainstClusterIT {
  private static final long LIVE_TIMEOUT_MILLIS = 30_000;
  private static Path dir;
  private static final List<CairnNode> nodes = new ArrayList<>();
  private static String url;

  @BeforeAll
  static void startCluster() {
    dir = TempDirectories.create("cairndb-cli-cluster-it");
    List<String> join = List.of();
    for (int i = 1; i <= 3; i++) {
      int raftPort = FreePorts.pick();
      nodes.add(CairnNode.start(new NodeConfig(dir.resolve("n" + i), "127.0.0.1", 0, raftPort, 0, join, 3)));
      if (join.isEmpty()) {
        join = List.of("127.0.0.1:" + raftPort);
      }
    }
    url = "jdbc:cairndb://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  @AfterAll
  static void stopCluster() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    if (dir != null) {
      TempDirectories.deleteRecursively(dir);
    }
  }

  private static int liveNodes(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sys.nodes WHERE is_live")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void statusListsAllThreeNodesLive() throws Exception {
    // a joined node counts as live once its heartbeats arrive; give that a moment
    try (Connection c = DriverManager.getConnection(url)) {
      long deadline = System.currentTimeMillis() + LIVE_TIMEOUT_MILLIS;
      while (liveNodes(c) < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
    }

    CliRun r = CliRun.run("status", "--url", url);
    assertEquals(0, r.status(), r.err());
    String out = r.out();
    List<String> nodeTable = Arrays.asList(out.substring(0, out.indexOf("Ranges per table")).split("\n"));
    // the nodes' own log lines may be interleaved with the output (this JVM logs to stdout)
    String header = nodeTable.stream().filter(line -> line.contains("NODE_ID")).findFirst()
        .orElseThrow(() -> new AssertionError("no nodes table in:\n" + out)).toLowerCase();
    for (String column : List.of("node_id", "address", "sql_address", "is_live", "replicas", "leaders")) {
      assertTrue(header.contains(column), column + " missing from:\n" + out);
    }
    for (CairnNode node : nodes) {
      String sqlAddress = "127.0.0.1:" + node.port();
      String row = nodeTable.stream().filter(line -> line.contains(sqlAddress) && line.contains("|")).findFirst()
          .orElseThrow(() -> new AssertionError(sqlAddress + " missing from:\n" + out));
      assertTrue(row.contains("127.0.0.1:" + node.config().raftPort()), row);
      assertTrue(row.toLowerCase().contains("true"), "node not live: " + row + "\n" + out);
    }
    assertTrue(nodeTable.contains("(3 rows)"), out);
    assertTrue(out.contains("Range leaders per node"), out);
  }
}
