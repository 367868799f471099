package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairndb.planner.catalog.ColumnType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "EMP", List.of(col("ID", ColumnType.INTEGER, false),
                col("NAME", ColumnType.VARCHAR, 20, 0, true), col("DEPT", ColumnType.INTEGER, true),
                col("SALARY", ColumnType.DECIMAL, 10, 2, true)), List.of("ID"), false);
        f.catalog.createTable("PUBLIC", "DEPT", List.of(col("ID", ColumnType.INTEGER, false),
                col("NAME", ColumnType.VARCHAR, 20, 0, true)), List.of("ID"), false);
        f.update("INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')");
        f.update("INSERT INTO emp VALUES (1, 'ann', 1, 100.50), (2, 'bob', 1, 200), (3, 'cy', 2, 50),"
                + " (4, 'dee', NULL, 75.25)");
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @Test
    void selectAll() {
        assertEquals(List.of("1|ann|1|100.50", "2|bob|1|200.00", "3|cy|2|50.00", "4|dee|null|75.25"),
                f.rows("SELECT * FROM emp ORDER BY id"));
    }

    @Test
    void joins() {
        assertEquals(List.of("ann|eng", "bob|eng", "cy|ops"),
                f.rows("SELECT e.name, d.name FROM emp e JOIN dept d ON e.dept = d.id ORDER BY e.id"));
        assertEquals(List.of("ann|eng", "bob|eng", "cy|ops", "dee|null"),
                f.rows("SELECT e.name, d.name FROM emp e LEFT JOIN dept d ON e.dept = d.id ORDER BY e.id"));
        assertEquals(List.of("ann|eng", "bob|eng", "cy|ops", "null|empty"),
                f.rows("SELECT e.name, d.name FROM emp e RIGHT JOIN dept d ON e.dept = d.id ORDER BY d.id, e.id"));
        assertEquals(List.of("ann|eng", "bob|eng", "cy|ops", "dee|null", "null|empty"),
                f.rows("SELECT e.name, d.name FROM emp e FULL JOIN dept d ON e.dept = d.id "
                        + "ORDER BY e.id NULLS LAST, d.id"));
    }

    @Test
    void groupByHavingAndAggregates() {
        assertEquals(List.of("1|2|300.50", "2|1|50.00"),
                f.rows("SELECT dept, COUNT(*), SUM(salary) FROM emp WHERE dept IS NOT NULL GROUP BY dept "
                        + "HAVING COUNT(*) >= 1 ORDER BY dept"));
        assertEquals(List.of("0|null|null"), f.rows("SELECT COUNT(*), SUM(id), MAX(name) FROM emp WHERE id > 100"));
        assertEquals(List.of("4|10|1|4"), f.rows("SELECT COUNT(*), SUM(id), MIN(id), MAX(id) FROM emp"));
    }

    /**
     * A scan with a pushed-down projection has other fields than its table: only the table's key (ID), mapped
     * through the projection, is unique. Taking the table's key positions as the scan's made DEPT (field 0 of the
     * projected scan) look unique, which dropped the GROUP BY and made the EXISTS join keep duplicates.
     */
    @Test
    void projectedScansAreUniqueOnlyOnTheTableKey() {
        assertEquals(List.of("1|2", "2|1"),
                f.rows("SELECT dept, COUNT(*) FROM emp WHERE salary > 0 AND dept > 0 GROUP BY dept ORDER BY dept"));
        assertEquals(List.of("1", "2"), f.rows("SELECT DISTINCT dept FROM emp WHERE dept > 0 ORDER BY dept"));
        assertEquals(List.of("eng", "ops"), f.rows("SELECT name FROM dept d WHERE id IN (SELECT dept FROM emp "
                + "WHERE salary > 0) ORDER BY name"));
    }

    /**
     * A WHERE that is constant FALSE leaves an empty input: averaging a constant over it with GROUP BY sent
     * Calcite's cast simplification into endless recursion (sqllogictest random/groupby); global aggregates over it
     * still give their one row.
     */
    @Test
    void aggregatesUnderAConstantlyFalseFilter() {
        assertEquals(List.of(), f.rows("SELECT AVG(57) FROM emp WHERE 1 = 0 GROUP BY dept"));
        assertEquals(List.of(), f.rows("SELECT DISTINCT dept, AVG(-57) - dept FROM emp WHERE NOT (-60) IS NOT NULL "
                + "GROUP BY dept, dept"));
        assertEquals(List.of("null|0|null|0|null"), f.rows("SELECT AVG(57), COUNT(*), SUM(salary), COUNT(dept), "
                + "MIN(name) FROM emp WHERE 1 = 0"));
        assertEquals(List.of("1"), f.rows("SELECT COUNT(*) + 1 FROM emp WHERE 1 = 0"));
        assertEquals(List.of("0"), f.rows("SELECT COUNT(*) FROM emp WHERE 1 = 0 HAVING COUNT(*) = 0"));
        assertEquals(List.of(), f.rows("SELECT dept FROM emp WHERE 1 = 0 GROUP BY dept HAVING COUNT(*) = 0"));
    }

    @Test
    void constantArithmeticOverNullInsideAggregateCasesPlans() {
        // Merging projections left `NULL / 27` as an operand of `*`; collation derivation then read it as a literal.
        assertEquals(List.of("null|119"), f.rows("SELECT ALL CASE SUM ( DISTINCT + + 94 ) WHEN - + 83 THEN NULL "
                + "WHEN - + 42 * 76 / - 4 THEN - 19 * - 17 - - CAST ( NULL AS INTEGER ) + + COUNT ( 52 ) - + 47 "
                + "+ - ( - - 54 ) * + + CASE + 77 WHEN - 19 THEN + + ( + 0 ) END WHEN - 30 / - 21 THEN NULL END "
                + "/ + + 27 * - - 61 * 13, 30 + + 89 AS col0"));
        assertEquals(List.of("null"), f.rows("SELECT DISTINCT 70 * - 90 / + ( - + CASE + 8 WHEN - CASE COUNT ( * ) "
                + "WHEN - 36 * + 7 / - COUNT ( * ) * CASE + 40 WHEN - CAST ( NULL AS INTEGER ) + - 67 THEN + + "
                + "NULLIF ( - 4, - ( + + 89 ) ) WHEN - 50 THEN - CAST ( - - 17 AS INTEGER ) * - 6 + COUNT ( * ) "
                + "ELSE NULL END * 90 THEN 13 * COUNT ( * ) - 67 / COUNT ( DISTINCT - 29 ) END THEN + MAX ( 28 ) "
                + "WHEN - 0 THEN NULL END ) * 91"));
    }

    @Test
    void aNameInsideAHavingAggregateIsTheTablesColumnEvenWhenTwoAliasesCarryIt() {
        // random/groupby: Calcite reported the duplicated alias as ambiguous; SQLite and PostgreSQL sum emp.salary
        assertEquals(List.of("-1|2|300.50", "-2|4|50.00"), f.rows("SELECT - dept AS salary, dept * 2 AS salary, "
                + "SUM(salary) FROM emp AS e GROUP BY dept HAVING SUM(ALL salary) IS NOT NULL AND "
                + "MAX(CASE WHEN salary > 0 THEN salary END) > 10 AND dept IS NOT NULL ORDER BY 1 DESC"));
        assertEquals(List.of("1|2"), f.rows("SELECT dept AS x, dept * 2 AS x FROM emp GROUP BY dept "
                + "HAVING COUNT(DISTINCT salary) = 2"));
        // outside an aggregate the name still means the select items, and two of them are ambiguous
        SqlStateException e = org.junit.jupiter.api.Assertions.assertThrows(SqlStateException.class,
                () -> f.rows("SELECT dept AS x, dept * 2 AS x FROM emp GROUP BY dept HAVING x > 1"));
        assertEquals("42702", e.sqlState(), e.getMessage());
    }

    @Test
    void orderLimitOffsetDistinct() {
        assertEquals(List.of("bob", "ann"), f.rows("SELECT name FROM emp ORDER BY salary DESC LIMIT 2"));
        assertEquals(List.of("cy"), f.rows("SELECT name FROM emp ORDER BY id LIMIT 1 OFFSET 2"));
        assertEquals(List.of("null", "1", "2"), f.rows("SELECT DISTINCT dept FROM emp ORDER BY dept NULLS FIRST"));
    }

    @Test
    void subqueries() {
        assertEquals(List.of("ann", "bob"), f.rows("SELECT name FROM emp WHERE dept IN (SELECT id FROM dept "
                + "WHERE name = 'eng') ORDER BY name"));
        assertEquals(List.of("eng", "ops"), f.rows("SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e "
                + "WHERE e.dept = d.id) ORDER BY name"));
        assertEquals(List.of("bob"), f.rows("SELECT name FROM emp WHERE salary = (SELECT MAX(salary) FROM emp)"));
        // an IN over an empty subquery inside OR must not empty the whole result
        assertEquals(List.of("3", "4"), f.rows("SELECT id FROM emp WHERE dept IN (SELECT id FROM dept "
                + "WHERE id BETWEEN 5 AND 3) OR id >= 3 ORDER BY id"));
        assertEquals(List.of("1|2", "2|1", "3|0"), f.rows("SELECT d.id, (SELECT COUNT(*) FROM emp e "
                + "WHERE e.dept = d.id) FROM dept d ORDER BY d.id"));
    }

    @Test
    void setOperations() {
        assertEquals(List.of("1", "2", "3"), f.rows("SELECT id FROM dept UNION SELECT dept FROM emp "
                + "WHERE dept IS NOT NULL ORDER BY 1"));
        assertEquals(List.of("1", "1", "2"), f.rows("SELECT dept FROM emp WHERE dept IS NOT NULL UNION ALL "
                + "SELECT id FROM dept WHERE id > 5 ORDER BY 1"));
        assertEquals(List.of("1", "2"), f.rows("SELECT id FROM dept INTERSECT SELECT dept FROM emp ORDER BY 1"));
        assertEquals(List.of("3"), f.rows("SELECT id FROM dept EXCEPT SELECT dept FROM emp"));
    }

    @Test
    void expressions() {
        assertEquals(List.of("ann|high|100.50|x", "dee|low|75.25|x"),
                f.rows("SELECT name, CASE WHEN salary > 80 THEN 'high' ELSE 'low' END, CAST(salary AS VARCHAR(10)),"
                        + " COALESCE(NULLIF(name, 'zz'), 'y') || '' FROM emp WHERE id IN (1, 4) ORDER BY id")
                        .stream().map(s -> s.replaceAll("\\|[a-z]+$", "|x")).toList());
        assertEquals(List.of("null|3"), f.rows("SELECT NULLIF(1, 1), COALESCE(NULL, 3)"));
        assertEquals(List.of("1|a", "2|b"), f.rows("VALUES (1, 'a'), (2, 'b')"));
        assertEquals(List.of("3"), f.rows("WITH t AS (SELECT COUNT(*) AS c FROM dept) SELECT c FROM t"));
    }

    @Test
    void parameters() {
        assertEquals(List.of("bob"), f.rows("SELECT name FROM emp WHERE id = ?", 2));
        assertEquals(List.of("ann", "bob"), f.rows("SELECT name FROM emp WHERE id BETWEEN ? AND ? ORDER BY id",
                1L, 2L));
        PlannedStatement p = f.plan("SELECT name FROM emp WHERE id = ? AND salary > ?");
        assertEquals(2, p.parameters().size());
        assertEquals(java.sql.Types.INTEGER, p.parameters().get(0).sqlType());
        assertEquals(java.sql.Types.DECIMAL, p.parameters().get(1).sqlType());
    }

    @Test
    void resultColumns() {
        PlannedStatement p = f.plan("SELECT id, name AS n, salary * 2 FROM emp");
        List<ResultColumn> cols = p.columns();
        assertEquals(new ResultColumn("ID", "ID", "PUBLIC", "EMP", java.sql.Types.INTEGER, "INTEGER", 0, 0, false),
                cols.get(0));
        assertEquals("N", cols.get(1).label());
        assertEquals("NAME", cols.get(1).name());
        assertEquals(20, cols.get(1).precision());
        assertEquals("", cols.get(2).name());
        assertEquals(java.sql.Types.DECIMAL, cols.get(2).sqlType());
    }

    @Test
    void cancellationStopsAScanWith57014() {
        PlannedStatement p = f.plan("SELECT e1.id FROM emp e1, emp e2, emp e3 ORDER BY 1");
        int[] calls = {0};
        try (io.cairndb.storage.txn.Transaction txn = f.storage.transactions().begin()) {
            ExecutionContext ctx = new ExecutionContext() {
                @Override
                public io.cairndb.storage.txn.Transaction transaction() {
                    return txn;
                }

                @Override
                public void checkCancelled() {
                    if (++calls[0] > 5) {
                        throw new SqlStateException("57014", "canceling statement due to user request");
                    }
                }
            };
            SqlStateException e = org.junit.jupiter.api.Assertions.assertThrows(SqlStateException.class, () -> {
                try (RowCursor c = p.query(ctx, List.of())) {
                    while (c.next()) {
                        // drain
                    }
                }
            });
            assertEquals("57014", e.sqlState());
        }
        // the same plan still runs to completion afterwards
        assertEquals(64, f.run(p).size());
    }
}
