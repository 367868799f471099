package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  private static final long MILLI = 1_000_000L;

  /** HdrHistogram with 3 significant digits is exact to within 0.1%. */
  private static void assertNear(long expectedNanos, long actualNanos) {
    assertEquals(expectedNanos, actualNanos, expectedNanos / 1000.0 + 1, "latency in ns");
  }

  @Test
  void percentilesAndMaxOfKnownLatencies() {
    LatencyStats stats = new LatencyStats();
    for (long ms = 1; ms <= 100; ms++) {
      stats.record(ms * MILLI);
    }
    LatencyStats.Summary summary = stats.summarize(Duration.ofSeconds(10));
    assertEquals(100, summary.operations());
    assertEquals(10.0, summary.opsPerSecond(), 1e-9);
    assertNear(50 * MILLI, summary.p50Nanos());
    assertNear(95 * MILLI, summary.p95Nanos());
    assertNear(99 * MILLI, summary.p99Nanos());
    assertNear(100 * MILLI, summary.maxNanos());
  }

  @Test
  void mergingThreadsKeepsEveryRecording() {
    LatencyStats fast = new LatencyStats();
    LatencyStats slow = new LatencyStats();
    for (int i = 0; i < 90; i++) {
      fast.record(MILLI);
    }
    for (int i = 0; i < 10; i++) {
      slow.record(500 * MILLI);
    }
    LatencyStats all = new LatencyStats();
    all.add(fast);
    all.add(slow);
    LatencyStats.Summary summary = all.summarize(Duration.ofSeconds(2));
    assertEquals(100, summary.operations());
    assertEquals(50.0, summary.opsPerSecond(), 1e-9);
    assertNear(MILLI, summary.p50Nanos());
    assertNear(500 * MILLI, summary.p95Nanos());
    assertNear(500 * MILLI, summary.maxNanos());
  }

  @Test
  void emptyStatsReportZero() {
    LatencyStats.Summary summary = new LatencyStats().summarize(Duration.ofSeconds(1));
    assertEquals(0, summary.operations());
    assertEquals(0.0, summary.opsPerSecond());
    assertEquals(0, summary.maxNanos());
  }

  @Test
  void negativeClockDifferencesCountAsZero() {
    LatencyStats stats = new LatencyStats();
    stats.record(-5);
    assertEquals(1, stats.count());
  }
}
