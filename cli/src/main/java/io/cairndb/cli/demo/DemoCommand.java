package io.cairndb.cli.demo;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.shell.SqlShell;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cairndb demo}: a throw-away node with sample data and a SQL shell on it. */
@Command(
    name = "demo",
    header = "Start a throw-away node with sample data and open a SQL shell on it.",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a single CairnDB node inside this process on 127.0.0.1 (free ports) in a new temporary"
          + " directory, loads a small sample shop (customers, products, orders, order_items, an index and a"
          + " view) and opens the SQL shell on it. The node's log goes to cairndb.log in that directory, not"
          + " to the terminal. Leaving the shell (\\q or Ctrl-D) stops the node and deletes the directory.",
      "When stdin is not a terminal, statements are read from it instead of opening the shell."
    })
public final class DemoCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    out.println("Starting a demo node...");
    DemoNode node = DemoNode.start();
    Thread cleanup = new Thread(node::close, "cairndb-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try (node; Connection session = ConnectionOptions.open(node.jdbcUrl(), null, null)) {
      out.println("Loading sample data...");
      load(session);
      out.print(banner(node));
      return SqlShell.runInteractiveOrStdin(session, out, System.err);
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

  static String banner(DemoNode node) {
    StringBuilder text = new StringBuilder();
    text.append('\n')
        .append("CairnDB demo: one node in this process, SQL port ").append(node.port()).append('\n')
        .append("  JDBC URL: ").append(node.jdbcUrl()).append("  (other clients can connect while the demo runs)\n")
        .append("  Data and log: ").append(node.dir()).append(" (deleted on exit; log in cairndb.log)\n")
        .append("  Sample data: ").append(DemoData.SUMMARY).append('\n')
        .append("Try:\n");
    for (String query : DemoData.EXAMPLE_QUERIES) {
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
