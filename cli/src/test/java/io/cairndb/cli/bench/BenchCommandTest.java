package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.Main;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private static BenchCommand parse(String... args) {
    return (BenchCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void defaultsMatchTheDocumentedBenchmark() {
    BenchCommand bench = parse("bench");
    assertNull(bench.url, "without --url the benchmark starts its own node");
    assertEquals(8, bench.threads);
    assertEquals(30, bench.durationSeconds);
    assertEquals(5, bench.warmupSeconds);
    assertEquals(100_000, bench.rows);
    assertEquals(List.of("point-select", "insert"), bench.workloads().stream().map(Workload::name).toList());
  }

  @Test
  void selectsOneWorkload() {
    assertEquals(List.of("insert"), parse("bench", "--workload", "insert").workloads().stream()
        .map(Workload::name).toList());
    assertEquals(List.of("point-select"), parse("bench", "--workload", "point-select").workloads().stream()
        .map(Workload::name).toList());
  }

  @Test
  void rejectsUnknownWorkloadAndNonsenseNumbers() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("bench", "--workload", "tpc-h").workloads());
    assertThrows(CommandLine.ParameterException.class, () -> parse("bench", "--threads", "0").workloads());
  }

  @Test
  void ycsbRunsReadsThenUpdatesOnOneTable() {
    List<Workload> ycsb = parse("bench", "--workload", "ycsb", "--rows", "500").workloads();
    assertEquals(List.of("ycsb-read", "ycsb-update"), ycsb.stream().map(Workload::name).toList());
    YcsbWorkload read = (YcsbWorkload) ycsb.get(0);
    YcsbWorkload update = (YcsbWorkload) ycsb.get(1);
    assertSame(read.table(), update.table(), "loaded once, shared");
    assertEquals(500, read.table().rows);
    assertEquals(List.of("ycsb-update"), parse("bench", "--workload", "ycsb-update").workloads().stream()
        .map(Workload::name).toList());
    assertNull(parse("bench", "--workload", "ycsb").tpccSettings());
  }

  @Test
  void ycsbKeysAndRecords() {
    assertEquals("user0000000042", YcsbWorkload.key(42));
    assertTrue(YcsbWorkload.key(9_999_999_999L).length() <= 32);
    assertTrue(YcsbWorkload.key(9).compareTo(YcsbWorkload.key(10)) < 0, "keys sort as their numbers");
    assertEquals(100, YcsbWorkload.value(new java.util.SplittableRandom(1)).length());
    assertTrue(YcsbWorkload.columns().startsWith("ycsb_key VARCHAR(32) PRIMARY KEY, field0 VARCHAR(100)"));
    assertTrue(YcsbWorkload.columns().endsWith("field9 VARCHAR(100)"));
  }

  @Test
  void tpccDefaultsToTheSpecificationsScaleAndTenTerminalsPerWarehouse() {
    BenchCommand bench = parse("bench", "--workload", "tpcc");
    assertEquals(List.of(), bench.workloads());
    TpccBenchmark.Settings settings = bench.tpccSettings();
    assertEquals(1, settings.warehouses());
    assertEquals(10, settings.terminals());
    assertEquals(TpccScale.SPEC, settings.scale());
    assertFalse(settings.skipLoad());
    assertEquals(2, settings.loadThreads(), "the items and the warehouse, with 8 threads");
    assertEquals(Duration.ofSeconds(30), settings.measured());
    assertEquals(Duration.ofSeconds(5), settings.warmup());
    assertEquals(30, parse("bench", "--workload", "tpcc", "--warehouses", "3").tpccSettings().terminals());
  }

  @Test
  void tpccFlags() {
    TpccBenchmark.Settings settings = parse("bench", "--workload", "tpcc", "--warehouses", "4", "--terminals", "6",
        "--tpcc-scale", "small", "--skip-load", "--duration", "12", "--warmup", "0", "--threads", "16")
        .tpccSettings();
    assertEquals(4, settings.warehouses());
    assertEquals(6, settings.terminals());
    assertEquals(TpccScale.SMALL, settings.scale());
    assertTrue(settings.skipLoad());
    assertEquals(5, settings.loadThreads(), "one per warehouse and one for the items, at most --threads / 2");
    assertEquals(Duration.ofSeconds(12), settings.measured());
    assertEquals(Duration.ZERO, settings.warmup());
    assertEquals(1, parse("bench", "--workload", "tpcc", "--threads", "1").tpccSettings().loadThreads());
  }

  @Test
  void rejectsBadTpccFlags() {
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "tpcc", "--tpcc-scale", "huge").workloads());
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "tpcc", "--warehouses", "0").workloads());
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "tpcc", "--terminals", "0").workloads());
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("bench", "--workload", "tpcc", "--duration", "0").workloads());
    for (String[] flag : List.of(new String[] {"--warehouses", "2"}, new String[] {"--terminals", "2"},
        new String[] {"--tpcc-scale", "small"}, new String[] {"--skip-load"})) {
      List<String> args = new java.util.ArrayList<>(List.of("bench", "--workload", "point-select"));
      args.addAll(List.of(flag));
      CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
          () -> parse(args.toArray(String[]::new)).workloads());
      assertTrue(e.getMessage().contains(flag[0] + " applies only to --workload tpcc"), e.getMessage());
    }
  }

  @Test
  void helpTextFormatsCleanly() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    String usage;
    try {
      System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
      usage = Main.commandLine().getSubcommands().get("bench").getUsageMessage();
    } finally {
      System.setErr(err);
    }
    assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8), "picocli could not format the help");
    assertTrue(usage.contains("(NewOrder 45 %, Payment 43 %,"), usage);
    assertTrue(usage.contains("--tpcc-scale=SCALE"), usage);
  }

  @Test
  void commandTextReproducesTheArguments() {
    BenchCommand bench = parse("bench", "--url", "jdbc:cairndb://h:1", "--threads", "4", "--password", "a b");
    assertEquals("bin/cairndb bench --url jdbc:cairndb://h:1 --threads 4 --password 'a b'", bench.commandText());
  }

  @Test
  void insertKeysOfDifferentThreadsNeverMeet() {
    assertEquals(0, InsertWorkload.key(0, 0));
    assertTrue(InsertWorkload.key(0, 1_000_000_000L) < InsertWorkload.key(1, 0));
  }

  @Test
  void reportShowsThroughputAndPercentilesInMilliseconds() {
    LatencyStats stats = new LatencyStats();
    for (int i = 0; i < 1000; i++) {
      stats.record(2_000_000L);
    }
    var result = new BenchRunner.Result("point-select", 8, stats.summarize(Duration.ofSeconds(10)), 0, null);
    String report = BenchCommand.report(List.of(result));
    String[] lines = report.split("\n");
    assertTrue(lines[0].contains("workload") && lines[0].contains("ops/s") && lines[0].contains("p99 ms"), report);
    assertTrue(lines[2].matches(" point-select \\|\\s+8 \\|\\s+1000 \\|\\s+100 \\|\\s+2\\.00\\d \\|.*\\| +0"), report);
  }
}
