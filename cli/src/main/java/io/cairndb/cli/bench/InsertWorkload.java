package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Prepared single-row INSERTs in autocommit; each thread writes its own key range, so keys never collide. */
final class InsertWorkload implements Workload {
  static final String TABLE = "bench_insert";
  /** Thread t writes keys t * 2^40, t * 2^40 + 1, ...: unique across threads for any realistic run. */
  private static final int THREAD_KEY_SHIFT = 40;

  @Override
  public String name() {
    return "insert";
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      BenchTables.recreate(statement, TABLE, "k BIGINT PRIMARY KEY, v VARCHAR(100) NOT NULL");
    }
  }

  @Override
  public Operation open(Connection connection, int thread) throws SQLException {
    connection.setAutoCommit(true);
    PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (k, v) VALUES (?, ?)");
    long firstKey = key(thread, 0);
    return new Operation() {
      private long next = firstKey;

      @Override
      public void run() throws SQLException {
        insert.setLong(1, next);
        insert.setString(2, "row-" + next);
        insert.executeUpdate();
        next++;
      }

      @Override
      public void close() throws SQLException {
        insert.close();
      }
    };
  }

  static long key(int thread, long sequence) {
    return ((long) thread << THREAD_KEY_SHIFT) + sequence;
  }
}
