package io.cairndb.cli.bench;

import io.cairndb.cli.shell.TableFormatter;
import io.cairndb.cli.shell.TableFormatter.Column;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code cairndb bench --workload bulk-insert}: issue #18's big write. One {@code INSERT INTO bench_bulk … SELECT …
 * FROM generate_series(1, N)} in autocommit (a single transaction of N rows) is timed while other connections read
 * and update single preloaded rows of the same table in a closed loop; their latencies show whether the big
 * transaction makes anybody wait (issue #18: never more than {@link #SLOW}). Afterwards the table is checked: the N
 * new rows with the right sum of k, the preloaded rows with exactly one increment per committed update.
 */
final class BulkInsertBenchmark {
  static final String TABLE = "bench_bulk";
  /** Rows preloaded with ids -PRELOADED..-1 (k = 0), which the clients read and update; the INSERT writes 1..N. */
  static final long PRELOADED = 10_000;
  /** The INSERT's rows when --rows is not given. */
  static final long DEFAULT_ROWS = 1_000_000;
  /** Clients reading and updating when --threads is not given (fewer than the other workloads' 8, see BenchCommand). */
  static final int DEFAULT_CLIENTS = 4;
  /** Issue #18: no point read or write may wait longer than this while the INSERT runs. */
  static final Duration SLOW = Duration.ofSeconds(2);
  static final String READ = "point-read";
  static final String UPDATE = "point-update";
  private static final int MAX_ATTEMPTS = 50;
  private static final long PROGRESS_SECONDS = 15;
  /** Slow operations kept per client and operation, and shown in the report, with when they started. */
  static final int SLOW_KEPT = 10;

  /**
   * One way of writing the INSERT's series, {@code from} with %d for N and {@code column} the name of its value. The
   * server may know only some of them; {@link #FORMS} lists them in the order they are tried.
   */
  record SeriesForm(String column, String from) {
    String statement(long rows) {
      String g = column;
      return "INSERT INTO " + TABLE + " (id, k, payload) SELECT " + g + ", " + g + " % 1000, 'row-' || CAST(" + g
          + " AS VARCHAR) FROM " + String.format(Locale.ROOT, from, rows);
    }
  }

  /** PostgreSQL's form first, then Calcite's TABLE(…) with the same alias, then TABLE(…) without one. */
  static final List<SeriesForm> FORMS = List.of(
      new SeriesForm("g", "generate_series(1, %d) AS s(g)"),
      new SeriesForm("g", "TABLE(generate_series(1, %d)) AS s(g)"),
      new SeriesForm("generate_series", "TABLE(generate_series(1, %d))"));

  /** What to run: the INSERT's rows, the concurrent clients, their warm-up before the INSERT starts. */
  record Settings(long rows, int clients, Duration warmup) {}

  /** A form of the INSERT that the server refused when it was tried with no rows, and why. */
  record Rejected(SeriesForm form, String error) {}

  /**
   * How the INSERT went: its statement (null when no form worked), its wall time, the update count it returned and,
   * when it failed, why (null when it committed).
   */
  record InsertResult(String statement, long nanos, long updateCount, String error) {
    boolean committed() {
      return statement != null && error == null;
    }

    double seconds() {
      return nanos / 1e9;
    }
  }

  /**
   * An operation that took longer than {@link #SLOW}: when it started, relative to the INSERT's start (negative: in
   * the warm-up), and how long it took.
   */
  record SlowOperation(String operation, long startedNanos, long latencyNanos) {}

  /** One condition checked after the run. */
  record Check(String condition, boolean ok, String found) {
    String line() {
      return "check " + condition + ": " + (ok ? "OK" : "FAILED") + " (found " + found + ")";
    }
  }

  /** Everything a run found, for the report. */
  record Outcome(Settings settings, List<Rejected> rejected, InsertResult insert, OpStats reads, OpStats updates,
      List<Check> checks) {
    /** The command's exit status: 1 when the INSERT failed or a check failed. */
    int exitStatus() {
      return insert.committed() && checks.stream().allMatch(Check::ok) ? 0 : 1;
    }
  }

  /**
   * One operation's figures, from one client or merged. Only operations that overlap the INSERT (they end after it
   * started) are measured; {@code succeeded} and {@code failed} count all of them, warm-up included, for the checks.
   */
  static final class OpStats {
    /** Measured operations that succeeded, each with its retries. */
    final LatencyStats latencies = new LatencyStats();
    final Map<String, Long> retriesByState = new TreeMap<>();
    /** Measured operations that failed (after {@value #MAX_ATTEMPTS} attempts, for a retryable failure). */
    final Map<String, Long> errorsByState = new TreeMap<>();
    /** Measured operations, failed ones included, that took longer than {@link #SLOW}. */
    long slow;
    /** The first {@link #SLOW_KEPT} of them. */
    final List<SlowOperation> slowOnes = new ArrayList<>();
    long succeeded;
    long failed;
    String firstError;

    long retries() {
      return retriesByState.values().stream().mapToLong(Long::longValue).sum();
    }

    long errors() {
      return errorsByState.values().stream().mapToLong(Long::longValue).sum();
    }

    void add(OpStats other) {
      latencies.add(other.latencies);
      other.retriesByState.forEach((state, count) -> retriesByState.merge(state, count, Long::sum));
      other.errorsByState.forEach((state, count) -> errorsByState.merge(state, count, Long::sum));
      slow += other.slow;
      slowOnes.addAll(other.slowOnes);
      succeeded += other.succeeded;
      failed += other.failed;
      if (firstError == null) {
        firstError = other.firstError;
      }
    }
  }

  /** Where the run is, shared by the clients, the thread running the INSERT and the progress lines. */
  private static final class Phase {
    /** System.nanoTime() when the INSERT started; written before {@code inserting}. */
    volatile long insertStarted;
    volatile boolean inserting;
    volatile boolean over;
    final LongAdder measured = new LongAdder();
    final LongAdder slow = new LongAdder();
  }

  private BulkInsertBenchmark() {}

  /** Sum of g % 1000 for g in 1..rows: what SUM(k) of the inserted rows must be. */
  static long expectedSum(long rows) {
    long cycles = rows / 1000;
    long rest = rows % 1000;
    return cycles * 499_500L + rest * (rest + 1) / 2;
  }

  /** Loads the table, runs the INSERT with the clients, checks the table and prints progress and the report. */
  static Outcome run(Settings settings, BenchRunner.ConnectionSource source, PrintStream out) throws Exception {
    out.printf(Locale.ROOT, "bulk-insert: creating %s and loading %,d rows (ids -%d..-1)...%n", TABLE, PRELOADED,
        PRELOADED);
    try (Connection connection = source.open()) {
      load(connection);
    }
    List<Rejected> rejected = new ArrayList<>();
    SeriesForm form;
    try (Connection connection = source.open()) {
      form = chooseForm(connection, rejected);
    }
    for (Rejected each : rejected) {
      out.println("bulk-insert: the server refused " + each.form().statement(0) + ": " + each.error());
    }
    if (form == null) {
      InsertResult none = new InsertResult(null, 0, 0, "the server refused every form of the INSERT");
      Outcome outcome = new Outcome(settings, rejected, none, new OpStats(), new OpStats(), List.of());
      out.println();
      out.print(report(outcome));
      return outcome;
    }
    String statement = form.statement(settings.rows());
    out.printf(Locale.ROOT, "bulk-insert: %d client(s) reading and updating, %d s warm-up, then %s...%n",
        settings.clients(), settings.warmup().toSeconds(), statement);
    Phase phase = new Phase();
    InsertResult[] insert = new InsertResult[1];
    List<Client> clients = new ArrayList<>();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bulk-insert-progress");
      thread.setDaemon(true);
      return thread;
    });
    try (Connection inserting = source.open()) {
      inserting.setAutoCommit(true);
      SplittableRandom seeds = new SplittableRandom();
      for (int c = 0; c < settings.clients(); c++) {
        clients.add(new Client(source.open(), seeds.split()));
      }
      List<java.util.function.Consumer<CountDownLatch>> loops = new ArrayList<>();
      for (Client client : clients) {
        loops.add(go -> client.loop(go, phase));
      }
      loops.add(go -> {
        try {
          go.await();
          Thread.sleep(settings.warmup().toMillis());
          insert[0] = insert(inserting, statement, phase);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          insert[0] = new InsertResult(statement, 0, 0, "interrupted");
        } catch (RuntimeException e) {
          insert[0] = new InsertResult(statement, 0, 0, e.toString());
        } finally {
          phase.over = true;
        }
      });
      progress.scheduleAtFixedRate(() -> {
        if (phase.inserting && !phase.over) {
          long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - phase.insertStarted);
          out.printf(Locale.ROOT, "bulk-insert: ... INSERT running for %d s; meanwhile %,d reads and updates, %d over"
              + " %d s%n", seconds, phase.measured.sum(), phase.slow.sum(), SLOW.toSeconds());
        }
      }, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
      BenchRunner.runTogether("bulk-insert-", loops);
    } finally {
      progress.shutdownNow();
      for (Client client : clients) {
        client.close();
      }
    }
    OpStats reads = new OpStats();
    OpStats updates = new OpStats();
    for (Client client : clients) {
      reads.add(client.reads);
      updates.add(client.updates);
    }
    out.println("bulk-insert: checking the table...");
    List<Check> checks;
    try (Connection connection = source.open()) {
      checks = check(connection, settings.rows(), insert[0], updates);
    }
    Outcome outcome = new Outcome(settings, rejected, insert[0], reads, updates, checks);
    out.println();
    out.print(report(outcome));
    return outcome;
  }

  /** Recreates the table and loads the preloaded rows with batched INSERTs (1,000 rows a transaction). */
  private static void load(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      BenchTables.recreate(statement, TABLE, "id BIGINT PRIMARY KEY, k BIGINT NOT NULL, payload VARCHAR(100)");
    }
    connection.setAutoCommit(false);
    try (BatchInserter inserter = new BatchInserter(connection,
        "INSERT INTO " + TABLE + " (id, k, payload) VALUES (?, ?, ?)", BatchInserter.DEFAULT_BATCH_ROWS,
        new LongAdder())) {
      for (long id = -PRELOADED; id < 0; id++) {
        inserter.add(id, 0L, "pre" + id);
      }
      inserter.flush();
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * The first form of the INSERT the server accepts, tried with an empty series (generate_series(1, 0) writes no
   * row); the refused ones are added to {@code rejected}. Null when it accepts none.
   */
  private static SeriesForm chooseForm(Connection connection, List<Rejected> rejected) throws SQLException {
    connection.setAutoCommit(true);
    for (SeriesForm form : FORMS) {
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(form.statement(0));
        return form;
      } catch (SQLException e) {
        rejected.add(new Rejected(form, e.getMessage() + " (SQLSTATE " + Retry.sqlState(e) + ")"));
      }
    }
    return null;
  }

  private static InsertResult insert(Connection connection, String statement, Phase phase) {
    long started = System.nanoTime();
    phase.insertStarted = started;
    phase.inserting = true;
    try (Statement insert = connection.createStatement()) {
      int count = insert.executeUpdate(statement);
      return new InsertResult(statement, System.nanoTime() - started, count, null);
    } catch (SQLException e) {
      return new InsertResult(statement, System.nanoTime() - started, 0,
          e.getMessage() + " (SQLSTATE " + Retry.sqlState(e) + ")");
    } finally {
      phase.over = true;
    }
  }

  /** The table after the run: the INSERT's rows and sum, the preloaded rows and their increments. */
  static List<Check> check(Connection connection, long rows, InsertResult insert, OpStats updates)
      throws SQLException {
    connection.setAutoCommit(true);
    List<Check> checks = new ArrayList<>();
    long[] inserted = countAndSum(connection, "id > 0");
    if (insert.committed()) {
      checks.add(new Check("INSERT's update count = " + rows, insert.updateCount() == rows,
          Long.toString(insert.updateCount())));
      checks.add(new Check("COUNT(*) WHERE id > 0 = " + rows, inserted[0] == rows, Long.toString(inserted[0])));
      long sum = expectedSum(rows);
      checks.add(new Check("SUM(k) WHERE id > 0 = " + sum + " (g % 1000 for g in 1.." + rows + ")",
          inserted[1] == sum, Long.toString(inserted[1])));
    } else {
      checks.add(new Check("COUNT(*) WHERE id > 0 = 0 (the failed INSERT left no row)", inserted[0] == 0,
          Long.toString(inserted[0])));
    }
    long[] preloaded = countAndSum(connection, "id < 0");
    checks.add(new Check("COUNT(*) WHERE id < 0 = " + PRELOADED, preloaded[0] == PRELOADED,
        Long.toString(preloaded[0])));
    long low = updates.succeeded;
    long high = low + updates.failed;
    String expected = high == low ? "= " + low : "between " + low + " and " + high;
    checks.add(new Check("SUM(k) WHERE id < 0 " + expected + " (1 per committed update"
        + (high == low ? "" : "; failed ones may have committed") + ")",
        preloaded[1] >= low && preloaded[1] <= high, Long.toString(preloaded[1])));
    return checks;
  }

  private static long[] countAndSum(Connection connection, String where) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT COUNT(*), SUM(k) FROM " + TABLE + " WHERE " + where)) {
      result.next();
      return new long[] {result.getLong(1), result.getLong(2)};
    }
  }

  static String report(Outcome outcome) {
    Settings settings = outcome.settings();
    InsertResult insert = outcome.insert();
    StringBuilder text = new StringBuilder();
    if (insert.statement() != null) {
      Duration measured = Duration.ofNanos(insert.nanos());
      List<Column> columns = List.of(Column.left("operation"), Column.right("clients"), Column.right("operations"),
          Column.right("ops/s"), Column.right("p50 ms"), Column.right("p95 ms"), Column.right("p99 ms"),
          Column.right("max ms"), Column.right("over " + SLOW.toSeconds() + " s"), Column.right("retries"),
          Column.right("errors"));
      List<List<String>> rows = List.of(row(READ, settings.clients(), outcome.reads(), measured),
          row(UPDATE, settings.clients(), outcome.updates(), measured));
      text.append(TableFormatter.format(columns, rows));
    }
    if (insert.statement() == null) {
      text.append("insert: not run: ").append(insert.error()).append('\n');
    } else if (insert.committed()) {
      text.append(String.format(Locale.ROOT, "insert: %d rows in %.1f s (%.0f rows/s), one statement in autocommit%n",
          settings.rows(), insert.seconds(), insert.seconds() > 0 ? settings.rows() / insert.seconds() : 0));
    } else {
      text.append(String.format(Locale.ROOT, "insert: FAILED after %.1f s: %s%n", insert.seconds(), insert.error()));
    }
    if (insert.statement() != null) {
      text.append("statement: ").append(insert.statement()).append('\n');
    }
    for (Rejected each : outcome.rejected()) {
      text.append("refused form: FROM ").append(String.format(Locale.ROOT, each.form().from(), 0)).append(": ")
          .append(each.error()).append('\n');
    }
    if (insert.statement() != null) {
      long slow = outcome.reads().slow + outcome.updates().slow;
      long operations = outcome.reads().latencies.count() + outcome.reads().errors()
          + outcome.updates().latencies.count() + outcome.updates().errors();
      text.append(String.format(Locale.ROOT, "issue #18 (INSERT commits, no read or update waits over %d s): %s%n",
          SLOW.toSeconds(), insert.committed() && slow == 0 ? "met (" + operations + " operations during the INSERT)"
              : "NOT met (" + (insert.committed() ? "" : "the INSERT failed, ") + slow + " of " + operations
                  + " operations waited over " + SLOW.toSeconds() + " s)"));
      text.append(slowOnes(outcome));
      text.append("retries by SQLSTATE: ").append(byState(outcome, s -> s.retriesByState)).append('\n');
      text.append("errors by SQLSTATE: ").append(byState(outcome, s -> s.errorsByState)).append('\n');
      String firstError = outcome.reads().firstError != null ? outcome.reads().firstError
          : outcome.updates().firstError;
      if (firstError != null) {
        text.append("first error: ").append(firstError).append('\n');
      }
    }
    for (Check check : outcome.checks()) {
      text.append(check.line()).append('\n');
    }
    return text.toString();
  }

  /**
   * E.g. "over 2 s: point-update started at 31.2 s for 4458.5 ms, …" (start relative to the INSERT's start), the
   * earliest first; nothing when there were none.
   */
  static String slowOnes(Outcome outcome) {
    List<SlowOperation> slow = new ArrayList<>(outcome.reads().slowOnes);
    slow.addAll(outcome.updates().slowOnes);
    if (slow.isEmpty()) {
      return "";
    }
    slow.sort(java.util.Comparator.comparingLong(SlowOperation::startedNanos));
    List<String> shown = new ArrayList<>();
    for (SlowOperation each : slow.subList(0, Math.min(SLOW_KEPT, slow.size()))) {
      shown.add(String.format(Locale.ROOT, "%s started at %.1f s for %.1f ms", each.operation(),
          each.startedNanos() / 1e9, each.latencyNanos() / 1e6));
    }
    long more = outcome.reads().slow + outcome.updates().slow - shown.size();
    return "over " + SLOW.toSeconds() + " s (started when, after the INSERT's start): " + String.join(", ", shown)
        + (more > 0 ? ", and " + more + " more" : "") + "\n";
  }

  private static List<String> row(String name, int clients, OpStats figures, Duration measured) {
    LatencyStats.Summary s = figures.latencies.summarize(measured);
    return List.of(name, Integer.toString(clients), Long.toString(s.operations()),
        String.format(Locale.ROOT, "%.0f", s.opsPerSecond()), BenchCommand.millis(s.p50Nanos()),
        BenchCommand.millis(s.p95Nanos()), BenchCommand.millis(s.p99Nanos()), BenchCommand.millis(s.maxNanos()),
        Long.toString(figures.slow), Long.toString(figures.retries()), Long.toString(figures.errors()));
  }

  /** E.g. "40001: point-read 2, point-update 7; XX000: point-update 1", or "none". */
  private static String byState(Outcome outcome, java.util.function.Function<OpStats, Map<String, Long>> counts) {
    Map<String, StringBuilder> byState = new TreeMap<>();
    for (Map.Entry<String, OpStats> op : List.of(Map.entry(READ, outcome.reads()),
        Map.entry(UPDATE, outcome.updates()))) {
      counts.apply(op.getValue()).forEach((state, count) -> {
        StringBuilder line = byState.computeIfAbsent(state, s -> new StringBuilder());
        line.append(line.length() == 0 ? "" : ", ").append(op.getKey()).append(' ').append(count);
      });
    }
    if (byState.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    byState.forEach((state, line) -> parts.add(state + ": " + line));
    return String.join("; ", parts);
  }

  /** One concurrent client: its connection, prepared read and update, and its own figures. Used by one thread. */
  private static final class Client implements AutoCloseable {
    /** A point operation on the row with this id. */
    private interface PointOperation {
      void run(long id) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement read;
    private final PreparedStatement update;
    private final SplittableRandom random;
    final OpStats reads = new OpStats();
    final OpStats updates = new OpStats();
    private boolean connectionLost;

    Client(Connection connection, SplittableRandom random) throws SQLException {
      this.connection = connection;
      this.random = random;
      try {
        connection.setAutoCommit(true);
        read = connection.prepareStatement("SELECT payload FROM " + TABLE + " WHERE id = ?");
        update = connection.prepareStatement("UPDATE " + TABLE + " SET k = k + 1 WHERE id = ?");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }

    void loop(CountDownLatch go, Phase phase) {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      while (!phase.over && !connectionLost) {
        long id = -1 - random.nextLong(PRELOADED);
        timed(READ, reads, this::read, id, phase);
        if (phase.over || connectionLost) {
          return;
        }
        timed(UPDATE, updates, this::update, id, phase);
      }
    }

    private void read(long id) throws SQLException {
      read.setLong(1, id);
      try (ResultSet row = read.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("point read found no row for id " + id, "XX000");
        }
        row.getString(1);
      }
    }

    private void update(long id) throws SQLException {
      update.setLong(1, id);
      if (update.executeUpdate() != 1) {
        throw new SQLException("point update found no row for id " + id, "XX000");
      }
    }

    /**
     * Runs one operation, retrying 40001/40P01 after a short pause up to {@value #MAX_ATTEMPTS} attempts; measured
     * when it ends after the INSERT started (it started before the INSERT ended: the loop stops then).
     */
    private void timed(String name, OpStats stats, PointOperation operation, long id, Phase phase) {
      long started = System.nanoTime();
      List<String> retried = List.of();
      SQLException failure = null;
      for (int attempt = 1; ; attempt++) {
        try {
          operation.run(id);
          break;
        } catch (SQLException e) {
          if (Retry.isRetryable(e) && attempt < MAX_ATTEMPTS) {
            if (retried.isEmpty()) {
              retried = new ArrayList<>();
            }
            retried.add(Retry.sqlState(e));
            TpccRunner.backOff(attempt);
            continue;
          }
          failure = e;
          break;
        }
      }
      long latency = System.nanoTime() - started;
      String state = failure == null ? null : Retry.sqlState(failure);
      if (failure == null) {
        stats.succeeded++;
      } else {
        stats.failed++;
        connectionLost = (state != null && state.startsWith("08")) || isClosed();
      }
      if (!phase.inserting) {
        return;
      }
      phase.measured.increment();
      for (String each : retried) {
        stats.retriesByState.merge(each == null ? "none" : each, 1L, Long::sum);
      }
      if (latency > SLOW.toNanos()) {
        stats.slow++;
        phase.slow.increment();
        if (stats.slowOnes.size() < SLOW_KEPT) {
          stats.slowOnes.add(new SlowOperation(name, started - phase.insertStarted, latency));
        }
      }
      if (failure == null) {
        stats.latencies.record(latency);
      } else {
        stats.errorsByState.merge(state == null ? "none" : state, 1L, Long::sum);
        if (stats.firstError == null) {
          stats.firstError = name + ": " + failure.getMessage() + " (SQLSTATE " + state + ")";
        }
      }
    }

    private boolean isClosed() {
      try {
        return connection.isClosed();
      } catch (SQLException e) {
        return true;
      }
    }

    @Override
    public void close() {
      try (connection; read; update) {
        // closing is all there is to do
      } catch (SQLException e) {
        // the run is over; a failed close does not change its figures
      }
    }
  }
}
