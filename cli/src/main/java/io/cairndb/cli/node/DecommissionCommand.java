package io.cairndb.cli.node;

import io.cairndb.cli.ConnectionOptions;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairndb node decommission ID}: runs {@code ALTER NODE ID DECOMMISSION} and waits until the node holds no
 * replica, so it can then be stopped without any range losing its majority.
 */
@Command(
    name = "decommission",
    header = "Move every replica off a node so it can be stopped safely.",
    mixinStandardHelpOptions = true,
    description = {
      "Marks the node draining (ALTER NODE ID DECOMMISSION): it receives no new replicas and the cluster moves"
          + " each of its replicas to another node (added there first, then removed from it). Waits until the"
          + " node holds no replica (sys.nodes.replicas = 0), printing progress; then the node can be stopped.",
      "Refused when fewer nodes than the replication factor would remain to hold the replicas, unless --force."
    })
public final class DecommissionCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The node id (see cairndb status or sys.nodes).")
  int nodeId;

  @Option(names = "--force", description = "Decommission even if fewer nodes than the replication factor remain.")
  boolean force;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600",
      description = "How long to wait for the node to empty; 0 returns at once. Default: ${DEFAULT-VALUE}")
  int waitSeconds;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws SQLException, InterruptedException {
    PrintStream out = System.out;
    try (Connection session = connection.open()) {
      try (Statement s = session.createStatement()) {
        s.execute("ALTER NODE " + nodeId + " DECOMMISSION" + (force ? " FORCE" : ""));
      }
      out.println("node " + nodeId + " is draining");
      long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
      int last = -1;
      while (true) {
        int replicas = replicasOf(session);
        if (replicas != last) {
          out.println("node " + nodeId + ": " + replicas + " replicas left");
          last = replicas;
        }
        if (replicas == 0) {
          out.println("node " + nodeId + " holds no replicas; it can be stopped");
          return 0;
        }
        if (System.currentTimeMillis() >= deadline) {
          out.println("node " + nodeId + " still holds " + replicas + " replicas; it keeps draining (check with"
              + " cairndb status)");
          return waitSeconds == 0 ? 0 : 3;
        }
        Thread.sleep(1000);
      }
    }
  }

  /** Ranges whose replica list (sys.ranges.replicas, "1,2,3") names the node. */
  private int replicasOf(Connection session) throws SQLException {
    int count = 0;
    try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery("SELECT replicas FROM sys.ranges")) {
      while (rs.next()) {
        for (String node : rs.getString(1).split(",")) {
          if (node.trim().equals(Integer.toString(nodeId))) {
            count++;
          }
        }
      }
    }
    return count;
  }
}
