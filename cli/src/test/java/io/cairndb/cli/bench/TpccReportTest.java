package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpccReportTest {
  private static final long MILLI = 1_000_000L;

  /** 10 s measured: 600 NewOrders (2 rolled back), 500 Payments (3 retries on 40001, 1 on 40P01), 1 error. */
  private static TpccBenchmark.Outcome outcome(boolean consistent, LoadResult load) {
    TpccStats stats = new TpccStats();
    for (int i = 0; i < 600; i++) {
      stats.of(TpccMix.Type.NEW_ORDER).latencies.record(10 * MILLI);
    }
    stats.of(TpccMix.Type.NEW_ORDER).rollbacks = 2;
    for (int i = 0; i < 500; i++) {
      stats.of(TpccMix.Type.PAYMENT).latencies.record(4 * MILLI);
    }
    for (int i = 0; i < 3; i++) {
      stats.of(TpccMix.Type.PAYMENT).retried("40001", "restart transaction: conflict on PUBLIC.DISTRICT (D_W_ID, D_ID)"
          + " = (1, " + (i + 2) + ") in range " + (10 + i) + ": it was read");
    }
    stats.of(TpccMix.Type.PAYMENT).retried("40P01");
    stats.of(TpccMix.Type.DELIVERY).retried("40001");
    stats.of(TpccMix.Type.DELIVERY).givenUp = 1;
    stats.of(TpccMix.Type.STOCK_LEVEL).errors = 1;
    stats.error("stock-level: broken (SQLSTATE XX000)");
    var settings = new TpccBenchmark.Settings(1, 4, TpccScale.SMALL, load == null, 1, Duration.ZERO,
        Duration.ofSeconds(10));
    var checks = List.of(
        new TpccConsistency.Check("3.3.2.1", "W_YTD = sum(D_YTD)", true, "1 warehouses"),
        new TpccConsistency.Check("3.3.2.4", "sum(O_OL_CNT) = rows in ORDER_LINE", consistent, "details"));
    return new TpccBenchmark.Outcome(settings, load, stats, checks);
  }

  @Test
  void reportHasARowPerTransactionAndTheTotals() {
    String report = TpccBenchmark.report(outcome(true, new LoadResult(6_000, 2_000 * MILLI)));
    String[] lines = report.split("\n");
    assertTrue(lines[0].matches(" transaction +\\| terminals \\| committed \\| +tx/s \\|.*\\| retries \\|"
        + " given up \\| rollbacks \\| errors"), lines[0]);
    assertTrue(lines[2].matches(" new-order +\\| +4 \\| +600 \\| +60\\.0 \\| +10\\.0\\d\\d \\|.*\\| +0 \\| +0 \\|"
        + " +2 \\| +0"), lines[2]);
    assertTrue(lines[3].matches(" payment +\\| +4 \\| +500 \\| +50\\.0 \\|.*\\| +4 \\| +0 \\| +0 \\| +0"), lines[3]);
    assertTrue(lines[5].matches(" delivery +\\| +4 \\| +0 \\| +0\\.0 \\|.*\\| +1 \\| +1 \\| +0 \\| +0"), lines[5]);
    assertTrue(lines[7].matches(" tpcc +\\| +4 \\| +1100 \\| +110\\.0 \\|.*\\| +5 \\| +1 \\| +2 \\| +1"), lines[7]);
    assertTrue(report.contains("\ntpmC: 3600.0 (NewOrders committed per minute; 2 more rolled back"), report);
    assertTrue(report.contains("\nload: 2.0 s (3000 rows/s, 6000 rows, 1 warehouses, scale small)\n"), report);
    assertTrue(report.contains("\nretries by SQLSTATE: 40001: payment 3, delivery 1; 40P01: payment 1\n"), report);
    assertTrue(report.contains("\nfirst error: stock-level: broken (SQLSTATE XX000)\n"), report);
    assertTrue(report.contains("\n  payment retried 3× for: restart transaction: conflict on PUBLIC.DISTRICT (D_W_ID, "
        + "D_ID) = (…) in range #: it was read\n"), report);
    assertTrue(report.contains("\nconsistency 3.3.2.1 W_YTD = sum(D_YTD): OK (1 warehouses)\n"), report);
    assertTrue(report.contains("\nconsistency 3.3.2.4 sum(O_OL_CNT) = rows in ORDER_LINE: OK (details)\n"), report);
  }

  @Test
  void aFailedConditionOrNoCommitMeansExitStatusOne() {
    assertEquals(0, outcome(true, null).exitStatus());
    TpccBenchmark.Outcome inconsistent = outcome(false, null);
    assertEquals(1, inconsistent.exitStatus());
    assertTrue(TpccBenchmark.report(inconsistent).contains("rows in ORDER_LINE: FAILED (details)"));
    assertTrue(TpccBenchmark.report(inconsistent).contains("\nload: skipped (--skip-load)\n"));
    var nothing = new TpccBenchmark.Outcome(inconsistent.settings(), null, new TpccStats(),
        List.of(new TpccConsistency.Check("3.3.2.1", "W_YTD = sum(D_YTD)", true, "")));
    assertEquals(1, nothing.exitStatus());
    assertEquals("none", TpccBenchmark.retriesBySqlState(new TpccStats()));
  }

  /** bench/lib.sh reads the figures of two runs from these reports; both must keep agreeing on the format. */
  @Test
  void benchScriptsReadTheFiguresOfTheReport(@TempDir Path dir) throws Exception {
    Path lib = Path.of("..", "bench", "lib.sh").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(lib), "run from the cli module of the repository");
    assumeTrue(canRun("bash", "--version") && canRun("awk", "BEGIN {}"), "needs bash and awk");
    Path cairn = dir.resolve("cairn.txt");
    Path postgres = dir.resolve("postgres.txt");
    Files.writeString(cairn, TpccBenchmark.report(outcome(true, new LoadResult(6_000, 2_000 * MILLI))));
    TpccBenchmark.Outcome faster = outcome(true, new LoadResult(6_000, 500 * MILLI));
    for (int i = 0; i < 1_100; i++) {
      faster.stats().of(TpccMix.Type.PAYMENT).latencies.record(MILLI);
    }
    Files.writeString(postgres, TpccBenchmark.report(faster));
    String script = "source '" + lib + "'; ops '" + cairn + "' tpcc; tpmc '" + cairn + "'; load_rate '" + cairn
        + "'; print_ratios A '" + cairn + "' B '" + postgres + "'";
    Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    String[] lines = output.split("\n");
    assertEquals("110.0", lines[0]);
    assertEquals("3600.0", lines[1]);
    assertEquals("3000", lines[2]);
    assertTrue(output.contains("tpcc               A      110.0 tx/s   B      220.0 tx/s   ratio 0.50"), output);
    assertTrue(output.contains("tpmC               A     3600.0 tpmC   B     3600.0 tpmC   ratio 1.00"), output);
    assertTrue(output.contains("tpcc load          A       3000 rows/s   B      12000 rows/s   ratio 0.25"), output);
  }

  private static boolean canRun(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
