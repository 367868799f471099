package io.cairndb.cli.bench;

import java.sql.SQLException;

/** Which failures a client retries: serialization failures (40001) and PostgreSQL's deadlocks (40P01). */
final class Retry {
  private Retry() {}

  /** The SQLSTATE of a failure; for a batch, the first state found along its chain of next exceptions. */
  static String sqlState(SQLException e) {
    for (SQLException each = e; each != null; each = each.getNextException()) {
      if (each.getSQLState() != null) {
        return each.getSQLState();
      }
    }
    return null;
  }

  static boolean isRetryable(SQLException e) {
    String state = sqlState(e);
    return "40001".equals(state) || "40P01".equals(state);
  }
}
