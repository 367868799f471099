package io.cairndb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.SqlStateException;
import io.cairndb.sql.parse.NativeStatement.ColumnSpec;
import io.cairndb.sql.parse.NativeStatement.CreateIndex;
import io.cairndb.sql.parse.NativeStatement.CreateTable;
import io.cairndb.sql.parse.NativeStatement.CreateView;
import io.cairndb.sql.parse.NativeStatement.DropIndex;
import io.cairndb.sql.parse.NativeStatement.DropTable;
import io.cairndb.sql.parse.NativeStatement.DropView;
import io.cairndb.sql.parse.NativeStatement.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeStatementParserTest {

    @Test
    void queriesAndDmlAreLeftToCalcite() {
        assertNull(NativeStatementParser.parse("SELECT 1"));
        assertNull(NativeStatementParser.parse("insert into t values (1)"));
        assertNull(NativeStatementParser.parse("  update t set a = 1"));
        assertNull(NativeStatementParser.parse("WITH x AS (SELECT 1) SELECT * FROM x"));
        assertNull(NativeStatementParser.parse("EXPLAIN PLAN FOR SELECT 1"));
    }

    @Test
    void alterNodeDecommission() {
        assertEquals(new NativeStatement.AlterNodeDecommission(3, false),
                NativeStatementParser.parse("alter node 3 decommission"));
        assertEquals(new NativeStatement.AlterNodeDecommission(12, true),
                NativeStatementParser.parse("ALTER NODE 12 DECOMMISSION FORCE;"));
        assertEquals("42601", assertThrows(SqlStateException.class,
                () -> NativeStatementParser.parse("ALTER NODE x DECOMMISSION")).sqlState());
        assertEquals("0A000", assertThrows(SqlStateException.class,
                () -> NativeStatementParser.parse("ALTER SESSION SET x = 1")).sqlState());
    }

    @Test
    void alterTableSplitAt() {
        assertEquals(new NativeStatement.AlterTableSplit(new QualifiedName("S", "T"),
                        List.of(new java.math.BigDecimal("-5"), "x", true)),
                NativeStatementParser.parse("ALTER TABLE s.t SPLIT AT VALUES (-5, 'x', TRUE)"));
        assertEquals("42601", assertThrows(SqlStateException.class,
                () -> NativeStatementParser.parse("ALTER TABLE t SPLIT AT VALUES ()")).sqlState());
    }

    @Test
    void firstWordSkipsBlanksAndComments() {
        assertEquals("CREATE", NativeStatementParser.firstWord("  -- note\n /* c */ create table t (a int)"));
        assertEquals("", NativeStatementParser.firstWord("(SELECT 1)"));
        assertInstanceOf(NativeStatement.Commit.class, NativeStatementParser.parse("/* done */ COMMIT"));
    }

    @Test
    void createTableWithInlineAndTableConstraints() {
        CreateTable t = (CreateTable) NativeStatementParser.parse(
                "create table if not exists s.\"Mixed\" (pk integer primary key, b varchar(10) not null default 'x,y',"
                        + " c decimal(10, 2) default (1 + 2) null, d double precision, e int unique);");
        assertEquals(new QualifiedName("S", "Mixed"), t.name());
        assertTrue(t.ifNotExists());
        assertEquals(List.of("PK"), t.primaryKey());
        assertEquals(List.of(List.of("E")), t.uniqueKeys());
        assertEquals(new ColumnSpec("B", "VARCHAR", 10, -1, true, false, false, "'x,y'"), t.columns().get(1));
        assertEquals(new ColumnSpec("C", "DECIMAL", 10, 2, false, false, false, "(1 + 2)"), t.columns().get(2));
        assertEquals("DOUBLE PRECISION", t.columns().get(3).typeName());
        CreateTable composite = (CreateTable) NativeStatementParser.parse(
                "CREATE TABLE t (a INT, b INT, c TEXT, CONSTRAINT t_pk PRIMARY KEY (a, b), UNIQUE (c))");
        assertEquals(List.of("A", "B"), composite.primaryKey());
        assertEquals(List.of(List.of("C")), composite.uniqueKeys());
    }

    @Test
    void defaultExpressionStopsAtConstraintKeywords() {
        CreateTable t = (CreateTable) NativeStatementParser.parse(
                "CREATE TABLE t (a INT DEFAULT -1 NOT NULL, b TIMESTAMP DEFAULT CURRENT_TIMESTAMP, c INT DEFAULT NULL)");
        assertEquals("-1", t.columns().get(0).defaultSql());
        assertTrue(t.columns().get(0).notNull());
        assertEquals("CURRENT_TIMESTAMP", t.columns().get(1).defaultSql());
        assertEquals("NULL", t.columns().get(2).defaultSql());
    }

    @Test
    void twoPrimaryKeysAreRejected() {
        SqlStateException e = assertThrows(SqlStateException.class, () -> NativeStatementParser.parse(
                "CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))"));
        assertEquals("42P16", e.sqlState());
    }

    @Test
    void dropStatements() {
        DropTable dt = (DropTable) NativeStatementParser.parse("DROP TABLE IF EXISTS a, s.b CASCADE");
        assertTrue(dt.ifExists());
        assertTrue(dt.cascade());
        assertEquals(List.of(new QualifiedName(null, "A"), new QualifiedName("S", "B")), dt.names());
        DropView dv = (DropView) NativeStatementParser.parse("drop view v");
        assertFalse(dv.ifExists());
        assertFalse(dv.cascade());
        DropIndex di = (DropIndex) NativeStatementParser.parse("DROP INDEX IF EXISTS i1 ON t");
        assertEquals(new QualifiedName(null, "I1"), di.name());
    }

    @Test
    void createIndexAndView() {
        CreateIndex ci = (CreateIndex) NativeStatementParser.parse("CREATE UNIQUE INDEX ix ON t (a DESC, b ASC, c)");
        assertTrue(ci.unique());
        assertEquals(List.of("A", "B", "C"), ci.columns());
        assertEquals(List.of(true, false, false), ci.descending());
        CreateView cv = (CreateView) NativeStatementParser.parse(
                "CREATE OR REPLACE VIEW v (x, y) AS SELECT a, b FROM t WHERE a > 1;");
        assertTrue(cv.orReplace());
        assertEquals(List.of("X", "Y"), cv.columns());
        assertEquals("SELECT a, b FROM t WHERE a > 1", cv.query());
    }

    @Test
    void transactionControl() {
        assertInstanceOf(NativeStatement.Begin.class, NativeStatementParser.parse("BEGIN"));
        assertEquals(new NativeStatement.Begin(true),
                NativeStatementParser.parse("START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY"));
        assertInstanceOf(NativeStatement.Commit.class, NativeStatementParser.parse("commit work"));
        assertInstanceOf(NativeStatement.Commit.class, NativeStatementParser.parse("END"));
        assertInstanceOf(NativeStatement.Rollback.class, NativeStatementParser.parse("ROLLBACK;"));
        assertEquals(new NativeStatement.SetSchema("APP"), NativeStatementParser.parse("SET search_path TO app"));
        assertEquals(new NativeStatement.SetTransaction(false, null),
                NativeStatementParser.parse("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"));
        assertEquals(new NativeStatement.SetTransaction(true, true),
                NativeStatementParser.parse("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
    }

    @Test
    void syntaxErrorsCarry42601() {
        for (String bad : List.of("CREATE TABLE t (a INT", "CREATE TABLE (a INT)", "DROP TABLE", "BEGIN nonsense",
                "CREATE TABLE t (a INT) extra", "CREATE TABLE t (a 'x')", "CREATE TABLE t (a VARCHAR(x))")) {
            SqlStateException e = assertThrows(SqlStateException.class, () -> NativeStatementParser.parse(bad), bad);
            assertEquals("42601", e.sqlState(), bad);
        }
    }

    @Test
    void unsupportedFeaturesCarry0A000() {
        SqlStateException e = assertThrows(SqlStateException.class,
                () -> NativeStatementParser.parse("CREATE TABLE t (a INT CHECK (a > 0))"));
        assertEquals("0A000", e.sqlState());
        assertEquals("0A000", assertThrows(SqlStateException.class,
                () -> NativeStatementParser.parse("CREATE SEQUENCE s")).sqlState());
    }
}
