package io.cairndb.cli.shell;

import io.cairndb.cli.SqlErrorText;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Runs one SQL statement and prints its outcome: a result table, an update count, or an ERROR line. */
public final class StatementExecutor {
  private final Connection connection;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  /**
   * @param interactive print how long each statement took (for people); scripts get the results only, so
   *     their output stays comparable from run to run
   */
  public StatementExecutor(Connection connection, PrintStream out, PrintStream err, boolean interactive) {
    this.connection = connection;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  public Connection connection() {
    return connection;
  }

  /** @return true if the statement succeeded */
  public boolean execute(String sql) {
    long started = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet resultSet = statement.getResultSet()) {
          out.print(ResultSetTable.read(resultSet).render());
        }
      } else {
        out.println(updateMessage(sql, statement.getUpdateCount()));
      }
      if (interactive) {
        out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - started) / 1e6);
      }
      out.println();
      out.flush();
      return true;
    } catch (SQLException e) {
      out.flush();
      err.println(SqlErrorText.of(e));
      err.flush();
      return false;
    }
  }

  /** "OK" for DDL and session statements; "OK, N rows affected" for statements that change rows. */
  static String updateMessage(String sql, int updateCount) {
    if (updateCount < 0 || !changesRows(sql)) {
      return "OK";
    }
    return updateCount == 1 ? "OK, 1 row affected" : "OK, " + updateCount + " rows affected";
  }

  private static boolean changesRows(String sql) {
    String firstWord = sql.stripLeading().split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
    return switch (firstWord) {
      case "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT" -> true;
      default -> false;
    };
  }
}
