package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Loads rows with one prepared INSERT: rows are collected, and every {@code batchSize} rows go to the server as
 * one JDBC batch ({@code addBatch}/{@code executeBatch}) committed as one explicit transaction. A batch that fails
 * with a serialization failure (40001, 40P01; CairnDB also reports a range split this way) is rolled back and sent
 * again. The connection must be in manual-commit mode, and be used for nothing else between flushes.
 */
final class BatchInserter implements AutoCloseable {
  static final int DEFAULT_BATCH_ROWS = 1_000;
  private static final int MAX_ATTEMPTS = 20;

  /** A NULL value of the given java.sql.Types type; other values are bound with setObject. */
  record Null(int sqlType) {}

  private final Connection connection;
  private final PreparedStatement insert;
  private final int batchSize;
  private final LongAdder rowsLoaded;
  private final List<Object[]> pending = new ArrayList<>();

  BatchInserter(Connection connection, String sql, int batchSize, LongAdder rowsLoaded) throws SQLException {
    this.connection = connection;
    this.insert = connection.prepareStatement(sql);
    this.batchSize = batchSize;
    this.rowsLoaded = rowsLoaded;
  }

  void add(Object... values) throws SQLException {
    pending.add(values);
    if (pending.size() >= batchSize) {
      flush();
    }
  }

  /** Sends and commits the collected rows, if any. */
  void flush() throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        for (Object[] row : pending) {
          for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof Null n) {
              insert.setNull(i + 1, n.sqlType());
            } else {
              insert.setObject(i + 1, row[i]);
            }
          }
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
        break;
      } catch (SQLException e) {
        insert.clearBatch();
        connection.rollback();
        if (!Retry.isRetryable(e) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
    rowsLoaded.add(pending.size());
    pending.clear();
  }

  @Override
  public void close() throws SQLException {
    insert.close();
  }
}
