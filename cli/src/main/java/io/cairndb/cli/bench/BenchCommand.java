package io.cairndb.cli.bench;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.shell.TableFormatter;
import io.cairndb.cli.shell.TableFormatter.Column;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cairndb bench}: throughput and latency of point SELECTs and single-row INSERTs through JDBC. */
@Command(
    name = "bench",
    header = "Measure throughput and latency of point SELECTs and INSERTs through JDBC.",
    mixinStandardHelpOptions = true,
    description = {
      "Measures throughput (ops/s) and latency (p50/p95/p99/max, HdrHistogram) through the JDBC driver with"
          + " several closed-loop client threads, each on its own connection:",
      "point-select: prepared primary-key SELECTs of random keys over a preloaded table (bench_kv).",
      "insert: prepared single-row INSERTs in autocommit, unique keys per thread (bench_insert).",
      "transfer-1-range / transfer-2-ranges: explicit transactions moving an amount between two of 1,000"
          + " accounts (bench_accounts, split into 4 ranges) in the same range (one Raft round) or in two"
          + " neighbouring ranges (two-phase commit); conflicts (40001) are retried inside the operation.",
      "The tables are dropped and recreated at the start. Without --url, bench starts its own single node"
          + " as a separate JVM process (same classpath, temporary directory) and stops it afterwards.",
      "Prints the machine, the exact command and a result table."
    })
public final class BenchCommand implements Callable<Integer> {
  static final List<String> WORKLOAD_NAMES =
      List.of("point-select", "insert", "all", "transfer-1-range", "transfer-2-ranges", "transfers");

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL",
      description = "JDBC URL of a running cluster. Default: start a node of its own in a child JVM.")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "User name.")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "Password.")
  String password;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "Client threads (one connection each). Default: ${DEFAULT-VALUE}")
  int threads;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
      description = "Measured seconds per workload. Default: ${DEFAULT-VALUE}")
  int durationSeconds;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds per workload run before measuring starts. Default: ${DEFAULT-VALUE}")
  int warmupSeconds;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "100000",
      description = "Rows preloaded for point-select. Default: ${DEFAULT-VALUE}")
  long rows;

  @Option(names = "--workload", paramLabel = "NAME", defaultValue = "all",
      description = "point-select, insert, all (point-select, then insert), transfer-1-range,"
          + " transfer-2-ranges, or transfers (both transfer workloads). Default: ${DEFAULT-VALUE}")
  String workload;

  /** The workloads to run, in order; rejects bad flag values before anything starts. */
  List<Workload> workloads() {
    if (threads < 1 || durationSeconds < 1 || warmupSeconds < 0 || rows < 1) {
      throw new ParameterException(spec.commandLine(),
          "--threads, --duration and --rows must be at least 1, --warmup at least 0");
    }
    return switch (workload) {
      case "point-select" -> List.of(new PointSelectWorkload(rows));
      case "insert" -> List.of(new InsertWorkload());
      case "all" -> List.of(new PointSelectWorkload(rows), new InsertWorkload());
      case "transfer-1-range" -> List.of(new TransferWorkload(false));
      case "transfer-2-ranges" -> List.of(new TransferWorkload(true));
      case "transfers" -> List.of(new TransferWorkload(false), new TransferWorkload(true));
      default -> throw new ParameterException(spec.commandLine(),
          "unknown --workload '" + workload + "'; expected one of " + WORKLOAD_NAMES);
    };
  }

  /** The command as the user typed it, so a result can be reproduced. */
  String commandText() {
    StringBuilder text = new StringBuilder("bin/cairndb");
    for (String arg : spec.commandLine().getParseResult().originalArgs()) {
      text.append(' ').append(arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return text.toString();
  }

  @Override
  public Integer call() throws Exception {
    List<Workload> selected = workloads();
    PrintStream out = System.out;
    out.println("CairnDB benchmark");
    out.println("  command: " + commandText());
    out.println("  machine: " + MachineInfo.describe());
    out.printf(Locale.ROOT, "  clients: %d threads, %d s warm-up + %d s measured per workload%n",
        threads, warmupSeconds, durationSeconds);
    ChildNode child = null;
    try {
      String target = url;
      if (target == null) {
        out.println("  server:  starting a single node (replication factor 1) in a child JVM...");
        child = ChildNode.start();
        target = child.jdbcUrl();
        out.println("  server:  child JVM on the same machine, " + target);
      } else {
        out.println("  server:  " + target);
      }
      String connectTo = target;
      BenchRunner.ConnectionSource source = () -> ConnectionOptions.open(connectTo, user, password);
      List<BenchRunner.Result> results = new ArrayList<>();
      for (Workload each : selected) {
        try (Connection setup = source.open()) {
          if (each instanceof PointSelectWorkload) {
            out.printf(Locale.ROOT, "%s: loading %d rows...%n", each.name(), rows);
          }
          each.prepare(setup);
        }
        out.printf(Locale.ROOT, "%s: running...%n", each.name());
        results.add(BenchRunner.run(each, source, threads,
            Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds)));
      }
      out.println();
      out.print(report(results));
      return results.stream().allMatch(r -> r.summary().operations() > 0) ? 0 : 1;
    } finally {
      if (child != null) {
        child.close();
      }
    }
  }

  static String report(List<BenchRunner.Result> results) {
    List<Column> columns = List.of(Column.left("workload"), Column.right("threads"), Column.right("operations"),
        Column.right("ops/s"), Column.right("p50 ms"), Column.right("p95 ms"), Column.right("p99 ms"),
        Column.right("max ms"), Column.right("errors"));
    List<List<String>> rows = new ArrayList<>();
    StringBuilder errors = new StringBuilder();
    for (BenchRunner.Result result : results) {
      LatencyStats.Summary s = result.summary();
      rows.add(List.of(result.workload(), Integer.toString(result.threads()), Long.toString(s.operations()),
          String.format(Locale.ROOT, "%.0f", s.opsPerSecond()), millis(s.p50Nanos()), millis(s.p95Nanos()),
          millis(s.p99Nanos()), millis(s.maxNanos()), Long.toString(result.errors())));
      if (result.firstError() != null) {
        errors.append(result.workload()).append(": first error: ").append(result.firstError()).append('\n');
      }
    }
    return TableFormatter.format(columns, rows) + errors;
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
