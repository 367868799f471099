package io.cairndb.cli.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the TPC-C terminals closed-loop, with no keying or think time: each terminal is a thread with its own
 * connection that draws a transaction from its mix deck, runs it to the end and draws the next. A transaction
 * failing with a serialization failure (40001) or a deadlock (40P01) is rolled back and run again with the same
 * inputs, after a short random pause that grows with the attempts, up to {@value #MAX_ATTEMPTS} attempts, after
 * which it is given up. Transactions that start during the warm-up are not counted.
 */
final class TpccRunner {
  static final int MAX_ATTEMPTS = 20;
  /** The longest pause before a retry, in milliseconds. */
  private static final int MAX_BACKOFF_MILLIS = 50;

  private TpccRunner() {}

  static TpccStats run(BenchRunner.ConnectionSource source, TpccScale scale, int warehouses, int terminals,
      TpccRandom.Constants constants, Duration warmup, Duration measured) throws Exception {
    List<TpccTerminal> opened = new ArrayList<>();
    List<TpccStats> stats = new ArrayList<>();
    try {
      SplittableRandom seeds = new SplittableRandom();
      for (int t = 0; t < terminals; t++) {
        TpccRandom random = new TpccRandom(seeds.split(), constants);
        opened.add(new TpccTerminal(source.open(), scale, warehouses, t, random));
        stats.add(new TpccStats());
      }
      long now = System.nanoTime();
      long measureFrom = now + warmup.toNanos();
      long stopAt = measureFrom + measured.toNanos();
      List<java.util.function.Consumer<CountDownLatch>> loops = new ArrayList<>();
      for (int t = 0; t < terminals; t++) {
        TpccTerminal terminal = opened.get(t);
        TpccStats mine = stats.get(t);
        TpccMix mix = new TpccMix(seeds.split());
        loops.add(go -> loop(terminal, mix, mine, go, measureFrom, stopAt));
      }
      BenchRunner.runTogether("tpcc-terminal-", loops);
    } finally {
      for (TpccTerminal terminal : opened) {
        try {
          terminal.close();
        } catch (SQLException e) {
          // the run is over; a failed close does not change its figures
        }
      }
    }
    TpccStats all = new TpccStats();
    stats.forEach(all::add);
    return all;
  }

  private static void loop(TpccTerminal terminal, TpccMix mix, TpccStats measured, CountDownLatch go,
      long measureFrom, long stopAt) {
    TpccStats warmingUp = new TpccStats();
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    while (true) {
      long started = System.nanoTime();
      if (started - stopAt >= 0) {
        return;
      }
      TpccMix.Type type = mix.next();
      TpccStats stats = started - measureFrom >= 0 ? measured : warmingUp;
      if (!runOne(terminal, type, stats.of(type), stats, started)) {
        return;
      }
    }
  }

  /** Runs one transaction to its end, retrying; false when the connection is gone and the terminal must stop. */
  static boolean runOne(TpccTerminal terminal, TpccMix.Type type, TpccStats.PerType figures, TpccStats stats,
      long started) {
    TpccTerminal.Attempt attempt = terminal.next(type);
    for (int attempts = 1; ; attempts++) {
      try {
        TpccTerminal.Outcome outcome = attempt.run();
        if (outcome == TpccTerminal.Outcome.COMMITTED) {
          figures.latencies.record(System.nanoTime() - started);
        } else {
          figures.rollbacks++;
        }
        return true;
      } catch (SQLException e) {
        terminal.rollbackQuietly();
        String state = Retry.sqlState(e);
        if (Retry.isRetryable(e)) {
          if (attempts == MAX_ATTEMPTS) {
            figures.givenUp++;
            return true;
          }
          figures.retried(state, e.getMessage());
          backOff(attempts);
          continue;
        }
        figures.errors++;
        stats.error(type.label + ": " + e.getMessage() + " (SQLSTATE " + state + ")");
        return !connectionLost(terminal, state);
      }
    }
  }

  private static boolean connectionLost(TpccTerminal terminal, String state) {
    try {
      return (state != null && state.startsWith("08")) || terminal.connection().isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** A random pause of up to min(2^(attempt − 1), 50) ms, so that transactions that collided do not collide again. */
  static void backOff(int attempt) {
    int bound = Math.min(1 << Math.min(attempt - 1, 10), MAX_BACKOFF_MILLIS);
    try {
      TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(bound * 1000L + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
