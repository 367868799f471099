package io.cairndb.cli.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one workload, in nanoseconds, with three significant digits (HdrHistogram). Each client
 * thread records into its own instance; the runner merges them at the end, so recording never contends.
 */
public final class LatencyStats {
  private final Histogram histogram = new Histogram(3);

  /** Throughput and latency percentiles of a measured interval; latencies in nanoseconds. */
  public record Summary(long operations, double opsPerSecond, long p50Nanos, long p95Nanos, long p99Nanos,
      long maxNanos) {}

  public void record(long latencyNanos) {
    histogram.recordValue(Math.max(0, latencyNanos));
  }

  public void add(LatencyStats other) {
    histogram.add(other.histogram);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** @param measured the length of the interval the operations were counted in */
  public Summary summarize(Duration measured) {
    long count = histogram.getTotalCount();
    double seconds = measured.toNanos() / 1e9;
    return new Summary(
        count,
        seconds > 0 ? count / seconds : 0,
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(95),
        histogram.getValueAtPercentile(99),
        histogram.getMaxValue());
  }
}
