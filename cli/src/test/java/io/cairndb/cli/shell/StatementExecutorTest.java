package io.cairndb.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementExecutorTest {

  @Test
  void rowChangingStatementsReportTheirCount() {
    assertEquals("OK, 1 row affected", StatementExecutor.updateMessage("INSERT INTO t VALUES (1)", 1));
    assertEquals("OK, 3 rows affected", StatementExecutor.updateMessage("  update t SET a = 1", 3));
    assertEquals("OK, 0 rows affected", StatementExecutor.updateMessage("DELETE FROM t WHERE a = 9", 0));
  }

  @Test
  void definitionsAndSessionStatementsJustSayOk() {
    assertEquals("OK", StatementExecutor.updateMessage("CREATE TABLE t (a INT PRIMARY KEY)", 0));
    assertEquals("OK", StatementExecutor.updateMessage("COMMIT", 0));
    assertEquals("OK", StatementExecutor.updateMessage("INSERT INTO t VALUES (1)", -1));
  }
}
