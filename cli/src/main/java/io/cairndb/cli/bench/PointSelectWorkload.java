package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/** Prepared primary-key point SELECTs of random keys over a preloaded table. */
final class PointSelectWorkload implements Workload {
  static final String TABLE = "bench_kv";
  private static final int ROWS_PER_INSERT = 500;

  private final long rows;

  PointSelectWorkload(long rows) {
    this.rows = rows;
  }

  @Override
  public String name() {
    return "point-select";
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      BenchTables.recreate(statement, TABLE, "k BIGINT PRIMARY KEY, v VARCHAR(100) NOT NULL");
      StringBuilder insert = new StringBuilder();
      for (long from = 0; from < rows; from += ROWS_PER_INSERT) {
        insert.setLength(0);
        insert.append("INSERT INTO ").append(TABLE).append(" (k, v) VALUES ");
        long to = Math.min(rows, from + ROWS_PER_INSERT);
        for (long key = from; key < to; key++) {
          insert.append(key == from ? "" : ", ").append('(').append(key).append(", '").append(value(key)).append("')");
        }
        statement.executeUpdate(insert.toString());
      }
    }
  }

  @Override
  public Operation open(Connection connection, int thread) throws SQLException {
    PreparedStatement select = connection.prepareStatement("SELECT k, v FROM " + TABLE + " WHERE k = ?");
    SplittableRandom random = new SplittableRandom(thread * 7919L + 1);
    return new Operation() {
      @Override
      public void run() throws SQLException {
        long key = random.nextLong(rows);
        select.setLong(1, key);
        try (ResultSet result = select.executeQuery()) {
          // Reading the row is part of the operation; a missing row would mean a wrong answer, not a fast one.
          if (!result.next() || result.getLong(1) != key) {
            throw new SQLException("point select found no row for key " + key, "XX000");
          }
          result.getString(2);
        }
      }

      @Override
      public void close() throws SQLException {
        select.close();
      }
    };
  }

  static String value(long key) {
    return "value-" + key;
  }
}
