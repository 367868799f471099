package io.cairndb.cli;

import java.sql.SQLException;

/** The one-line form every command uses to show a failed SQL call: {@code ERROR: <message> (SQLSTATE xxxxx)}. */
public final class SqlErrorText {
  private SqlErrorText() {}

  public static String of(SQLException e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    String state = e.getSQLState();
    return state == null || state.isBlank()
        ? "ERROR: " + message
        : "ERROR: " + message + " (SQLSTATE " + state + ")";
  }
}
