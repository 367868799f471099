package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.assertSqlState;
import static io.cairndb.server.it.Sql.rows;
import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQL surface of issue #2 through the JDBC driver against a real node. */
class SqlSurfaceIT {
    private static TestNode node;
    private static Connection c;

    @BeforeAll
    static void start() throws SQLException {
        node = TestNode.start();
        c = node.connect();
        update(c, "CREATE TABLE dept (id INT PRIMARY KEY, dname VARCHAR(20))");
        update(c, "CREATE TABLE emp (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, dept INT, "
                + "salary DECIMAL(10,2), hired DATE)");
        assertEquals(3, update(c, "INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')"));
        assertEquals(4, update(c, "INSERT INTO emp VALUES (1, 'ann', 1, 100.50, DATE '2020-01-01'), "
                + "(2, 'bob', 1, 200.00, DATE '2021-02-03'), (3, 'cid', 2, 50.25, NULL), (4, 'dan', NULL, NULL, NULL)"));
    }

    @AfterAll
    static void stop() throws SQLException {
        c.close();
        node.close();
    }

    @Test
    void projectionsFiltersAndPointLookups() throws SQLException {
        assertEquals("bob", single(c, "SELECT name FROM emp WHERE id = 2"));
        assertEquals(List.of("ann|100.50", "bob|200.00"), rows(c, "SELECT name, salary FROM emp WHERE id < 3 ORDER BY id"));
        assertEquals(List.of("3"), rows(c, "SELECT id FROM emp WHERE salary < 100"));
        assertEquals(List.of(), rows(c, "SELECT id FROM emp WHERE id = 99"));
        assertEquals("2021-02-03", single(c, "SELECT hired FROM emp WHERE name = 'bob'"));
    }

    @Test
    void joins() throws SQLException {
        assertEquals(List.of("ann|eng", "bob|eng", "cid|ops"),
                rows(c, "SELECT e.name, d.dname FROM emp e JOIN dept d ON e.dept = d.id ORDER BY e.id"));
        assertEquals(List.of("eng|ann", "eng|bob", "ops|cid", "empty|null"),
                rows(c, "SELECT d.dname, e.name FROM dept d LEFT JOIN emp e ON e.dept = d.id ORDER BY d.id, e.id"));
        assertEquals(List.of("ann|eng", "bob|eng", "cid|ops", "dan|null"),
                rows(c, "SELECT e.name, d.dname FROM dept d RIGHT JOIN emp e ON e.dept = d.id ORDER BY e.id"));
        assertEquals(5, rows(c, "SELECT e.name, d.dname FROM emp e FULL OUTER JOIN dept d ON e.dept = d.id").size());
        assertEquals("12", single(c, "SELECT COUNT(*) FROM emp CROSS JOIN dept"));
    }

    @Test
    void aggregationAndGrouping() throws SQLException {
        assertEquals(List.of("1|2|300.50"),
                rows(c, "SELECT dept, COUNT(*), SUM(salary) FROM emp GROUP BY dept HAVING COUNT(*) > 1"));
        assertEquals(List.of("null|1", "1|2", "2|1"),
                rows(c, "SELECT dept, COUNT(*) FROM emp GROUP BY dept ORDER BY dept NULLS FIRST"));
        assertEquals("4|3|50.25|200.00", single(c, "SELECT COUNT(*), COUNT(salary), MIN(salary), MAX(salary) FROM emp"));
        assertEquals("0|null|null", single(c, "SELECT COUNT(*), SUM(salary), MAX(id) FROM emp WHERE id > 100"));
        assertEquals("2", single(c, "SELECT COUNT(DISTINCT dept) FROM emp"));
        assertEquals(List.of("null", "1", "2"), rows(c, "SELECT DISTINCT dept FROM emp ORDER BY dept NULLS FIRST"));
    }

    @Test
    void orderingLimitsAndOffsets() throws SQLException {
        assertEquals(List.of("bob", "ann"), rows(c, "SELECT name FROM emp ORDER BY salary DESC NULLS LAST LIMIT 2"));
        assertEquals(List.of("ann", "cid"),
                rows(c, "SELECT name FROM emp ORDER BY salary DESC NULLS LAST LIMIT 2 OFFSET 1"));
        assertEquals(List.of("dan", "cid"),
                rows(c, "SELECT name FROM emp ORDER BY id DESC FETCH FIRST 2 ROWS ONLY"));
    }

    @Test
    void subqueries() throws SQLException {
        assertEquals(List.of("ann", "bob"),
                rows(c, "SELECT name FROM emp WHERE dept IN (SELECT id FROM dept WHERE dname = 'eng') ORDER BY id"));
        assertEquals(List.of("eng", "ops"), rows(c,
                "SELECT dname FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id) ORDER BY id"));
        assertEquals(List.of("empty"), rows(c,
                "SELECT dname FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id)"));
        assertEquals("bob", single(c, "SELECT name FROM emp WHERE salary = (SELECT MAX(salary) FROM emp)"));
        assertEquals(List.of("1|2", "2|1", "3|0"), rows(c,
                "SELECT id, (SELECT COUNT(*) FROM emp e WHERE e.dept = d.id) FROM dept d ORDER BY id"));
    }

    @Test
    void setOperations() throws SQLException {
        assertEquals(List.of("1", "2", "3", "4"), rows(c, "SELECT id FROM emp UNION SELECT id FROM dept ORDER BY 1"));
        assertEquals(7, rows(c, "SELECT id FROM emp UNION ALL SELECT id FROM dept").size());
        assertEquals(List.of("1", "2", "3"), rows(c, "SELECT id FROM emp INTERSECT SELECT id FROM dept ORDER BY 1"));
        assertEquals(List.of("4"), rows(c, "SELECT id FROM emp EXCEPT SELECT id FROM dept"));
    }

    @Test
    void expressions() throws SQLException {
        assertEquals(List.of("ann|high", "bob|high", "cid|low", "dan|none"), rows(c,
                "SELECT name, CASE WHEN salary IS NULL THEN 'none' WHEN salary > 100 THEN 'high' ELSE 'low' END "
                        + "FROM emp ORDER BY id"));
        assertEquals("3|3.5|0", single(c, "SELECT 7 / 2, CAST(7 AS DOUBLE) / 2, COALESCE(NULL, 0)"));
        assertEquals("null|5", single(c, "SELECT NULLIF(1, 1), NULLIF(5, 1)"));
        assertEquals("42|2020-01-01", single(c, "SELECT CAST('42' AS INTEGER), CAST('2020-01-01' AS DATE)"));
        assertEquals("ANN|3|nn", single(c, "SELECT UPPER(name), CHAR_LENGTH(name), SUBSTRING(name FROM 2) FROM emp WHERE id = 1"));
        assertEquals("5|3|2", single(c, "SELECT ABS(-5), MOD(7, 4), FLOOR(2.7)"));
    }

    @Test
    void insertSelectUpdateDelete() throws SQLException {
        update(c, "CREATE TABLE emp_copy (id INT PRIMARY KEY, name VARCHAR(20), salary DECIMAL(10,2))");
        assertEquals(4, update(c, "INSERT INTO emp_copy SELECT id, name, salary FROM emp"));
        assertEquals(2, update(c, "UPDATE emp_copy SET salary = salary * 2 WHERE id <= 2"));
        assertEquals(List.of("1|201.00", "2|400.00"), rows(c, "SELECT id, salary FROM emp_copy WHERE id <= 2 ORDER BY id"));
        assertEquals(1, update(c, "UPDATE emp_copy SET id = 10 WHERE id = 4"));
        assertEquals("dan", single(c, "SELECT name FROM emp_copy WHERE id = 10"));
        assertEquals(List.of(), rows(c, "SELECT name FROM emp_copy WHERE id = 4"));
        assertEquals(2, update(c, "DELETE FROM emp_copy WHERE salary > 300 OR salary IS NULL"));
        assertEquals(List.of("1", "3"), rows(c, "SELECT id FROM emp_copy ORDER BY id"));
        assertEquals(2, update(c, "DELETE FROM emp_copy"));
        assertEquals("0", single(c, "SELECT COUNT(*) FROM emp_copy"));
        update(c, "DROP TABLE emp_copy");
    }

    @Test
    void defaultsCompositeKeysAndHiddenRowIds() throws SQLException {
        update(c, "CREATE TABLE kv (a INT, b VARCHAR(5), v INT DEFAULT 7 NOT NULL, PRIMARY KEY (a, b))");
        update(c, "INSERT INTO kv (a, b) VALUES (1, 'x'), (1, 'y'), (0, 'z')");
        assertEquals(List.of("0|z|7", "1|x|7", "1|y|7"), rows(c, "SELECT a, b, v FROM kv ORDER BY a, b"));
        assertEquals(List.of("x", "y"), rows(c, "SELECT b FROM kv WHERE a = 1 ORDER BY b"));
        update(c, "CREATE TABLE bag (x INT)");
        update(c, "INSERT INTO bag VALUES (1), (1), (2)");
        assertEquals(List.of("1", "1", "2"), rows(c, "SELECT x FROM bag ORDER BY x"));
        assertEquals(1, c.getMetaData().getColumns(null, "PUBLIC", "BAG", "%").next() ? 1 : 0);
        update(c, "DROP TABLE kv");
        update(c, "DROP TABLE bag");
    }

    @Test
    void secondaryIndexesAreMaintainedAndUsed() throws SQLException {
        update(c, "CREATE TABLE items (id INT PRIMARY KEY, cat VARCHAR(10), price INT)");
        update(c, "INSERT INTO items VALUES (1, 'a', 10), (2, 'b', 20), (3, 'a', 30)");
        update(c, "CREATE INDEX items_cat ON items (cat)");
        update(c, "INSERT INTO items VALUES (4, 'a', 40)");
        update(c, "UPDATE items SET cat = 'b' WHERE id = 1");
        update(c, "DELETE FROM items WHERE id = 3");
        assertEquals(List.of("4"), rows(c, "SELECT id FROM items WHERE cat = 'a' ORDER BY id"));
        assertEquals(List.of("1", "2"), rows(c, "SELECT id FROM items WHERE cat = 'b' ORDER BY id"));
        String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR SELECT id FROM items WHERE cat = 'a'"));
        assertTrue(plan.toUpperCase().contains("ITEMS_CAT"), plan);
        update(c, "CREATE UNIQUE INDEX items_price ON items (price)");
        assertSqlState("23505", () -> update(c, "INSERT INTO items VALUES (9, 'z', 20)"));
        assertEquals("0", single(c, "SELECT COUNT(*) FROM items WHERE id = 9"));
        update(c, "DROP INDEX items_cat");
        assertEquals(List.of("4"), rows(c, "SELECT id FROM items WHERE cat = 'a'"));
        update(c, "DROP TABLE items");
    }

    @Test
    void viewsAndCascade() throws SQLException {
        update(c, "CREATE TABLE base (id INT PRIMARY KEY, v INT)");
        update(c, "INSERT INTO base VALUES (1, 10), (2, 20)");
        update(c, "CREATE VIEW big (ident, val) AS SELECT id, v FROM base WHERE v > 15");
        assertEquals(List.of("2|20"), rows(c, "SELECT ident, val FROM big"));
        assertSqlState("2BP01", () -> update(c, "DROP TABLE base"));
        update(c, "DROP TABLE base CASCADE");
        assertSqlState("42P01", () -> rows(c, "SELECT * FROM big"));
        update(c, "DROP VIEW IF EXISTS big");
        update(c, "DROP TABLE IF EXISTS base");
    }

    @Test
    void systemTables() throws SQLException {
        assertTrue(Integer.parseInt(single(c, "SELECT COUNT(*) FROM sys.nodes")) >= 1);
        List<String> ranges = rows(c, "SELECT range_id, replicas, leader FROM sys.ranges WHERE table_name = 'PUBLIC.EMP'");
        assertEquals(1, ranges.size(), ranges.toString());
        String[] parts = ranges.get(0).split("\\|");
        assertEquals(parts[1], parts[2], "the single replica leads the range");
        assertFalse(rows(c, "SELECT start_key, end_key, size_bytes FROM sys.ranges").isEmpty());
    }
}
