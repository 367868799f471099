package io.cairndb.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The connection flags shared by the client commands (sql, status); picocli mixes them in. */
public final class ConnectionOptions {
  public static final String DEFAULT_URL = "jdbc:cairndb://127.0.0.1:26257";
  private static final String DRIVER_CLASS = "io.cairndb.jdbc.Driver";

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = DEFAULT_URL,
      description = "JDBC URL of the cluster: jdbc:cairndb://host:port[,host:port...][/schema][?user=...]."
          + " Several hosts are tried in turn. Default: ${DEFAULT-VALUE}")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "User name (overrides ?user= in the URL).")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "Password.")
  String password;

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Connection open() throws SQLException {
    return open(url, user, password);
  }

  /** Opens a connection through java.sql.DriverManager, as any JDBC application would. */
  public static Connection open(String url, String user, String password) throws SQLException {
    loadDriver();
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }

  /** ServiceLoader registration normally suffices; loading the class explicitly gives a clear error if missing. */
  private static void loadDriver() throws SQLException {
    try {
      Class.forName(DRIVER_CLASS);
    } catch (ClassNotFoundException e) {
      throw new SQLException("CairnDB JDBC driver " + DRIVER_CLASS + " is not on the classpath", "08001", e);
    }
  }
}
