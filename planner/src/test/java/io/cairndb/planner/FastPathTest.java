package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.exec.FastPaths;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FastPathTest {
    PlannerFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "KV", List.of(col("K", ColumnType.BIGINT, false),
                col("V", ColumnType.VARCHAR, 5, 0, true), col("N", ColumnType.SMALLINT, true)), List.of("K"), false);
        f.catalog.createIndex("PUBLIC", "KV", "KV_V", List.of("V"), List.of(false), true, false);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private boolean fast(String sql) {
        return f.plan(sql) instanceof FastPaths.FastStatement;
    }

    @Test
    void recognisesSimpleStatements() {
        assertTrue(fast("INSERT INTO kv VALUES (?, ?, ?)"));
        assertTrue(fast("INSERT INTO kv (k, v) VALUES (1, 'a')"));
        assertTrue(fast("SELECT v, n AS x FROM kv WHERE k = ?"));
        assertTrue(fast("SELECT * FROM kv t WHERE t.k = 5"));
        assertTrue(fast("UPDATE kv SET v = ?, n = 3 WHERE k = ?"));
        assertTrue(fast("DELETE FROM kv WHERE k = ?"));
        assertFalse(fast("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)"));
        assertFalse(fast("SELECT v FROM kv WHERE k = ? AND n = 1"));
        assertFalse(fast("SELECT v FROM kv WHERE k > ?"));
        assertFalse(fast("SELECT UPPER(v) FROM kv WHERE k = ?"));
        assertFalse(fast("UPDATE kv SET n = n + 1 WHERE k = ?"));
        assertFalse(fast("INSERT INTO kv VALUES (1, 2, 3)"));
        assertEquals(List.of("FastPath QUERY PUBLIC.KV",
                "Access PUBLIC.KV: point lookup via PRIMARY KEY (K) where K = ?0"),
                f.rows("EXPLAIN PLAN FOR SELECT v FROM kv WHERE k = ?"));
    }

    @Test
    void fastAndGeneralPathsAgree() {
        for (long k = 1; k <= 5; k++) {
            assertEquals(1, f.update("INSERT INTO kv VALUES (?, ?, ?)", k, "v" + k, (short) k));
        }
        PlannedStatement get = f.plan("SELECT v, n AS x FROM kv WHERE k = ?");
        assertEquals(List.of("V", "X"), get.columns().stream().map(ResultColumn::label).toList());
        assertEquals(java.sql.Types.BIGINT, get.parameters().get(0).sqlType());
        assertEquals(List.of(List.of("v3", (short) 3)), f.run(get, 3));
        assertEquals(List.of(), f.run(get, 99));
        assertEquals(1, f.update("UPDATE kv SET v = ?, n = 30 WHERE k = ?", "new", 3));
        assertEquals(0, f.update("UPDATE kv SET v = 'x' WHERE k = 42"));
        assertEquals(1, f.update("UPDATE kv SET k = 33 WHERE k = 3"));
        assertEquals(1, f.update("DELETE FROM kv WHERE k = ?", 4));
        assertEquals(0, f.update("DELETE FROM kv WHERE k = ?", 4));
        assertEquals(List.of("1|v1|1", "2|v2|2", "5|v5|5", "33|new|30"),
                f.rows("SELECT * FROM kv WHERE k + 0 > 0 ORDER BY k"));
        // the unique index was maintained by the fast paths
        assertEquals(List.of("33"), f.rows("SELECT k FROM kv WHERE v = 'new'"));
        assertEquals(List.of(), f.rows("SELECT k FROM kv WHERE v = 'v3'"));
        assertEquals(List.of(), f.rows("SELECT k FROM kv WHERE v = 'v4'"));
    }

    @Test
    void fastPathErrors() {
        f.update("INSERT INTO kv VALUES (1, 'a', 1)");
        assertEquals("23505", f.errorOf("INSERT INTO kv VALUES (1, 'b', 1)"));
        assertEquals("23505", f.errorOf("INSERT INTO kv VALUES (2, 'a', 1)"));
        assertEquals("23502", f.errorOf("INSERT INTO kv VALUES (?, 'c', 1)", (Object) null));
        assertEquals("22003", f.errorOf("INSERT INTO kv VALUES (3, 'c', 40000)"));
        assertEquals("22003", f.errorOf("INSERT INTO kv VALUES (?, ?, ?)", 3, "c", 40000));
        assertEquals("22001", f.errorOf("INSERT INTO kv VALUES (3, 'toolong', 1)"));
        assertEquals("22001", f.errorOf("UPDATE kv SET v = ? WHERE k = 1", "toolong"));
        assertEquals("22018", f.errorOf("SELECT v FROM kv WHERE k = ?", "x"));
        assertEquals("07001", f.errorOf("SELECT v FROM kv WHERE k = ?"));
        assertEquals(List.of("1|a|1"), f.rows("SELECT * FROM kv"));
    }
}
