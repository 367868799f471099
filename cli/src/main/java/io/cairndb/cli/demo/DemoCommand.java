package io.cairndb.cli.demo;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.shell.SqlShell;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code cairndb demo}: a throw-away three-node cluster with sample data and a SQL shell on it. */
@Command(
    name = "demo",
    header = "Start a throw-away three-node cluster with sample data and open a SQL shell on it.",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a cluster of three CairnDB nodes inside this process on 127.0.0.1 (free ports), each with its"
          + " own data directory under one new temporary directory: node 1 bootstraps the cluster, nodes 2"
          + " and 3 join it, and every range is replicated on all three. Once the cluster's metadata is on"
          + " all three nodes (at most 30 s), it loads a small sample shop (customers, products, orders,"
          + " order_items, an index and a view) and opens the SQL shell through a JDBC URL that lists all"
          + " three nodes, so the driver fails over if one is gone. The nodes' log goes to cairndb.log in"
          + " that directory, not to the terminal. Leaving the shell (\\q or Ctrl-D) stops the nodes and"
          + " deletes the directory.",
      "When stdin is not a terminal, statements are read from it instead of opening the shell."
    })
public final class DemoCommand implements Callable<Integer> {
  /** How long to wait for the meta range to reach three replicas before loading anyway. */
  static final Duration REPLICATION_WAIT = Duration.ofSeconds(30);

  /** Queries the banner suggests for looking at the cluster itself. */
  static final List<String> CLUSTER_QUERIES = List.of(
      "SELECT * FROM sys.nodes;",
      "SELECT range_id, table_name, replicas, leader FROM sys.ranges;");

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    out.println("Starting a three-node demo cluster...");
    DemoCluster cluster = DemoCluster.create();
    Thread cleanup = new Thread(cluster::close, "cairndb-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try (cluster) {
      cluster.start();
      try (Connection session = ConnectionOptions.open(cluster.jdbcUrl(), null, null)) {
        out.println("Waiting for the cluster's metadata to replicate to all three nodes...");
        int replicas = DemoCluster.awaitMetaReplicas(session, REPLICATION_WAIT);
        if (replicas < DemoCluster.NODES) {
          out.println("The meta range has " + replicas + " of " + DemoCluster.NODES + " replicas after "
              + REPLICATION_WAIT.toSeconds() + " s; continuing (ranges up-replicate as the nodes catch up).");
        }
        out.println("Loading sample data...");
        load(session);
        out.print(banner(cluster.ports(), cluster.jdbcUrl(), cluster.dir()));
        return SqlShell.runInteractiveOrStdin(session, out, System.err);
      }
    } finally {
      removeHook(cleanup);
    }
  }

  /** Creates the sample schema and fills it, through the JDBC driver like any client. */
  private static void load(Connection session) throws SQLException {
    try (Statement statement = session.createStatement()) {
      for (String sql : DemoData.SCHEMA) {
        statement.execute(sql);
      }
      for (String sql : DemoData.inserts()) {
        statement.execute(sql);
      }
    }
  }

  static String banner(List<Integer> ports, String jdbcUrl, Path dir) {
    String portList = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    StringBuilder text = new StringBuilder();
    text.append('\n')
        .append("CairnDB demo: ").append(ports.size() == 3 ? "three" : String.valueOf(ports.size()))
        .append(" nodes in this process, SQL ports ").append(portList).append('\n')
        .append("  JDBC URL: ").append(jdbcUrl).append("  (other clients can connect while the demo runs)\n")
        .append("    it lists every node, so the driver fails over to the next one if a node is gone\n")
        .append("  Data and log: ").append(dir).append(" (deleted on exit; log in cairndb.log)\n")
        .append("  Sample data: ").append(DemoData.SUMMARY).append('\n')
        .append("Try:\n");
    for (String query : DemoData.EXAMPLE_QUERIES) {
      text.append("  ").append(query).append('\n');
    }
    for (String query : CLUSTER_QUERIES) {
      text.append("  ").append(query).append('\n');
    }
    text.append("  \\d orders\n\n");
    return text.toString();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to; it does the same cleanup
    }
  }
}
