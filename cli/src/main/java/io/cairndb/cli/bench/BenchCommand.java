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

/**
 * {@code cairndb bench}: throughput and latency through JDBC: point SELECTs, INSERTs, transfers, YCSB, TPC-C, and one
 * big INSERT … SELECT next to point reads and updates (bulk-insert).
 */
@Command(
    name = "bench",
    header = "Measure throughput and latency through JDBC: point SELECTs, INSERTs, transfers, YCSB, TPC-C, bulk"
        + " INSERT.",
    mixinStandardHelpOptions = true,
    description = {
      "Measures throughput (ops/s) and latency (p50/p95/p99/max, HdrHistogram) through the JDBC driver with"
          + " several closed-loop client threads, each on its own connection:",
      "point-select: prepared primary-key SELECTs of random keys over a preloaded table (bench_kv).",
      "insert: prepared single-row INSERTs in autocommit, unique keys per thread (bench_insert).",
      "transfer-1-range / transfer-2-ranges: explicit transactions moving an amount between two of 1,000"
          + " accounts (bench_accounts, split into 4 ranges) in the same range (one Raft round) or in two"
          + " neighbouring ranges (two-phase commit); conflicts (40001) are retried inside the operation.",
      "ycsb-read / ycsb-update: YCSB-style operations on bench_ycsb (--rows records of ten 100-character"
          + " fields), keys drawn from YCSB's scrambled Zipfian distribution (0.99): 100 %% prepared point reads of"
          + " a whole record, or 50 %% such reads and 50 %% updates of one random field, in autocommit; ycsb runs"
          + " both (the table is loaded once, with batched INSERTs).",
      "tpcc: TPC-C (5.11): the nine tables in schema tpcc, loaded with --warehouses warehouses at --tpcc-scale,"
          + " then --terminals terminals (each a thread with its own connection, bound to warehouse t %% N + 1)"
          + " run the five transactions in the specification's mix (NewOrder 45 %%, Payment 43 %%, OrderStatus,"
          + " Delivery and StockLevel 4 %% each) in SERIALIZABLE transactions with no keying or think time;"
          + " 40001/40P01 are retried (up to 20 attempts). Prints a row per transaction, the total row tpcc,"
          + " tpmC, the load's time and rows/s, and the consistency conditions 3.3.2.1-4; exits 1 if one fails.",
      "bulk-insert (issue #18): bench_bulk (id BIGINT PRIMARY KEY, k, payload) with 10,000 preloaded rows (ids"
          + " -10000..-1); after --warmup seconds of the clients alone, one INSERT INTO bench_bulk SELECT g, g %% 1000,"
          + " 'row-' || CAST(g AS VARCHAR) FROM generate_series(1, N) AS s(g) in autocommit, N = --rows (default"
          + " 1,000,000 for this workload), while --threads clients (default 4 for this workload) each repeat a"
          + " prepared point read and a point update (k = k + 1) of random preloaded rows in autocommit, 40001/40P01"
          + " retried inside the operation. Measured: operations that overlap the INSERT. Prints the INSERT's time"
          + " and rows/s, the clients' latencies, how many waited over 2 s and errors by SQLSTATE, then checks the"
          + " rows and sums; exits 1 if the INSERT fails or a check does not hold. --duration does not apply.",
      "The tables are dropped and recreated at the start (tpcc: unless --skip-load). Without --url, bench starts"
          + " its own single node as a separate JVM process (same classpath, temporary directory) and stops it"
          + " afterwards.",
      "Prints the machine, the exact command and a result table."
    })
public final class BenchCommand implements Callable<Integer> {
  static final List<String> WORKLOAD_NAMES = List.of("point-select", "insert", "all", "transfer-1-range",
      "transfer-2-ranges", "transfers", "ycsb-read", "ycsb-update", "ycsb", "tpcc", "bulk-insert");
  /** The flags that only --workload tpcc uses. */
  static final List<String> TPCC_FLAGS = List.of("--warehouses", "--terminals", "--tpcc-scale", "--skip-load");
  /** TPC-C's terminals per warehouse (clause 4.2.2), the default of --terminals. */
  static final int TERMINALS_PER_WAREHOUSE = 10;

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL",
      description = "JDBC URL of a running cluster. Default: start a node of its own in a child JVM.")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "User name.")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "Password.")
  String password;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
      description = "Client threads (one connection each); tpcc loads with --threads / 2 threads (at most one per"
          + " warehouse plus one for the items) and runs --terminals terminals; bulk-insert: the clients reading and"
          + " updating while the INSERT runs, default " + BulkInsertBenchmark.DEFAULT_CLIENTS + " for it."
          + " Default: ${DEFAULT-VALUE}")
  int threads;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
      description = "Measured seconds per workload (not bulk-insert: it measures while its INSERT runs)."
          + " Default: ${DEFAULT-VALUE}")
  int durationSeconds;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds per workload run before measuring starts (bulk-insert: the clients alone, before the"
          + " INSERT starts). Default: ${DEFAULT-VALUE}")
  int warmupSeconds;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "100000",
      description = "Rows preloaded for point-select and the ycsb workloads; bulk-insert: the rows its INSERT"
          + " writes, default 1,000,000 for it. Default: ${DEFAULT-VALUE}")
  long rows;

  @Option(names = "--workload", paramLabel = "NAME", defaultValue = "all",
      description = "point-select, insert, all (point-select, then insert), transfer-1-range,"
          + " transfer-2-ranges, transfers (both transfer workloads), ycsb-read, ycsb-update, ycsb (both ycsb"
          + " workloads), tpcc, or bulk-insert. Default: ${DEFAULT-VALUE}")
  String workload;

  @Option(names = "--warehouses", paramLabel = "N", defaultValue = "1",
      description = "tpcc: warehouses (the scale factor). Default: ${DEFAULT-VALUE}")
  int warehouses;

  @Option(names = "--terminals", paramLabel = "N",
      description = "tpcc: terminals, each a thread with its own connection; terminal t works on warehouse"
          + " t %% warehouses + 1. Default: 10 per warehouse, as in the specification.")
  Integer terminals;

  @Option(names = "--tpcc-scale", paramLabel = "SCALE", defaultValue = "spec",
      description = "tpcc: spec (TPC-C's cardinalities: 100,000 items; per warehouse 100,000 stock rows and 10"
          + " districts of 3,000 customers and 3,000 orders, 900 of them new) or small (1,000 items; 30 customers"
          + " and 30 orders per district, 9 new: for quick checks). Default: ${DEFAULT-VALUE}")
  String tpccScale;

  @Option(names = "--skip-load",
      description = "tpcc: reuse the tables an earlier run loaded (same --tpcc-scale, at least --warehouses"
          + " warehouses) instead of dropping and loading them.")
  boolean skipLoad;

  /**
   * The workloads to run, in order (none for tpcc and bulk-insert, which {@link #tpccSettings} and {@link
   * #bulkInsertSettings} describe); rejects bad flag values before anything starts.
   */
  List<Workload> workloads() {
    if (threads < 1 || durationSeconds < 1 || warmupSeconds < 0 || rows < 1) {
      throw new ParameterException(spec.commandLine(),
          "--threads, --duration and --rows must be at least 1, --warmup at least 0");
    }
    if (!"tpcc".equals(workload)) {
      for (String flag : TPCC_FLAGS) {
        if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
          throw new ParameterException(spec.commandLine(), flag + " applies only to --workload tpcc");
        }
      }
    }
    return switch (workload) {
      case "point-select" -> List.of(new PointSelectWorkload(rows));
      case "insert" -> List.of(new InsertWorkload());
      case "all" -> List.of(new PointSelectWorkload(rows), new InsertWorkload());
      case "transfer-1-range" -> List.of(new TransferWorkload(false));
      case "transfer-2-ranges" -> List.of(new TransferWorkload(true));
      case "transfers" -> List.of(new TransferWorkload(false), new TransferWorkload(true));
      case "ycsb-read" -> List.of(YcsbWorkload.read(new YcsbWorkload.Table(rows)));
      case "ycsb-update" -> List.of(YcsbWorkload.update(new YcsbWorkload.Table(rows)));
      case "ycsb" -> {
        YcsbWorkload.Table table = new YcsbWorkload.Table(rows);
        yield List.of(YcsbWorkload.read(table), YcsbWorkload.update(table));
      }
      case "tpcc" -> {
        tpccSettings();
        yield List.of();
      }
      case "bulk-insert" -> {
        bulkInsertSettings();
        yield List.of();
      }
      default -> throw new ParameterException(spec.commandLine(),
          "unknown --workload '" + workload + "'; expected one of " + WORKLOAD_NAMES);
    };
  }

  /** What --workload tpcc runs; null for the other workloads. Rejects bad TPC-C flag values. */
  TpccBenchmark.Settings tpccSettings() {
    if (!"tpcc".equals(workload)) {
      return null;
    }
    TpccScale scale = TpccScale.named(tpccScale);
    if (scale == null) {
      throw new ParameterException(spec.commandLine(),
          "unknown --tpcc-scale '" + tpccScale + "'; expected spec or small");
    }
    int terminalCount = terminals == null ? TERMINALS_PER_WAREHOUSE * warehouses : terminals;
    if (warehouses < 1 || terminalCount < 1) {
      throw new ParameterException(spec.commandLine(), "--warehouses and --terminals must be at least 1");
    }
    if (durationSeconds < 1 || warmupSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--duration must be at least 1, --warmup at least 0");
    }
    // the items and each warehouse are loaded by separate tasks; half the threads leave room for the server
    int loadThreads = Math.max(1, Math.min(threads / 2, warehouses + 1));
    return new TpccBenchmark.Settings(warehouses, terminalCount, scale, skipLoad, loadThreads,
        Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds));
  }

  /**
   * What --workload bulk-insert runs; null for the other workloads. Its --rows and --threads default to
   * {@link BulkInsertBenchmark#DEFAULT_ROWS} and {@link BulkInsertBenchmark#DEFAULT_CLIENTS} unless given.
   */
  BulkInsertBenchmark.Settings bulkInsertSettings() {
    if (!"bulk-insert".equals(workload)) {
      return null;
    }
    var parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--duration")) {
      throw new ParameterException(spec.commandLine(),
          "--duration does not apply to --workload bulk-insert: it measures while its INSERT runs");
    }
    long insertRows = parsed.hasMatchedOption("--rows") ? rows : BulkInsertBenchmark.DEFAULT_ROWS;
    int clients = parsed.hasMatchedOption("--threads") ? threads : BulkInsertBenchmark.DEFAULT_CLIENTS;
    if (insertRows < 1 || clients < 1 || warmupSeconds < 0) {
      throw new ParameterException(spec.commandLine(),
          "--rows and --threads must be at least 1, --warmup at least 0");
    }
    return new BulkInsertBenchmark.Settings(insertRows, clients, Duration.ofSeconds(warmupSeconds));
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
    TpccBenchmark.Settings tpcc = tpccSettings();
    BulkInsertBenchmark.Settings bulk = bulkInsertSettings();
    PrintStream out = System.out;
    out.println("CairnDB benchmark");
    out.println("  command: " + commandText());
    out.println("  machine: " + MachineInfo.describe());
    if (bulk != null) {
      out.printf(Locale.ROOT, "  clients: 1 connection runs one INSERT of %d rows; meanwhile %d threads read and"
          + " update single rows, %d s warm-up before it%n", bulk.rows(), bulk.clients(), warmupSeconds);
    } else if (tpcc == null) {
      out.printf(Locale.ROOT, "  clients: %d threads, %d s warm-up + %d s measured per workload%n",
          threads, warmupSeconds, durationSeconds);
    } else {
      out.printf(Locale.ROOT, "  clients: TPC-C, %d terminals on %d warehouses (scale %s), %d s warm-up + %d s"
          + " measured%n", tpcc.terminals(), tpcc.warehouses(), tpcc.scale().name(), warmupSeconds,
          durationSeconds);
    }
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
      if (tpcc != null) {
        return TpccBenchmark.run(tpcc, source, out).exitStatus();
      }
      if (bulk != null) {
        return BulkInsertBenchmark.run(bulk, source, out).exitStatus();
      }
      List<BenchRunner.Result> results = new ArrayList<>();
      for (Workload each : selected) {
        try (Connection setup = source.open()) {
          boolean ycsbLoad = each instanceof YcsbWorkload ycsb && ycsb.table().load() == null;
          if (each instanceof PointSelectWorkload || ycsbLoad) {
            out.printf(Locale.ROOT, "%s: loading %d rows...%n", each.name(), rows);
          }
          each.prepare(setup);
          if (ycsbLoad) {
            LoadResult load = ((YcsbWorkload) each).table().load();
            out.printf(Locale.ROOT, "%s: loaded %d rows in %.1f s (%.0f rows/s)%n", each.name(), load.rows(),
                load.seconds(), load.rowsPerSecond());
          }
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
