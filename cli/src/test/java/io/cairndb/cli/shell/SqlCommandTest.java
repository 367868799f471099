package io.cairndb.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.Main;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCommandTest {

  private static SqlCommand parse(String... args) {
    return (SqlCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void defaultsToTheLocalNode() {
    SqlCommand sql = parse("sql");
    assertEquals(ConnectionOptions.DEFAULT_URL, sql.connection.url());
    assertEquals("jdbc:cairndb://127.0.0.1:26257", sql.connection.url());
    assertNull(sql.connection.user());
    assertEquals(List.of(), sql.execute);
    assertNull(sql.file);
  }

  @Test
  void collectsRepeatedStatementsFileAndCredentials() {
    SqlCommand sql = parse("sql", "--url", "jdbc:cairndb://a:1,b:2/app", "-e", "SELECT 1", "--execute",
        "SELECT 2; SELECT 3", "-f", "setup.sql", "--user", "ann", "--password", "secret");
    assertEquals("jdbc:cairndb://a:1,b:2/app", sql.connection.url());
    assertEquals(List.of("SELECT 1", "SELECT 2; SELECT 3"), sql.execute);
    assertEquals(Path.of("setup.sql"), sql.file);
    assertEquals("ann", sql.connection.user());
    assertEquals("secret", sql.connection.password());
  }
}
