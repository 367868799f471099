package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "E", List.of(col("ID", ColumnType.INTEGER, false),
                col("S", ColumnType.SMALLINT, true), col("V", ColumnType.VARCHAR, 3, 0, true),
                col("C", ColumnType.CHAR, 2, 0, true), col("D", ColumnType.DECIMAL, 5, 2, true),
                col("NN", ColumnType.INTEGER, 0, 0, true)), List.of("ID"), false);
        f.catalog.createTable("PUBLIC", "N", List.of(col("ID", ColumnType.INTEGER, false),
                col("REQ", ColumnType.VARCHAR, false)), List.of("ID"), false);
        f.update("INSERT INTO e (id) VALUES (1)");
        f.update("INSERT INTO n VALUES (1, 'x')");
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @Test
    void nameErrors() {
        assertEquals("42P01", f.errorOf("SELECT * FROM missing"));
        assertEquals("42P01", f.errorOf("INSERT INTO missing VALUES (1)"));
        assertEquals("42703", f.errorOf("SELECT nope FROM e"));
        assertEquals("42703", f.errorOf("UPDATE e SET nope = 1"));
        assertEquals("42883", f.errorOf("SELECT nosuchfn(1)"));
        assertEquals("42804", f.errorOf("SELECT * FROM e WHERE id = DATE '2020-01-01'"));
    }

    @Test
    void constraintErrors() {
        SqlStateException dup = assertThrows(SqlStateException.class, () -> f.update("INSERT INTO e (id) VALUES (1)"));
        assertEquals("23505", dup.sqlState());
        assertTrue(dup.getMessage().contains("PUBLIC.E") && dup.getMessage().contains("(ID)=(1)"), dup.getMessage());
        SqlStateException nn = assertThrows(SqlStateException.class,
                () -> f.update("INSERT INTO n VALUES (2, NULL)"));
        assertEquals("23502", nn.sqlState());
        assertTrue(nn.getMessage().contains("REQ"), nn.getMessage());
        assertEquals("23502", f.errorOf("INSERT INTO n (id) VALUES (3)"));
        assertEquals("23502", f.errorOf("UPDATE n SET req = NULL"));
        assertEquals("23502", f.errorOf("INSERT INTO n VALUES (?, ?)", 4, null));
    }

    @Test
    void dataErrors() {
        assertEquals("22003", f.errorOf("INSERT INTO e (id, s) VALUES (2, 40000)"));
        assertEquals("22003", f.errorOf("INSERT INTO e (id, s) VALUES (?, ?)", 2, 40000));
        assertEquals("22003", f.errorOf("UPDATE e SET s = 40000"));
        assertEquals("22003", f.errorOf("INSERT INTO e (id, d) VALUES (2, 1234.5)"));
        assertEquals("22003", f.errorOf("UPDATE e SET d = id * 10000"));
        assertEquals("22001", f.errorOf("INSERT INTO e (id, v) VALUES (2, 'abcd')"));
        assertEquals("22001", f.errorOf("INSERT INTO e (id, v) VALUES (?, ?)", 2, "abcd"));
        assertEquals("22001", f.errorOf("UPDATE e SET v = 'abcd'"));
        assertEquals("22001", f.errorOf("UPDATE e SET c = CAST(id AS VARCHAR(5)) || 'abc'"));
        assertEquals("22012", f.errorOf("SELECT 1 / 0"));
        assertEquals("22012", f.errorOf("SELECT id / (id - 1) FROM e"));
        assertEquals("22012", f.errorOf("UPDATE e SET s = 1 / (id - 1)"));
        assertEquals("22018", f.errorOf("SELECT CAST('abc' AS INTEGER)"));
        assertEquals("22007", f.errorOf("SELECT CAST('2020-99-99' AS DATE)"));
        assertEquals("22018", f.errorOf("SELECT id FROM e WHERE id = ?", "notanumber"));
        assertEquals("22007", f.errorOf("SELECT ? = DATE '2020-01-01'", "junk"));
        assertEquals(List.of("1|null|null"), f.rows("SELECT id, s, v FROM e"));
    }

    @Test
    void calciteInternalFailuresBecomeSqlStateExceptions() {
        // Calcite 1.41 signals some shapes it cannot plan with an AssertionError; it must surface as an SQL error
        // (0A000), never as an Error
        assertEquals("0A000", io.cairndb.planner.exec.SqlErrors.planning(
                new AssertionError("not a literal: /(null, 5)")).sqlState());
        // a hot integer division by zero throws the JVM's preallocated exception, without a message: still 22012
        assertEquals("22012", io.cairndb.planner.exec.SqlErrors.runtime(new ArithmeticException()).sqlState());
        // these shapes failed so (collation derivation over a constant division, predicate pull-up of a NULL
        // comparison) until arithmetic on NULL was folded as SQL is converted (exec.NullArithmeticFolding)
        assertEquals(List.of("null"), f.rows("SELECT CAST(NULL AS INTEGER) / 5 * id FROM e"));
        assertEquals(List.of("null"), f.rows("SELECT 37 / - CAST(NULL AS INTEGER) * - 33 / 13"));
        assertEquals(List.of("0"), f.rows("SELECT COUNT(*) FROM e WHERE id NOT IN (- CAST(NULL AS REAL) * - 17)"));
        assertEquals(List.of("1"), f.rows("SELECT id FROM e"));
    }
}
