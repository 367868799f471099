package io.cairndb.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the input processor against a stand-in connection whose statements record their SQL, return an
 * update count, and fail with SQLSTATE 42601 when the SQL contains the word BROKEN.
 */
class InputProcessorTest {
  private final List<String> executed = new ArrayList<>();
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private Connection recordingConnection() {
    Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Statement.class}, (proxy, method, args) -> switch (method.getName()) {
          case "execute" -> {
            String sql = (String) args[0];
            executed.add(sql);
            if (sql.contains("BROKEN")) {
              throw new SQLException("syntax error near BROKEN", "42601");
            }
            yield false;
          }
          case "getUpdateCount" -> 2;
          case "close" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("createStatement")) {
            return statement;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private InputProcessor processor(boolean stopOnError) {
    return new InputProcessor(new StatementExecutor(recordingConnection(), out, err, false), out, err, stopOnError);
  }

  @Test
  void collectsLinesUntilTheSemicolon() {
    InputProcessor input = processor(true);
    assertEquals(Outcome.CONTINUE, input.acceptLine("SELECT a,"));
    assertTrue(input.inStatement());
    assertEquals(List.of(), executed);
    assertEquals(Outcome.CONTINUE, input.acceptLine("  b FROM t; INSERT INTO t VALUES (1);"));
    assertEquals(List.of("SELECT a,\n  b FROM t", "INSERT INTO t VALUES (1)"), executed);
    assertEquals(false, input.inStatement());
    assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("OK, 2 rows affected"));
  }

  @Test
  void scriptStopsAtFirstErrorAndPrintsSqlState() throws Exception {
    Outcome outcome = processor(true).run(new StringReader("SELECT 1;\nSELECT BROKEN;\nSELECT 3;\n"));
    assertEquals(Outcome.FAILED, outcome);
    assertEquals(List.of("SELECT 1", "SELECT BROKEN"), executed);
    assertEquals("ERROR: syntax error near BROKEN (SQLSTATE 42601)\n",
        errBytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }

  @Test
  void interactiveSessionGoesOnAfterAnError() {
    InputProcessor input = processor(false);
    assertEquals(Outcome.CONTINUE, input.acceptLine("SELECT BROKEN; SELECT 2;"));
    assertEquals(List.of("SELECT BROKEN", "SELECT 2"), executed);
  }

  @Test
  void lastStatementRunsWithoutSemicolonAtEndOfInput() throws Exception {
    assertEquals(Outcome.CONTINUE, processor(true).run(new StringReader("SELECT 1;\nSELECT 2 -- no semicolon")));
    assertEquals(List.of("SELECT 1", "SELECT 2 -- no semicolon"), executed);
  }

  @Test
  void quitEndsInputOnlyBetweenStatements() throws Exception {
    InputProcessor input = processor(true);
    assertEquals(Outcome.CONTINUE, input.acceptLine("SELECT"));
    assertEquals(Outcome.CONTINUE, input.acceptLine("exit"));
    assertEquals(Outcome.CONTINUE, input.acceptLine(";"));
    assertEquals(List.of("SELECT\nexit"), executed);
    assertEquals(Outcome.QUIT, input.acceptLine("quit"));
    assertEquals(Outcome.QUIT, input.acceptLine("\\q"));
    assertEquals(Outcome.QUIT, processor(true).run(new StringReader("SELECT 1;\nexit;\nSELECT 2;")));
  }

  @Test
  void unknownBackslashCommandFailsAScript() throws Exception {
    assertEquals(Outcome.FAILED, processor(true).run(new StringReader("\\x")));
    assertTrue(errBytes.toString(StandardCharsets.UTF_8).startsWith("ERROR: unknown command \\x"));
    assertEquals(Outcome.CONTINUE, processor(false).acceptLine("\\x"));
  }
}
