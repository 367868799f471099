package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairndb.planner.catalog.ColumnType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL arithmetic semantics on every path: division by zero, DECIMAL rounding. */
class ArithmeticSemanticsTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "F", List.of(col("ID", ColumnType.INTEGER, false),
                col("X", ColumnType.DOUBLE, true), col("R", ColumnType.REAL, true),
                col("I", ColumnType.INTEGER, true)), List.of("ID"), false);
        f.update("INSERT INTO f VALUES (1, 7.0, 2.5, 0), (2, NULL, NULL, NULL)");
        f.catalog.createTable("PUBLIC", "S", List.of(col("ID", ColumnType.INTEGER, false),
                col("T", ColumnType.VARCHAR, true)), List.of("ID"), false);
        f.update("INSERT INTO s VALUES (1, 'abc'), (2, NULL)");
        f.catalog.createTable("PUBLIC", "D", List.of(col("ID", ColumnType.INTEGER, false),
                col("V", ColumnType.DECIMAL, 5, 2, true)), List.of("ID"), false);
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @Test
    void doubleAndRealDivisionByZeroIs22012() {
        // constant folding
        assertEquals("22012", f.errorOf("SELECT CAST(1.0 AS DOUBLE) / 0"));
        assertEquals("22012", f.errorOf("SELECT 1.0e0 / 0.0e0"));
        assertEquals("22012", f.errorOf("SELECT 0.0e0 / 0"));
        assertEquals("22012", f.errorOf("SELECT CAST(1 AS REAL) / 0"));
        // general path over rows
        assertEquals("22012", f.errorOf("SELECT x / i FROM f WHERE id = 1"));
        assertEquals("22012", f.errorOf("SELECT r / i FROM f WHERE id = 1"));
        assertEquals("22012", f.errorOf("SELECT id / r FROM f WHERE id = 1 AND r / (id - 1) > 0"));
        assertEquals("22012", f.errorOf("SELECT x / (x - 7) FROM f"));
        assertEquals("22012", f.errorOf("SELECT id FROM f WHERE x / CAST(? AS DOUBLE) > 1", 0.0));
        assertEquals("22012", f.errorOf("UPDATE f SET x = x / 0"));
        assertEquals("22012", f.errorOf("INSERT INTO f (id, x) SELECT id + 10, x / i FROM f WHERE id = 1"));
        // nothing was changed by the failed statements
        assertEquals(List.of("1|7.0|2.5|0", "2|null|null|null"), f.rows("SELECT * FROM f ORDER BY id"));
    }

    @Test
    void doubleAndRealDivisionOtherwiseUnchanged() {
        assertEquals(List.of("3.5|1.25|3.5"), f.rows("SELECT x / 2, r / 2, x / CAST(2 AS REAL) FROM f WHERE id = 1"));
        assertEquals(Double.class, f.query("SELECT x / 2 FROM f WHERE id = 1").get(0).get(0).getClass());
        assertEquals(Float.class, f.query("SELECT r / 2 FROM f WHERE id = 1").get(0).get(0).getClass());
        // NULL operands give NULL, even over a zero divisor (PostgreSQL: NULL / 0 is NULL)
        assertEquals(List.of("null|null|null"), f.rows("SELECT x / 0, r / i, x / i FROM f WHERE id = 2"));
        assertEquals(List.of("null"), f.rows("SELECT CAST(NULL AS DOUBLE) / 0"));
        assertEquals(List.of("2.0"), f.rows("SELECT 1.0e0 / 0.5e0"));
        // integer and DECIMAL division by zero stay 22012
        assertEquals("22012", f.errorOf("SELECT id / i FROM f WHERE id = 1"));
        assertEquals("22012", f.errorOf("SELECT CAST(1.5 AS DECIMAL(5, 2)) / i FROM f WHERE id = 1"));
    }

    /** DECIMAL values are rounded half-up (away from zero) to the column scale on every path (PostgreSQL). */
    @Test
    void decimalLiteralsRoundHalfUpOnEveryPath() {
        f.update("DELETE FROM d");
        // general path: multi-row VALUES
        f.update("INSERT INTO d VALUES (1, 1.005), (2, -1.005), (3, 2.675), (4, 1.004)");
        // fast path: single-row VALUES, with a literal and with a parameter
        f.update("INSERT INTO d VALUES (5, 1.005)");
        f.update("INSERT INTO d VALUES (?, ?)", 6, new java.math.BigDecimal("-2.675"));
        // computed values and INSERT ... SELECT
        f.update("INSERT INTO d SELECT id + 10, v + 0.005 FROM d WHERE id = 4");
        f.update("INSERT INTO d (id, v) SELECT 20, 3.335 FROM d WHERE id = 1");
        // general path with an expression list that mixes literals and columns
        f.update("INSERT INTO d VALUES (21, 9.995), (22, CAST(0.125 AS DECIMAL(6, 3)))");
        assertEquals(List.of("1|1.01", "2|-1.01", "3|2.68", "4|1.00", "5|1.01", "6|-2.68", "14|1.01", "20|3.34",
                "21|10.00", "22|0.13"), f.rows("SELECT * FROM d ORDER BY id"));
        // UPDATE, by primary key (fast path) and general
        f.update("UPDATE d SET v = 4.445 WHERE id = 1");
        f.update("UPDATE d SET v = 5.555 WHERE id >= 2 AND id <= 3");
        assertEquals(List.of("1|4.45", "2|5.56", "3|5.56"), f.rows("SELECT * FROM d WHERE id <= 3 ORDER BY id"));
        // rounding can overflow the precision: 999.995 does not fit DECIMAL(5,2)
        assertEquals("22003", f.errorOf("INSERT INTO d VALUES (30, 999.995), (31, 1)"));
        assertEquals("22003", f.errorOf("INSERT INTO d VALUES (30, 999.995)"));
    }

    @Test
    void arithmeticWithANullOperandPlansAndIsNull() {
        // Calcite's monotonicity derivation used to fail on these: "not a literal: /(null, 89)"
        assertEquals(List.of("null|null", "null|null"),
                f.rows("SELECT CAST(NULL AS INTEGER) / 89 * i, 89 / CAST(NULL AS INTEGER) * id FROM f ORDER BY id"));
        assertEquals(List.of("null|2"), f.rows("SELECT DISTINCT CAST(NULL AS INTEGER) / - 46 AS c0, COUNT(*) FROM f"));
        assertEquals(List.of("1", "2"), f.rows("SELECT id FROM f WHERE (CAST(NULL AS INTEGER) / - id) IS NULL "
                + "ORDER BY id"));
        assertEquals(List.of("null"), f.rows("SELECT - SUM(id) / CAST(NULL AS INTEGER) * 3 FROM f"));
        assertEquals(List.of("null"), f.rows("SELECT ALL + CAST ( NULL AS INTEGER ) * - 12 * - ( - 12 ) / + 54 * + 87"));
        // a constant operand that only simplification turns into NULL (sqllogictest random/expr)
        assertEquals(List.of("null"), f.rows("SELECT CASE - ( - 3 ) WHEN - 70 THEN + 60 END / + 91 * 63 + + - 51 - + 31"));
        assertEquals(List.of("null"), f.rows("SELECT + 62 / CASE - + 2 WHEN + 83 THEN + - 67 WHEN + ( - + 8 ) * "
                + "+ CAST ( NULL AS INTEGER ) THEN NULL ELSE NULL END * 11"));
        assertEquals(List.of("null"), f.rows("SELECT - 90 / + 22 / CASE + + 27 WHEN - + 21 + - CAST ( 58 AS INTEGER )"
                + " THEN NULL WHEN 56 THEN 56 END * - 43"));
        assertEquals(List.of("null|1"), f.rows("SELECT CASE id WHEN 9 THEN 1 END / 3 * 2, id FROM f WHERE id = 1"));
    }

    @Test
    void unaryPlusIsTheIdentityOnEveryType() {
        assertEquals(List.of("abc", "null"), f.rows("SELECT + t FROM s ORDER BY id"));
        assertEquals(List.of("1"), f.rows("SELECT id FROM s WHERE NOT + + t IS NULL"));
        assertEquals(List.of("-1|-1"), f.rows("SELECT - + id, + - + id FROM s WHERE + id = 1"));
        assertEquals(List.of("7"), f.rows("SELECT id + + CAST(? AS INTEGER) FROM s WHERE id = 1", 6));
        assertEquals(List.of("8"), f.rows("SELECT + ? + id FROM s WHERE id = 1", 7)); // typed by the other side
        assertEquals("22018", f.errorOf("SELECT - t FROM s WHERE id = 1")); // minus still needs a number
    }
}
