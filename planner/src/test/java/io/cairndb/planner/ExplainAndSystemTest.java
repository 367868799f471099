package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainAndSystemTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "K", List.of(col("A", ColumnType.INTEGER, false),
                col("B", ColumnType.INTEGER, false), col("C", ColumnType.VARCHAR, true)), List.of("A", "B"), false);
        f.update("INSERT INTO k VALUES (1, 1, 'x'), (1, 2, 'y'), (2, 1, 'z'), (3, 3, 'w')");
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    private List<String> explain(String sql) {
        PlannedStatement p = f.plan("EXPLAIN PLAN FOR " + sql);
        assertEquals(PlannedStatement.Kind.EXPLAIN, p.kind());
        assertEquals("PLAN", p.columns().get(0).label());
        return f.run(p).stream().map(r -> (String) r.get(0)).toList();
    }

    @Test
    void explainShowsKeySpans() {
        assertTrue(explain("SELECT c FROM k WHERE a = 1 AND b = 2")
                .contains("Access PUBLIC.K: point lookup via PRIMARY KEY (A, B) where A = 1 AND B = 2"));
        assertTrue(explain("SELECT c FROM k WHERE a = ?")
                .contains("Access PUBLIC.K: key span via PRIMARY KEY (A, B) where A = ?0"));
        assertTrue(explain("SELECT c FROM k WHERE a BETWEEN 2 AND 3")
                .contains("Access PUBLIC.K: key span via PRIMARY KEY (A, B) where A >= 2 AND A <= 3"));
        assertTrue(explain("SELECT c FROM k WHERE c = 'x'").contains("Access PUBLIC.K: full scan via PRIMARY KEY (A, B)"));
        List<String> dml = explain("DELETE FROM k WHERE a = 1");
        assertEquals("DELETE PUBLIC.K", dml.get(0));
        assertTrue(dml.contains("Access PUBLIC.K: key span via PRIMARY KEY (A, B) where A = 1"), dml.toString());
    }

    @Test
    void spansReturnExactlyTheMatchingRows() {
        assertEquals(List.of("y"), f.rows("SELECT c FROM k WHERE a = 1 AND b = 2"));
        assertEquals(List.of("x", "y"), f.rows("SELECT c FROM k WHERE a = 1 ORDER BY b"));
        assertEquals(List.of("x", "z", "w"), f.rows("SELECT c FROM k WHERE a IN (1, 2, 3) AND b <> 2 ORDER BY a"));
        assertEquals(List.of("z", "w"), f.rows("SELECT c FROM k WHERE a > 1 ORDER BY a"));
        assertEquals(List.of("x", "y"), f.rows("SELECT c FROM k WHERE a < 2 ORDER BY b"));
        assertEquals(List.of("z"), f.rows("SELECT c FROM k WHERE a = ? AND b = ?", 2, 1));
        assertEquals(List.of(), f.rows("SELECT c FROM k WHERE a = 1.5"));
    }

    @Test
    void systemTables() {
        List<List<Object>> nodes = f.query("SELECT node_id, is_live FROM sys.nodes");
        assertEquals(1, nodes.size());
        assertEquals(true, nodes.get(0).get(1));
        List<String> ranges = f.rows("SELECT table_name FROM sys.ranges WHERE table_name = 'PUBLIC.K'");
        assertEquals(List.of("PUBLIC.K"), ranges);
        List<List<Object>> r = f.query("SELECT start_key, end_key, replicas, leader FROM sys.ranges "
                + "WHERE table_name = 'PUBLIC.K'");
        assertTrue(((String) r.get(0).get(0)).matches("[0-9a-f]+"));
        assertEquals(String.valueOf(nodes.get(0).get(0)), r.get(0).get(2));
    }

    @Test
    void viewsWithAliases() {
        f.catalog.createView("PUBLIC", "KV", "SELECT a, COUNT(*) FROM k GROUP BY a", List.of("A", "N"), true);
        assertEquals(List.of("1|2", "2|1", "3|1"), f.rows("SELECT a, n FROM kv ORDER BY a"));
        assertEquals(List.of("2"), f.rows("SELECT n FROM kv WHERE a = 1"));
    }

    @Test
    void planIsReusableAcrossExecutions() {
        PlannedStatement p = f.plan("SELECT c FROM k WHERE a = ? ORDER BY b");
        assertEquals(List.of(List.of("x"), List.of("y")), f.run(p, 1));
        assertEquals(List.of(List.of("z")), f.run(p, 2));
        assertEquals(List.of(), f.run(p, 9));
        assertEquals(f.catalog.current().version(), p.catalogVersion());
    }
}
