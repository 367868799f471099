package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.exec.QueryStatement;
import io.cairndb.planner.interp.ExecutionMode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plan interpreter (planner {@code interp}) runs the common plan shapes and gives exactly what Calcite's
 * compiled code gives: every query here is planned in {@link ExecutionMode#VERIFY}, which runs both and fails
 * with XX000 when rows, their Java value classes or the error's SQLSTATE differ. Values cover NULLs, extremes
 * that overflow, zero divisors and every type the interpreter handles.
 */
class InterpreterTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "T", List.of(col("ID", ColumnType.INTEGER, false),
                col("I", ColumnType.INTEGER, true), col("B", ColumnType.BIGINT, true),
                col("D", ColumnType.DOUBLE, true), col("R", ColumnType.REAL, true),
                col("M", ColumnType.DECIMAL, 10, 2, true), col("S", ColumnType.VARCHAR, true),
                col("C", ColumnType.CHAR, 5, 0, true), col("F", ColumnType.BOOLEAN, true),
                col("SI", ColumnType.SMALLINT, true)), List.of("ID"), false);
        f.update("INSERT INTO t VALUES (1, 7, 70, 2.5, 1.5, 3.25, 'abc', 'ab', TRUE, 3),"
                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                + " (3, 2147483647, 9223372036854775807, -0.5, -2.0, -1.10, 'b', 'xyz', FALSE, -7),"
                + " (4, 0, 0, 0.0, 0.0, 0.00, '', '', TRUE, 0),"
                + " (5, -3, 3000000000, 1e300, 3.0, 99.99, 'abc', 'ab', NULL, 300)");
        f.catalog.createTable("PUBLIC", "U", List.of(col("K", ColumnType.INTEGER, false),
                col("I", ColumnType.INTEGER, true), col("S", ColumnType.VARCHAR, true)), List.of("K"), false);
        f.update("INSERT INTO u VALUES (1, 7, 'one'), (2, 7, 'two'), (3, NULL, 'three'), (6, -3, NULL)");
        f.planner.executionMode(ExecutionMode.VERIFY);
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    /** Runs a query both ways (a difference fails with XX000); true if the interpreter ran it. */
    private static boolean agree(String sql, Object... params) {
        PlannedStatement p = f.plan(sql);
        try {
            f.run(p, params);
        } catch (SqlStateException e) {
            assertFalse(e.getMessage().contains("differs"), sql + ": " + e.getMessage());
        }
        return ((QueryStatement) p).interpreted();
    }

    private static void interpreted(String... queries) {
        for (String q : queries) {
            assertTrue(agree(q), "not interpreted: " + q);
        }
    }

    @Test
    void arithmeticWrapsAndPromotesAsJavaDoes() {
        interpreted("SELECT id, i + 1, i * 2, i - b, b * 2, i / 3, i % 7, -i, - - i, d + i, r * 2, r + i FROM t",
                "SELECT id, m + 1, m * m, m - i, -m, ABS(i), ABS(d), ABS(m), ABS(r), si * i FROM t",
                "SELECT i + i, b + b, -b, b * i FROM t", "SELECT d * d * d, r * r FROM t",
                "SELECT id FROM t WHERE i * 2 < 0");
        agree("SELECT si + si, si - si, -si FROM t"); // SMALLINT results: compiled
    }

    @Test
    void divisionByZeroFailsTheSameWay() {
        interpreted("SELECT i / (i - i) FROM t WHERE id = 1", "SELECT b % (b - b) FROM t WHERE id = 1",
                "SELECT d / (d - d) FROM t WHERE id = 1", "SELECT r / 0 FROM t WHERE id = 3",
                "SELECT id FROM t WHERE i <> 0 AND 10 / i > 1", "SELECT 10 / i FROM t");
        assertEquals("22012", f.errorOf("SELECT 10 / i FROM t"));
    }

    @Test
    void comparisonsAndThreeValuedLogic() {
        interpreted("SELECT id FROM t WHERE i > 5 AND (d < 2.5 OR s IS NULL) OR NOT f",
                "SELECT id FROM t WHERE i IN (1, 7, 0, NULL)", "SELECT id FROM t WHERE i NOT IN (1, 7)",
                "SELECT id FROM t WHERE i BETWEEN -3 AND 7", "SELECT id FROM t WHERE s = 'abc' OR s = 'xyz'",
                "SELECT id FROM t WHERE b = i", "SELECT id FROM t WHERE d = i OR r < d",
                "SELECT id FROM t WHERE m > 1.5", "SELECT id FROM t WHERE m = i OR m < b",
                "SELECT id, f IS TRUE, f IS NOT FALSE, f IS NULL, NOT f, f AND i > 1, f OR i > 1 FROM t",
                "SELECT id, i IS DISTINCT FROM 7, i IS NOT DISTINCT FROM NULL FROM t",
                "SELECT id, s < 'b', s >= 'abc', s <> 'ab', s || 'x', 'y' || s || s FROM t", "SELECT id FROM t WHERE d = -0.0");
        agree("SELECT id FROM t WHERE c = 'xyz' OR c < s");
        agree("SELECT id, s >= c, c <> 'ab' FROM t"); // CHAR(n): compiled where lengths differ
    }

    @Test
    void caseCoalesceAndCasts() {
        interpreted("SELECT CASE WHEN i > 5 THEN b ELSE i END, COALESCE(i, b, 0), NULLIF(i, 7) FROM t",
                "SELECT CASE i WHEN 7 THEN 'seven' WHEN 0 THEN 'zero' END, CASE WHEN f THEN d ELSE i END FROM t",
                "SELECT CAST(i AS BIGINT), CAST(i AS DOUBLE), CAST(b AS REAL), CAST(si AS INTEGER) FROM t",
                "SELECT CAST(i AS DECIMAL(12, 2)), CAST(si AS DECIMAL(5, 1)), CAST(b AS DECIMAL(38, 0)) FROM t");
        agree("SELECT CAST(i AS DECIMAL(4, 1)) FROM t"); // too many digits for 2147483647
        for (String cast : List.of("CAST(d AS INTEGER)", "CAST(d AS BIGINT)", "CAST(d AS REAL)",
                "CAST(r AS INTEGER)", "CAST(d * 1e-291 AS INTEGER)", "CAST(-d * 1e-282 AS BIGINT)")) {
            assertTrue(agree("SELECT " + cast + " FROM t"), cast);
        }
        agree("SELECT CAST(d AS INTEGER) FROM t WHERE id <> 5");
        agree("SELECT CAST(d * 3 AS INTEGER), CAST(r / 7 AS BIGINT) FROM t WHERE id <> 5");
        // narrowing a BIGINT that does not fit an INTEGER: both ways the same outcome
        agree("SELECT CAST(b AS INTEGER) FROM t");
        agree("SELECT CAST(b AS INTEGER) FROM t WHERE id <> 3 AND id <> 5");
    }

    @Test
    void aggregatesGlobalGroupedDistinctAndFiltered() {
        interpreted("SELECT COUNT(*), COUNT(i), SUM(i), SUM(d), SUM(m), MIN(s), MAX(d), AVG(i), AVG(d) FROM t",
                "SELECT COUNT(*), SUM(i), MIN(s), MAX(b) FROM t WHERE id < 0",
                "SELECT f, COUNT(DISTINCT i), SUM(DISTINCT i), MIN(s) FROM t GROUP BY f",
                "SELECT i % 3, COUNT(*) FILTER (WHERE d > 0) FROM t GROUP BY i % 3 HAVING COUNT(*) > 0",
                "SELECT f, SUM(b) FROM t WHERE id < 0 GROUP BY f", "SELECT SUM(r), SUM(si), MAX(f) FROM t");
    }

    @Test
    void joinsOfEveryType() {
        interpreted("SELECT t.id, u.k FROM t JOIN u ON t.i = u.i", "SELECT t.id, u.k FROM t LEFT JOIN u ON t.i = u.i",
                "SELECT t.id, u.k FROM t RIGHT JOIN u ON t.i = u.i", "SELECT t.id, u.k FROM t FULL JOIN u ON t.i = u.i",
                "SELECT t.id, u.k FROM t JOIN u ON t.i = u.i AND t.id < u.k",
                "SELECT t.id, u.k FROM t JOIN u ON t.i < u.i", "SELECT t.id, u.k FROM t, u WHERE t.b = u.i",
                "SELECT t.id, u.k FROM t JOIN u ON t.d = u.i", "SELECT id FROM t WHERE i IN (SELECT i FROM u)",
                "SELECT id FROM t WHERE i NOT IN (SELECT i FROM u WHERE i IS NOT NULL)",
                "SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.id)",
                "SELECT id, (SELECT s FROM u WHERE u.k = t.id) FROM t");
        // a scalar subquery with two rows fails the same way
        agree("SELECT id, (SELECT s FROM u WHERE u.i = 7) FROM t");
        assertEquals("21000", f.errorOf("SELECT id, (SELECT s FROM u WHERE u.i = 7) FROM t"));
    }

    @Test
    void sortingLimitsSetOperationsAndValues() {
        interpreted("SELECT id, d FROM t ORDER BY d DESC NULLS FIRST, id LIMIT 3 OFFSET 1",
                "SELECT id, s FROM t ORDER BY s, id", "SELECT id FROM t ORDER BY m NULLS LAST, id DESC",
                "SELECT i FROM t UNION SELECT i FROM u", "SELECT i FROM t UNION ALL SELECT i FROM u",
                "SELECT i FROM t INTERSECT SELECT i FROM u", "SELECT i FROM t EXCEPT SELECT i FROM u",
                "SELECT * FROM (VALUES (1, 'a'), (2, 'bb')) AS v(x, y) WHERE x > 1", "SELECT 1, 'x', 2.5",
                "SELECT DISTINCT i FROM u");
        assertTrue(agree("SELECT id FROM t WHERE i > ? ORDER BY id LIMIT ?", 0, 2));
        assertEquals(List.of("1", "3"), f.rows("SELECT id FROM t WHERE i > ? ORDER BY id LIMIT ?", 0, 2));
    }

    @Test
    void explainSaysHowAQueryRuns() {
        assertTrue(f.rows("EXPLAIN PLAN FOR SELECT id FROM t WHERE i > 1").contains("execution: interpreted"));
        assertTrue(f.rows("EXPLAIN PLAN FOR SELECT id FROM t WHERE s LIKE 'a%'").contains("execution: compiled"));
    }

    @Test
    void interpretedResultsAreTheExpectedRows() {
        // independent of the comparison: the interpreter's own answers, worked out by hand
        assertEquals(List.of("1|77", "4|0"), f.rows("SELECT id, i * 11 FROM t WHERE id IN (1, 4) ORDER BY id"));
        assertEquals(List.of("4|3|4||1.0E300"), f.rows("SELECT COUNT(*), COUNT(i), SUM(i), MIN(s), MAX(d) FROM t"
                + " WHERE id <> 3"));
        assertEquals(List.of("0|null"), f.rows("SELECT COUNT(*), SUM(i) FROM t WHERE id < 0"));
        assertEquals(List.of("1|1", "1|2", "2|null", "3|null", "4|null", "5|6"),
                f.rows("SELECT t.id, u.k FROM t LEFT JOIN u ON t.i = u.i ORDER BY t.id, u.k"));
        assertEquals(List.of("5|abc"), f.rows("SELECT id, s FROM t WHERE id NOT IN (SELECT k FROM u) "
                + "AND id <> 4 ORDER BY id"));
    }
}
