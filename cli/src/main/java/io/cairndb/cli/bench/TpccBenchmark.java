package io.cairndb.cli.bench;

import io.cairndb.cli.shell.TableFormatter;
import io.cairndb.cli.shell.TableFormatter.Column;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code cairndb bench --workload tpcc}: loads (or reuses) a TPC-C database, runs the terminals, checks the
 * consistency conditions and prints the report. The report's total row is named {@value #TOTAL_ROW} and has the
 * transactions per second in its 4th column, like the other workloads' rows, for bench/lib.sh.
 */
final class TpccBenchmark {
  static final String TOTAL_ROW = "tpcc";
  private static final long PROGRESS_SECONDS = 15;

  /** What to run. */
  record Settings(int warehouses, int terminals, TpccScale scale, boolean skipLoad, int loadThreads,
      Duration warmup, Duration measured) {}

  /** Everything a run found, for the report; {@code load} is null when it was skipped. */
  record Outcome(Settings settings, LoadResult load, TpccStats stats, List<TpccConsistency.Check> checks) {
    boolean consistent() {
      return checks.stream().allMatch(TpccConsistency.Check::ok);
    }

    /** The command's exit status: 1 when a consistency condition failed or no transaction committed. */
    int exitStatus() {
      return consistent() && stats.total().committed() > 0 ? 0 : 1;
    }
  }

  private TpccBenchmark() {}

  /** Runs it all and prints progress and the report. */
  static Outcome run(Settings settings, BenchRunner.ConnectionSource source, PrintStream out) throws Exception {
    LoadResult load = null;
    if (settings.skipLoad()) {
      try (Connection connection = source.open()) {
        TpccSchema.checkLoaded(connection, settings.scale(), settings.warehouses());
      }
      out.println("tpcc: --skip-load: using the tables loaded before");
    } else {
      try (Connection connection = source.open()) {
        TpccSchema.recreate(connection);
      }
      long expected = settings.scale().approximateRows(settings.warehouses());
      out.printf(Locale.ROOT, "tpcc: loading %d warehouse(s) at scale %s (about %,d rows), %d loader thread(s)...%n",
          settings.warehouses(), settings.scale().name(), expected, settings.loadThreads());
      TpccLoader loader = new TpccLoader(source, settings.scale(), settings.warehouses(),
          BatchInserter.DEFAULT_BATCH_ROWS);
      ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tpcc-load-progress");
        thread.setDaemon(true);
        return thread;
      });
      progress.scheduleAtFixedRate(() -> out.printf(Locale.ROOT, "tpcc: ... %,d rows loaded%n", loader.rowsSoFar()),
          PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
      try {
        load = loader.load(settings.loadThreads());
      } finally {
        progress.shutdownNow();
      }
      out.printf(Locale.ROOT, "tpcc: loaded %,d rows in %.1f s%n", load.rows(), load.seconds());
    }
    TpccRandom.Constants constants = TpccRandom.Constants.forRun(new SplittableRandom());
    out.printf(Locale.ROOT, "tpcc: running %d terminal(s) on %d warehouse(s)...%n", settings.terminals(),
        settings.warehouses());
    TpccStats stats = TpccRunner.run(source, settings.scale(), settings.warehouses(), settings.terminals(),
        constants, settings.warmup(), settings.measured());
    out.println("tpcc: checking the consistency conditions...");
    List<TpccConsistency.Check> checks;
    try (Connection connection = source.open()) {
      checks = TpccConsistency.check(connection);
    }
    Outcome outcome = new Outcome(settings, load, stats, checks);
    out.println();
    out.print(report(outcome));
    return outcome;
  }

  static String report(Outcome outcome) {
    Settings settings = outcome.settings();
    Duration measured = settings.measured();
    TpccStats stats = outcome.stats();
    List<Column> columns = List.of(Column.left("transaction"), Column.right("terminals"),
        Column.right("committed"), Column.right("tx/s"), Column.right("p50 ms"), Column.right("p95 ms"),
        Column.right("p99 ms"), Column.right("max ms"), Column.right("retries"), Column.right("given up"),
        Column.right("rollbacks"), Column.right("errors"));
    List<List<String>> rows = new ArrayList<>();
    for (TpccMix.Type type : TpccMix.Type.values()) {
      rows.add(row(type.label, settings.terminals(), stats.of(type), measured));
    }
    rows.add(row(TOTAL_ROW, settings.terminals(), stats.total(), measured));
    StringBuilder text = new StringBuilder(TableFormatter.format(columns, rows));
    TpccStats.PerType newOrders = stats.of(TpccMix.Type.NEW_ORDER);
    text.append(String.format(Locale.ROOT, "tpmC: %.1f (NewOrders committed per minute; %d more rolled back by"
        + " design, not counted)%n", stats.tpmC(measured), newOrders.rollbacks));
    LoadResult load = outcome.load();
    if (load == null) {
      text.append("load: skipped (--skip-load)\n");
    } else {
      text.append(String.format(Locale.ROOT, "load: %.1f s (%.0f rows/s, %d rows, %d warehouses, scale %s)%n",
          load.seconds(), load.rowsPerSecond(), load.rows(), settings.warehouses(), settings.scale().name()));
    }
    text.append("retries by SQLSTATE: ").append(retriesBySqlState(stats)).append('\n');
    text.append(retryReasons(stats));
    if (stats.firstError() != null) {
      text.append("first error: ").append(stats.firstError()).append('\n');
    }
    for (TpccConsistency.Check check : outcome.checks()) {
      text.append(check.line()).append('\n');
    }
    return text.toString();
  }

  private static List<String> row(String name, int terminals, TpccStats.PerType figures, Duration measured) {
    LatencyStats.Summary s = figures.latencies.summarize(measured);
    return List.of(name, Integer.toString(terminals), Long.toString(s.operations()),
        String.format(Locale.ROOT, "%.1f", s.opsPerSecond()), BenchCommand.millis(s.p50Nanos()),
        BenchCommand.millis(s.p95Nanos()), BenchCommand.millis(s.p99Nanos()), BenchCommand.millis(s.maxNanos()),
        Long.toString(figures.retries()), Long.toString(figures.givenUp), Long.toString(figures.rollbacks),
        Long.toString(figures.errors));
  }

  /** The three most frequent reasons each transaction type was retried for, a line each. */
  static String retryReasons(TpccStats stats) {
    StringBuilder text = new StringBuilder();
    for (TpccMix.Type type : TpccMix.Type.values()) {
      stats.of(type).retryReasons.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(3)
          .forEach(e -> text.append("  ").append(type.label).append(" retried ").append(e.getValue())
              .append("× for: ").append(e.getKey()).append('\n'));
    }
    return text.toString();
  }

  /** E.g. "40001: new-order 12, payment 30; 40P01: payment 1", or "none". */
  static String retriesBySqlState(TpccStats stats) {
    Map<String, StringBuilder> byState = new TreeMap<>();
    for (TpccMix.Type type : TpccMix.Type.values()) {
      stats.of(type).retriesByState.forEach((state, count) -> {
        StringBuilder line = byState.computeIfAbsent(state, s -> new StringBuilder());
        line.append(line.length() == 0 ? "" : ", ").append(type.label).append(' ').append(count);
      });
    }
    if (byState.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    byState.forEach((state, line) -> parts.add(state + ": " + line));
    return String.join("; ", parts);
  }
}
