package io.cairndb.cli.bench;

import java.sql.SQLException;
import java.sql.Statement;

/** Each run starts from a fresh table so that earlier runs against the same cluster do not skew it. */
final class BenchTables {
  private BenchTables() {}

  static void recreate(Statement statement, String table, String columns) throws SQLException {
    try {
      statement.execute("DROP TABLE " + table);
    } catch (SQLException noSuchTable) {
      // first run against this cluster: nothing to drop
    }
    statement.execute("CREATE TABLE " + table + " (" + columns + ")");
  }
}
