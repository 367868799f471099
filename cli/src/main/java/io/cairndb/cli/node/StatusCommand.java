package io.cairndb.cli.node;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.shell.ResultSetTable;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairndb status}: the cluster's nodes and ranges, as the sys tables report them. */
@Command(
    name = "status",
    header = "Show the cluster's nodes and ranges.",
    mixinStandardHelpOptions = true,
    description = "Prints the cluster's nodes (SELECT * FROM sys.nodes: node id, Raft address, SQL address,"
        + " whether it is live, and the range replicas and range leaders it holds), then a summary of its"
        + " ranges from sys.ranges: ranges and bytes per table, and range leaders per node. Any node of the"
        + " cluster answers for all of them; list several in --url to reach the cluster while one is down.")
public final class StatusCommand implements Callable<Integer> {
  static final String NODES_QUERY = "SELECT * FROM sys.nodes";
  static final String RANGES_PER_TABLE_QUERY = "SELECT COALESCE(table_name, '(system)') AS table_name, COUNT(*) AS ranges, SUM(size_bytes) AS size_bytes"
      + " FROM sys.ranges GROUP BY table_name ORDER BY table_name";
  static final String LEADERS_PER_NODE_QUERY = "SELECT leader, COUNT(*) AS ranges FROM sys.ranges"
      + " GROUP BY leader ORDER BY leader";

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws SQLException {
    PrintStream out = System.out;
    try (Connection session = connection.open()) {
      out.println("Nodes");
      printQuery(session, NODES_QUERY, out);
      out.println();
      out.println("Ranges per table");
      printQuery(session, RANGES_PER_TABLE_QUERY, out);
      out.println();
      out.println("Range leaders per node");
      printQuery(session, LEADERS_PER_NODE_QUERY, out);
    }
    return 0;
  }

  private static void printQuery(Connection session, String sql, PrintStream out) throws SQLException {
    try (Statement statement = session.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      out.print(ResultSetTable.read(rows).render());
    }
  }
}
