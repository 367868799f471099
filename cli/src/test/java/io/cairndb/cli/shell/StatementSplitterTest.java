package io.cairndb.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  @Test
  void splitsAtSemicolonsAndTrims() {
    var result = StatementSplitter.split("SELECT 1;\n  SELECT 2 ;SELECT 3;");
    assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"), result.statements());
    assertEquals("", result.remainder());
  }

  @Test
  void keepsUnfinishedTextAsRemainder() {
    var result = StatementSplitter.split("SELECT 1; SELECT *\nFROM t");
    assertEquals(List.of("SELECT 1"), result.statements());
    assertEquals(" SELECT *\nFROM t", result.remainder());
    assertFalse(result.remainderIsBlank());
  }

  @Test
  void semicolonInsideStringLiteralDoesNotEndStatement() {
    var result = StatementSplitter.split("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 2;");
    assertEquals(List.of("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 2"), result.statements());
  }

  @Test
  void semicolonInsideQuotedIdentifierDoesNotEndStatement() {
    var result = StatementSplitter.split("SELECT \"odd;name\", \"with \"\"quote;\"\"\" FROM t;");
    assertEquals(List.of("SELECT \"odd;name\", \"with \"\"quote;\"\"\" FROM t"), result.statements());
  }

  @Test
  void semicolonInsideCommentsDoesNotEndStatement() {
    var result = StatementSplitter.split("SELECT 1 -- not the end; really\n, 2 /* nor; this */ FROM t;");
    assertEquals(List.of("SELECT 1 -- not the end; really\n, 2 /* nor; this */ FROM t"), result.statements());
  }

  @Test
  void quoteCharactersInsideCommentsDoNotOpenStrings() {
    var result = StatementSplitter.split("-- don't\nSELECT 1; /* \" */ SELECT 2;");
    assertEquals(List.of("SELECT 1", "SELECT 2"), result.statements());
  }

  @Test
  void commentCharactersInsideStringsAreText() {
    var result = StatementSplitter.split("SELECT '--', '/*'; SELECT 2;");
    assertEquals(List.of("SELECT '--', '/*'", "SELECT 2"), result.statements());
  }

  @Test
  void unterminatedStringSwallowsLaterSemicolons() {
    var result = StatementSplitter.split("SELECT 'abc; SELECT 2;");
    assertTrue(result.statements().isEmpty());
    assertFalse(result.remainderIsBlank());
  }

  @Test
  void dropsEmptyAndCommentOnlyStatements() {
    var result = StatementSplitter.split(";;\n-- just a comment\n;/* block */;SELECT 1;");
    assertEquals(List.of("SELECT 1"), result.statements());
  }

  @Test
  void stripsLeadingCommentsButKeepsHints() {
    var result = StatementSplitter.split("-- load\n/* step 1 */ SELECT /*+ hint */ 1;");
    assertEquals(List.of("SELECT /*+ hint */ 1"), result.statements());
  }

  @Test
  void trailingLineCommentLeavesBlankRemainder() {
    var result = StatementSplitter.split("SELECT 1; -- done");
    assertEquals(List.of("SELECT 1"), result.statements());
    assertTrue(result.remainderIsBlank());
  }

  @Test
  void unclosedBlockCommentIsNotBlank() {
    assertFalse(StatementSplitter.isBlank("/* still typing"));
    assertTrue(StatementSplitter.isBlank("  /* done */ -- and this\n"));
  }
}
