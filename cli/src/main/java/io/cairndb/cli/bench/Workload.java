package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;

/** One kind of benchmark operation: how to set up its table, and what each client thread repeats. */
interface Workload {
  String name();

  /** Creates (and fills) what the operations need, before any client thread starts. */
  void prepare(Connection connection) throws SQLException;

  /** The operation one client thread repeats on its own connection; {@code thread} is 0-based. */
  Operation open(Connection connection, int thread) throws SQLException;

  /** One timed operation. Implementations are used by a single thread. */
  interface Operation extends AutoCloseable {
    void run() throws SQLException;

    @Override
    void close() throws SQLException;
  }
}
