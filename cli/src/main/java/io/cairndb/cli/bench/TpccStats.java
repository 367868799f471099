package io.cairndb.cli.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the terminals measured, per transaction type: latencies of committed transactions (each including its
 * retries), rollbacks by design (NewOrders with an unused item), retries by SQLSTATE, transactions given up after
 * too many retries, and other errors. One instance per terminal thread; {@link #add} merges them.
 */
final class TpccStats {
  /** The figures of one transaction type. */
  static final class PerType {
    final LatencyStats latencies = new LatencyStats();
    final Map<String, Long> retriesByState = new TreeMap<>();
    /** Why transactions were retried: each message with its numbers and quoted values masked, and how often. */
    final Map<String, Long> retryReasons = new TreeMap<>();
    long rollbacks;
    long givenUp;
    long errors;

    long committed() {
      return latencies.count();
    }

    long retries() {
      return retriesByState.values().stream().mapToLong(Long::longValue).sum();
    }

    void retried(String sqlState) {
      retried(sqlState, null);
    }

    void retried(String sqlState, String message) {
      retriesByState.merge(sqlState == null ? "none" : sqlState, 1L, Long::sum);
      if (message != null) {
        retryReasons.merge(reason(message), 1L, Long::sum);
      }
    }

    /** A failure message with what differs between occurrences masked: row values, ids, timestamps. */
    static String reason(String message) {
      String masked = message.replaceAll("= \\([^)]*\\)", "= (…)").replaceAll("'[^']*'", "'…'")
          .replaceAll("[0-9]+", "#");
      return masked.length() > 200 ? masked.substring(0, 200) + "…" : masked;
    }

    void add(PerType other) {
      latencies.add(other.latencies);
      other.retriesByState.forEach((state, count) -> retriesByState.merge(state, count, Long::sum));
      other.retryReasons.forEach((reason, count) -> retryReasons.merge(reason, count, Long::sum));
      rollbacks += other.rollbacks;
      givenUp += other.givenUp;
      errors += other.errors;
    }
  }

  private final Map<TpccMix.Type, PerType> perType = new EnumMap<>(TpccMix.Type.class);
  private String firstError;

  TpccStats() {
    for (TpccMix.Type type : TpccMix.Type.values()) {
      perType.put(type, new PerType());
    }
  }

  PerType of(TpccMix.Type type) {
    return perType.get(type);
  }

  String firstError() {
    return firstError;
  }

  void error(String description) {
    if (firstError == null) {
      firstError = description;
    }
  }

  void add(TpccStats other) {
    for (TpccMix.Type type : TpccMix.Type.values()) {
      perType.get(type).add(other.perType.get(type));
    }
    if (firstError == null) {
      firstError = other.firstError;
    }
  }

  /** All types together. */
  PerType total() {
    PerType total = new PerType();
    perType.values().forEach(total::add);
    return total;
  }

  /** NewOrders committed per minute of the measured interval: TPC-C's tpmC. */
  double tpmC(Duration measured) {
    return perType.get(TpccMix.Type.NEW_ORDER).committed() * 60e9 / measured.toNanos();
  }
}
