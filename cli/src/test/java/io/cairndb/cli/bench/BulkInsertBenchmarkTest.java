package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.Main;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BulkInsertBenchmarkTest {
  private static final long MILLI = 1_000_000L;

  private static BenchCommand parse(String... args) {
    return (BenchCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void defaultsToAMillionRowsAndFourClients() {
    BenchCommand bench = parse("bench", "--workload", "bulk-insert");
    assertEquals(List.of(), bench.workloads());
    BulkInsertBenchmark.Settings settings = bench.bulkInsertSettings();
    assertEquals(1_000_000, settings.rows());
    assertEquals(4, settings.clients());
    assertEquals(Duration.ofSeconds(5), settings.warmup());
    assertNull(bench.tpccSettings());
  }

  @Test
  void takesRowsThreadsAndWarmupWhenGiven() {
    BulkInsertBenchmark.Settings settings = parse("bench", "--workload", "bulk-insert", "--rows", "50000",
        "--threads", "8", "--warmup", "0").bulkInsertSettings();
    assertEquals(50_000, settings.rows());
    assertEquals(8, settings.clients());
    assertEquals(Duration.ZERO, settings.warmup());
    assertEquals(100_000, parse("bench", "--workload", "bulk-insert", "--rows", "100000").bulkInsertSettings().rows(),
        "an explicit --rows equal to the other workloads' default is still taken");
    assertEquals(1, parse("bench", "--workload", "bulk-insert", "--threads", "1").bulkInsertSettings().clients());
  }

  @Test
  void theOtherWorkloadsKeepTheirDefaults() {
    BenchCommand ycsb = parse("bench", "--workload", "ycsb");
    assertNull(ycsb.bulkInsertSettings());
    assertEquals(100_000, ((YcsbWorkload) ycsb.workloads().get(0)).table().rows);
    assertEquals(8, ycsb.threads);
    assertTrue(BenchCommand.WORKLOAD_NAMES.contains("bulk-insert"));
  }

  @Test
  void rejectsTpccFlagsDurationAndNonsenseNumbers() {
    for (String[] flag : List.of(new String[] {"--warehouses", "2"}, new String[] {"--terminals", "2"},
        new String[] {"--tpcc-scale", "small"}, new String[] {"--skip-load"})) {
      List<String> args = new ArrayList<>(List.of("bench", "--workload", "bulk-insert"));
      args.addAll(List.of(flag));
      CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
          () -> parse(args.toArray(String[]::new)).workloads());
      assertTrue(e.getMessage().contains(flag[0] + " applies only to --workload tpcc"), e.getMessage());
    }
    CommandLine.ParameterException duration = assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "bulk-insert", "--duration", "10").workloads());
    assertTrue(duration.getMessage().contains("--duration does not apply to --workload bulk-insert"),
        duration.getMessage());
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "bulk-insert", "--rows", "0").workloads());
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "bulk-insert", "--threads", "0").workloads());
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "bulk-insert", "--warmup", "-1").workloads());
  }

  @Test
  void helpDescribesTheWorkload() {
    String usage = Main.commandLine().getSubcommands().get("bench").getUsageMessage();
    assertTrue(usage.contains("bulk-insert (issue #18)"), usage);
    assertTrue(usage.contains("g % 1000"), usage);
  }

  @Test
  void theInsertStatementInEachForm() {
    assertEquals("INSERT INTO bench_bulk (id, k, payload) SELECT g, g % 1000, 'row-' || CAST(g AS VARCHAR)"
        + " FROM generate_series(1, 10000000) AS s(g)", BulkInsertBenchmark.FORMS.get(0).statement(10_000_000));
    assertEquals("INSERT INTO bench_bulk (id, k, payload) SELECT g, g % 1000, 'row-' || CAST(g AS VARCHAR)"
        + " FROM TABLE(generate_series(1, 5)) AS s(g)", BulkInsertBenchmark.FORMS.get(1).statement(5));
    assertEquals("INSERT INTO bench_bulk (id, k, payload) SELECT generate_series, generate_series % 1000, 'row-'"
        + " || CAST(generate_series AS VARCHAR) FROM TABLE(generate_series(1, 0))",
        BulkInsertBenchmark.FORMS.get(2).statement(0));
  }

  @Test
  void expectedSumIsTheSumOfGModulo1000() {
    for (long rows : new long[] {0, 1, 2, 999, 1000, 1001, 1999, 12_345, 50_000}) {
      long sum = 0;
      for (long g = 1; g <= rows; g++) {
        sum += g % 1000;
      }
      assertEquals(sum, BulkInsertBenchmark.expectedSum(rows), "rows " + rows);
    }
    assertEquals(4_995_000_000L, BulkInsertBenchmark.expectedSum(10_000_000));
  }

  /** 4 clients during a 10 s INSERT of 50,000 rows: 1,000 reads of 2 ms, 900 updates of 5 ms and 2 of 2.5 s. */
  private static BulkInsertBenchmark.Outcome outcome(BulkInsertBenchmark.InsertResult insert,
      List<BulkInsertBenchmark.Check> checks) {
    BulkInsertBenchmark.OpStats reads = new BulkInsertBenchmark.OpStats();
    for (int i = 0; i < 1000; i++) {
      reads.latencies.record(2 * MILLI);
    }
    BulkInsertBenchmark.OpStats updates = new BulkInsertBenchmark.OpStats();
    for (int i = 0; i < 900; i++) {
      updates.latencies.record(5 * MILLI);
    }
    updates.latencies.record(2_500 * MILLI);
    updates.latencies.record(2_500 * MILLI);
    updates.slow = 2;
    updates.slowOnes.add(new BulkInsertBenchmark.SlowOperation(BulkInsertBenchmark.UPDATE, 9_100 * MILLI,
        2_500 * MILLI));
    updates.slowOnes.add(new BulkInsertBenchmark.SlowOperation(BulkInsertBenchmark.UPDATE, -300 * MILLI,
        2_500 * MILLI));
    updates.retriesByState.put("40001", 3L);
    reads.retriesByState.put("40001", 1L);
    updates.errorsByState.put("XX000", 1L);
    updates.firstError = "point-update: broken (SQLSTATE XX000)";
    var settings = new BulkInsertBenchmark.Settings(50_000, 4, Duration.ofSeconds(5));
    var rejected = List.of(new BulkInsertBenchmark.Rejected(BulkInsertBenchmark.FORMS.get(0),
        "syntax error (SQLSTATE 42601)"));
    return new BulkInsertBenchmark.Outcome(settings, rejected, insert, reads, updates, checks);
  }

  private static final String STATEMENT = BulkInsertBenchmark.FORMS.get(1).statement(50_000);

  @Test
  void reportHasTheInsertTheClientsAndTheChecks() {
    var checks = List.of(new BulkInsertBenchmark.Check("COUNT(*) WHERE id > 0 = 50000", true, "50000"),
        new BulkInsertBenchmark.Check("SUM(k) WHERE id < 0 = 902", true, "902"));
    var outcome = outcome(new BulkInsertBenchmark.InsertResult(STATEMENT, 10_000 * MILLI, 50_000, null), checks);
    String report = BulkInsertBenchmark.report(outcome);
    String[] lines = report.split("\n");
    assertTrue(lines[0].matches(" operation +\\| clients \\| operations \\| ops/s \\| p50 ms \\| p95 ms \\| p99 ms \\|"
        + " +max ms \\| over 2 s \\| retries \\| errors"), lines[0]);
    assertTrue(lines[2].matches(" point-read +\\| +4 \\| +1000 \\| +100 \\| +2\\.00\\d \\|.*\\| +0 \\| +1 \\| +0"),
        lines[2]);
    assertTrue(lines[3].matches(" point-update +\\| +4 \\| +902 \\| +90 \\| +5\\.00\\d \\|.*\\| +250\\d\\.\\d+ \\| +2"
        + " \\| +3 \\| +1"), lines[3]);
    assertEquals("insert: 50000 rows in 10.0 s (5000 rows/s), one statement in autocommit", lines[4]);
    assertEquals("statement: " + STATEMENT, lines[5]);
    assertEquals("refused form: FROM generate_series(1, 0) AS s(g): syntax error (SQLSTATE 42601)", lines[6]);
    assertEquals("issue #18 (INSERT commits, no read or update waits over 2 s): NOT met (2 of 1903 operations waited"
        + " over 2 s)", lines[7]);
    assertEquals("over 2 s (started when, after the INSERT's start): point-update started at -0.3 s for 2500.0 ms,"
        + " point-update started at 9.1 s for 2500.0 ms", lines[8]);
    assertEquals("retries by SQLSTATE: 40001: point-read 1, point-update 3", lines[9]);
    assertEquals("errors by SQLSTATE: XX000: point-update 1", lines[10]);
    assertEquals("first error: point-update: broken (SQLSTATE XX000)", lines[11]);
    assertEquals("check COUNT(*) WHERE id > 0 = 50000: OK (found 50000)", lines[12]);
    assertEquals("check SUM(k) WHERE id < 0 = 902: OK (found 902)", lines[13]);
    assertEquals(0, outcome.exitStatus());
  }

  @Test
  void aFailedInsertOrCheckMeansExitStatusOne() {
    var ok = List.of(new BulkInsertBenchmark.Check("COUNT(*) WHERE id > 0 = 0 (the failed INSERT left no row)", true,
        "0"));
    var failed = outcome(new BulkInsertBenchmark.InsertResult(STATEMENT, 1_500 * MILLI, 0,
        "restart transaction (SQLSTATE 40001)"), ok);
    String report = BulkInsertBenchmark.report(failed);
    assertTrue(report.contains("\ninsert: FAILED after 1.5 s: restart transaction (SQLSTATE 40001)\n"), report);
    assertTrue(report.contains("NOT met (the INSERT failed, 2 of 1903 operations"), report);
    assertEquals(1, failed.exitStatus());

    var wrongSum = outcome(new BulkInsertBenchmark.InsertResult(STATEMENT, 1_000 * MILLI, 50_000, null),
        List.of(new BulkInsertBenchmark.Check("SUM(k) WHERE id > 0 = 24975000", false, "24974000")));
    assertTrue(BulkInsertBenchmark.report(wrongSum).contains("\ncheck SUM(k) WHERE id > 0 = 24975000: FAILED (found"
        + " 24974000)\n"));
    assertEquals(1, wrongSum.exitStatus());

    var notRun = new BulkInsertBenchmark.Outcome(wrongSum.settings(), List.of(),
        new BulkInsertBenchmark.InsertResult(null, 0, 0, "the server refused every form of the INSERT"),
        new BulkInsertBenchmark.OpStats(), new BulkInsertBenchmark.OpStats(), List.of());
    assertEquals("insert: not run: the server refused every form of the INSERT\n", BulkInsertBenchmark.report(notRun));
    assertEquals(1, notRun.exitStatus());
  }

  @Test
  void showsTheFirstSlowOperationsAndHowManyMore() {
    var outcome = outcome(new BulkInsertBenchmark.InsertResult(STATEMENT, 10_000 * MILLI, 50_000, null), List.of());
    outcome.updates().slow = 25;
    outcome.reads().slow = 9;
    for (int i = 0; i < 9; i++) {
      outcome.reads().slowOnes.add(new BulkInsertBenchmark.SlowOperation(BulkInsertBenchmark.READ,
          (i + 1) * 1_000 * MILLI, 3_000 * MILLI));
    }
    String line = BulkInsertBenchmark.slowOnes(outcome);
    assertTrue(line.startsWith("over 2 s (started when, after the INSERT's start): point-update started at -0.3 s for"
        + " 2500.0 ms, point-read started at 1.0 s for 3000.0 ms, "), line);
    assertTrue(line.endsWith(", point-read started at 9.0 s for 3000.0 ms, and 24 more\n"), line);
  }

  @Test
  void noSlowOperationMeetsTheIssuesTarget() {
    var outcome = outcome(new BulkInsertBenchmark.InsertResult(STATEMENT, 10_000 * MILLI, 50_000, null), List.of());
    outcome.updates().slow = 0;
    outcome.updates().slowOnes.clear();
    String report = BulkInsertBenchmark.report(outcome);
    assertTrue(report.contains("\nissue #18 (INSERT commits, no read or update waits over 2 s): met (1903 operations"
        + " during the INSERT)\nretries by SQLSTATE: "), report);
  }
}
