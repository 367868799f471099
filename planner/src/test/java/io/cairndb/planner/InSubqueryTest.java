package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairndb.planner.catalog.ColumnType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code x IN (subquery)} nested in OR, and the three-valued logic of IN with NULLs. Expected values follow
 * SQL (PostgreSQL/SQLite) semantics, derived by hand from the rows below.
 */
class InSubqueryTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "T", List.of(col("PK", ColumnType.INTEGER, false),
                col("A", ColumnType.INTEGER, true), col("B", ColumnType.INTEGER, true)), List.of("PK"), false);
        f.catalog.createTable("PUBLIC", "S", List.of(col("ID", ColumnType.INTEGER, false),
                col("V", ColumnType.INTEGER, true)), List.of("ID"), false);
        f.update("INSERT INTO t VALUES (1, 1, 10), (2, 2, 20), (3, NULL, 30), (4, 6, 40)");
        f.update("INSERT INTO s VALUES (1, 1), (2, NULL)");
        // the sqllogictest index/between/1 table: one row
        f.catalog.createTable("PUBLIC", "TAB0", List.of(col("PK", ColumnType.INTEGER, false),
                col("COL0", ColumnType.INTEGER, true), col("COL1", ColumnType.DOUBLE, true),
                col("COL2", ColumnType.VARCHAR, 100, 0, true), col("COL3", ColumnType.INTEGER, true),
                col("COL4", ColumnType.DOUBLE, true), col("COL5", ColumnType.VARCHAR, 100, 0, true)),
                List.of("PK"), false);
        f.update("INSERT INTO tab0 VALUES (0, 6, 5.6, 'jtqxx', 9, 5.19, 'qvgba')");
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    /**
     * The IN sits in a disjunct that simplifies to FALSE (a > 8 AND a <= 7); subquery removal cross-joins the
     * row with a global COUNT over the (empty) subquery, whose result is then unused. That join must keep every
     * row (a global aggregate always yields one row), not become "EXISTS a subquery row".
     */
    @Test
    void inSubqueryInContradictoryDisjunctOverEmptySubquery() {
        assertEquals(List.of("2", "4"), f.rows("SELECT pk FROM t WHERE a >= 2 OR (a IN (SELECT v FROM s "
                + "WHERE id > 100) AND a > 8) AND a <= 7 ORDER BY pk"));
        assertEquals(List.of("2", "4"), f.rows("SELECT pk FROM t WHERE a >= 2 OR (a IN (SELECT v FROM s "
                + "WHERE id > 100) AND a > 8 OR b = 10) AND a <= 7 AND a > 1 ORDER BY pk"));
        // the subquery has rows but no match: the result must not depend on it either
        assertEquals(List.of("2", "4"), f.rows("SELECT pk FROM t WHERE a >= 2 OR (a IN (SELECT v FROM s "
                + "WHERE id = 1) AND a > 8) AND a <= 7 ORDER BY pk"));
    }

    /**
     * With a unique index on the subquery column, the decorrelated IN filters "v = 1 OR v IS NULL" (a Sarg with
     * NULL AS TRUE); a key span over the index for v = 1 alone lost the NULL row, so 1 IN {2, NULL} became FALSE
     * (sqllogictest evidence/in1.test). It is NULL.
     */
    @Test
    void inSubqueryOverAUniqueIndexedColumnHoldingNull() {
        f.catalog.createTable("PUBLIC", "U", List.of(col("ID", ColumnType.INTEGER, false),
                col("V", ColumnType.INTEGER, true)), List.of("ID"), false);
        f.catalog.createIndex("PUBLIC", "U", "U_V", List.of("V"), List.of(false), true, false);
        f.update("INSERT INTO u VALUES (1, 2), (2, NULL), (3, 4)");
        assertEquals(List.of("null"), f.rows("SELECT 1 IN (SELECT v FROM u)"));
        assertEquals(List.of("null"), f.rows("SELECT 1 NOT IN (SELECT v FROM u)"));
        assertEquals(List.of("true"), f.rows("SELECT 2 IN (SELECT v FROM u)"));
        assertEquals(List.of("2"), f.rows("SELECT id FROM u WHERE v = 1 OR v IS NULL"));
    }

    /** The shortest failing query of sqllogictest index/between/1/slt_good_0.test (SQLite answers 0). */
    @Test
    void sqllogictestBetweenQuery() {
        assertEquals(List.of("0"), f.rows("SELECT pk FROM tab0 WHERE col0 > 2 OR col0 >= 9 AND col3 < 1 "
                + "OR col0 IN (2) OR col0 > 8 OR (col3 IN (SELECT col0 FROM tab0 WHERE (col3 < 7) AND col0 "
                + "BETWEEN 3 AND 8 AND col4 > 2.43 AND col1 >= 2.18) AND (col0 > 8) AND (col0 > 0) AND col1 > 5.42 "
                + "AND col3 < 6 OR col0 IN (1,4,6,4)) AND (((col3 <= 7))) AND col0 <= 7 OR col0 BETWEEN 5 AND 5 "
                + "OR (((col3 <= 3) OR col0 >= 4))"));
    }

    @Test
    void inWithNullsIsThreeValued() {
        // s.v = {1, NULL}: 1 IN -> TRUE; 2, 6 IN -> NULL (no match, NULL present); NULL IN -> NULL
        assertEquals(List.of("1|true", "2|null", "3|null", "4|null"),
                f.rows("SELECT pk, a IN (SELECT v FROM s) FROM t ORDER BY pk"));
        assertEquals(List.of("1|false", "2|null", "3|null", "4|null"),
                f.rows("SELECT pk, a NOT IN (SELECT v FROM s) FROM t ORDER BY pk"));
        assertEquals(List.of("1", "4"), f.rows("SELECT pk FROM t WHERE a IN (SELECT v FROM s) OR b = 40 "
                + "ORDER BY pk"));
        assertEquals(List.of("3"), f.rows("SELECT pk FROM t WHERE NOT (a IN (SELECT v FROM s)) OR b = 30 "
                + "ORDER BY pk"));
        assertEquals(List.of("2", "3", "4"), f.rows("SELECT pk FROM t WHERE (a IN (SELECT v FROM s)) IS NULL "
                + "ORDER BY pk"));
        // without the NULL: NOT IN is TRUE for 2 and 6, NULL for a NULL left side
        assertEquals(List.of("2", "4"), f.rows("SELECT pk FROM t WHERE a NOT IN (SELECT v FROM s "
                + "WHERE v IS NOT NULL) ORDER BY pk"));
        assertEquals(List.of("2", "3", "4"), f.rows("SELECT pk FROM t WHERE a NOT IN (SELECT v FROM s "
                + "WHERE v IS NOT NULL) OR a IS NULL ORDER BY pk"));
        // over an empty subquery IN is FALSE even for a NULL left side
        assertEquals(List.of("1|false", "2|false", "3|false", "4|false"),
                f.rows("SELECT pk, a IN (SELECT v FROM s WHERE id > 100) FROM t ORDER BY pk"));
        assertEquals(List.of("1", "2", "3", "4"), f.rows("SELECT pk FROM t WHERE a NOT IN (SELECT v FROM s "
                + "WHERE id > 100) ORDER BY pk"));
        // literal lists: x IN (NULL, 1) is NULL when x = 2
        assertEquals(List.of("1|true", "2|null", "3|null", "4|null"),
                f.rows("SELECT pk, a IN (NULL, 1) FROM t ORDER BY pk"));
        assertEquals(List.of("1", "3"), f.rows("SELECT pk FROM t WHERE a IN (NULL, 1) OR b = 30 ORDER BY pk"));
    }
}
