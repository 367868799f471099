package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one workload closed-loop: every client thread has its own connection and repeats its operation
 * back to back. All threads start together; operations that start during the warm-up are not counted.
 */
final class BenchRunner {

  /** Opens one client connection. */
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /** What one workload measured. */
  record Result(String workload, int threads, LatencyStats.Summary summary, long errors, String firstError) {}

  private BenchRunner() {}

  static Result run(Workload workload, ConnectionSource source, int threads, Duration warmup, Duration measured)
      throws Exception {
    List<Client> clients = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        Connection connection = source.open();
        clients.add(new Client(connection, workload.open(connection, t)));
      }
      Timeline timeline = new Timeline(System.nanoTime(), warmup, measured);
      List<java.util.function.Consumer<CountDownLatch>> loops = new ArrayList<>();
      for (Client client : clients) {
        loops.add(go -> client.loop(go, timeline));
      }
      runTogether("bench-" + workload.name() + "-", loops);
    } finally {
      for (Client client : clients) {
        client.close();
      }
    }
    LatencyStats all = new LatencyStats();
    long errors = 0;
    String firstError = null;
    for (Client client : clients) {
      all.add(client.latencies);
      errors += client.errors;
      if (firstError == null) {
        firstError = client.firstError.get();
      }
    }
    return new Result(workload.name(), threads, all.summarize(measured), errors, firstError);
  }

  /**
   * Runs each loop on a thread of its own ({@code namePrefix} + its index), all let go at once through the latch
   * they are given (each waits on it first), and returns when every one has ended.
   */
  static void runTogether(String namePrefix, List<java.util.function.Consumer<CountDownLatch>> loops)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < loops.size(); t++) {
      java.util.function.Consumer<CountDownLatch> loop = loops.get(t);
      Thread thread = new Thread(() -> loop.accept(go), namePrefix + t);
      thread.start();
      running.add(thread);
    }
    go.countDown();
    for (Thread thread : running) {
      thread.join();
    }
  }

  /** When counting starts and when everything stops, as System.nanoTime() values. */
  private record Timeline(long measureFrom, long stopAt) {
    Timeline(long now, Duration warmup, Duration measured) {
      this(now + warmup.toNanos(), now + warmup.toNanos() + measured.toNanos());
    }
  }

  /** One client thread's connection, operation and private statistics. */
  private static final class Client {
    private final Connection connection;
    private final Workload.Operation operation;
    private final LatencyStats latencies = new LatencyStats();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private long errors;

    Client(Connection connection, Workload.Operation operation) {
      this.connection = connection;
      this.operation = operation;
    }

    void loop(CountDownLatch go, Timeline timeline) {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      while (true) {
        long started = System.nanoTime();
        if (started - timeline.stopAt() >= 0) {
          return;
        }
        boolean counted = started - timeline.measureFrom() >= 0;
        try {
          operation.run();
          if (counted) {
            latencies.record(System.nanoTime() - started);
          }
        } catch (SQLException e) {
          if (counted) {
            errors++;
          }
          firstError.compareAndSet(null, e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
        }
      }
    }

    void close() {
      try (connection; operation) {
        // closing is all there is to do
      } catch (SQLException e) {
        // the run is over; a failed close does not change its figures
      }
    }
  }
}
