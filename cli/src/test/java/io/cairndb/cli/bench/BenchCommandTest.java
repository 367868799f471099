package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    assertThrows(CommandLine.ParameterException.class, () -> parse("bench", "--workload", "tpcc").workloads());
    assertThrows(CommandLine.ParameterException.class, () -> parse("bench", "--threads", "0").workloads());
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
