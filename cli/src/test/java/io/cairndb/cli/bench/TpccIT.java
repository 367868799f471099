package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.Main;
import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TPC-C against a real node in this JVM: the small scale with one warehouse, four terminals for 15 s. The run
 * must leave a database that meets the consistency conditions, with NewOrders and Payments committed and every
 * committed transaction's rows there; the checker must see a broken database as broken.
 */
class TpccIT {
  private static Path dir;
  private static CairnNode node;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("cairndb-tpcc-it");
    int raftPort;
    try (ServerSocket s = new ServerSocket(0)) {
      raftPort = s.getLocalPort();
    }
    node = CairnNode.start(new NodeConfig(dir, "127.0.0.1", 0, raftPort, 0, List.of(), 1));
  }

  @AfterAll
  static void stop() throws IOException {
    if (node != null) {
      node.close();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Connection connect() throws SQLException {
    return ConnectionOptions.open(node.jdbcUrl(), null, null);
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getLong(1);
    }
  }

  /** Runs `cairndb args...` in this JVM; returns exit status and stdout + stderr. */
  private static String[] cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      System.setOut(capture);
      System.setErr(capture);
      int status = Main.commandLine().execute(args);
      return new String[] {String.valueOf(status), bytes.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void smallScaleRunKeepsTheDatabaseConsistent() throws Exception {
    String[] refused = cli("bench", "--url", node.jdbcUrl(), "--workload", "tpcc", "--tpcc-scale", "small",
        "--skip-load", "--duration", "1", "--warmup", "0");
    assertEquals("1", refused[0], refused[1]);
    assertTrue(refused[1].contains("--skip-load: table tpcc.warehouse is not there"), refused[1]);

    TpccScale scale = TpccScale.SMALL;
    var settings = new TpccBenchmark.Settings(1, 4, scale, false, 2, Duration.ZERO, Duration.ofSeconds(15));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TpccBenchmark.Outcome outcome = TpccBenchmark.run(settings, TpccIT::connect,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String report = printed.toString(StandardCharsets.UTF_8);
    System.out.print(report); // kept in the test's output file

    assertEquals(4, outcome.checks().size(), report);
    for (TpccConsistency.Check check : outcome.checks()) {
      assertTrue(check.ok(), check.line() + "\n" + report);
    }
    TpccStats stats = outcome.stats();
    long newOrders = stats.of(TpccMix.Type.NEW_ORDER).committed();
    long payments = stats.of(TpccMix.Type.PAYMENT).committed();
    assertTrue(newOrders > 0, report);
    assertTrue(payments > 0, report);
    assertEquals(0, stats.total().errors, report);
    assertEquals(0, outcome.exitStatus(), report);
    long expectedRows = outcome.load().rows();
    assertTrue(expectedRows > 5_000 && expectedRows < 7_000, "small scale, 1 warehouse: " + expectedRows);

    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      // the loaded cardinalities (clause 4.3.3.1 at the small scale) ...
      assertEquals(scale.items(), count(statement, "SELECT COUNT(*) FROM tpcc.item"));
      assertEquals(scale.items(), count(statement, "SELECT COUNT(*) FROM tpcc.stock"));
      assertEquals(1, count(statement, "SELECT COUNT(*) FROM tpcc.warehouse"));
      assertEquals(10, count(statement, "SELECT COUNT(*) FROM tpcc.district"));
      assertEquals(300, count(statement, "SELECT COUNT(*) FROM tpcc.customer"));
      // customer c of a district is named after number c - 1 (30 customers: numbers 0 to 29)
      assertEquals(30, count(statement, "SELECT COUNT(*) FROM tpcc.customer WHERE c_last = 'BARBARBAR'"
          + " OR c_last = 'BAROUGHTOUGHT' OR c_last = 'BARABLEEING'"), "names 0, 11 and 29, once per district");
      assertEquals(0, count(statement, "SELECT COUNT(*) FROM tpcc.customer WHERE c_last = 'OUGHTBARBAR'"));
      // ... and every transaction the run counted as committed left its rows, and only those: no warm-up here,
      // each NewOrder added one order, each Payment one history row
      assertEquals(300 + newOrders, count(statement, "SELECT COUNT(*) FROM tpcc.orders"), report);
      assertEquals(300 + payments, count(statement, "SELECT COUNT(*) FROM tpcc.history"), report);
      assertEquals(1, count(statement, "SELECT COUNT(*) FROM tpcc.item WHERE i_id = 1"));
      assertEquals(0, count(statement, "SELECT COUNT(*) FROM tpcc.order_line WHERE ol_i_id > " + scale.items()),
          "rolled-back NewOrders left no order line of the unused item");
    }

    String[] again = cli("bench", "--url", node.jdbcUrl(), "--workload", "tpcc", "--tpcc-scale", "small",
        "--skip-load", "--terminals", "2", "--duration", "2", "--warmup", "0");
    assertEquals("0", again[0], again[1]);
    assertTrue(again[1].contains("\nload: skipped (--skip-load)\n"), again[1]);
    assertTrue(again[1].matches("(?s).*\n tpcc +\\| +2 \\| +[1-9][0-9]* \\| +[0-9.]+ \\|.*"), again[1]);
    assertEquals(4, again[1].split("\nconsistency 3\\.3\\.2\\.[1-4] [^\n]*: OK \\(", -1).length - 1, again[1]);

    // the checker sees each kind of damage
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE tpcc.warehouse SET w_ytd = w_ytd + 1 WHERE w_id = 1");
      statement.executeUpdate("UPDATE tpcc.district SET d_next_o_id = d_next_o_id + 1 WHERE d_w_id = 1 AND d_id = 2");
      long oldest = count(statement, "SELECT MIN(no_o_id) FROM tpcc.new_order WHERE no_w_id = 1 AND no_d_id = 3");
      assertTrue(oldest > 2, "district 3 has undelivered orders: " + oldest);
      // a gap below the oldest undelivered order: max(NO_O_ID) stays, their count no longer spans the range
      statement.executeUpdate("INSERT INTO tpcc.new_order (no_o_id, no_d_id, no_w_id) VALUES (" + (oldest - 2)
          + ", 3, 1)");
      statement.executeUpdate("DELETE FROM tpcc.order_line WHERE ol_w_id = 1 AND ol_d_id = 4 AND ol_o_id = 1"
          + " AND ol_number = 1");
      List<TpccConsistency.Check> checks = TpccConsistency.check(connection);
      assertEquals(List.of(false, false, false, false), checks.stream().map(TpccConsistency.Check::ok).toList(),
          checks.toString());
      assertTrue(checks.get(0).detail().contains("warehouse 1: W_YTD "), checks.get(0).detail());
      assertTrue(checks.get(1).detail().contains("district (1, 2)"), checks.get(1).detail());
      assertTrue(checks.get(2).detail().contains("district (1, 3)"), checks.get(2).detail());
      assertTrue(checks.get(3).detail().contains("district (1, 4)"), checks.get(3).detail());
      assertFalse(checks.get(3).detail().contains("district (1, 5)"), checks.get(3).detail());
    }
  }
}
