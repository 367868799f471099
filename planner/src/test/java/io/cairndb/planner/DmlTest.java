package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DmlTest {
    PlannerFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "T", List.of(col("ID", ColumnType.INTEGER, false),
                col("GRP", ColumnType.INTEGER, true), col("NAME", ColumnType.VARCHAR, 10, 0, true),
                new ColumnDef("QTY", ColumnType.INTEGER, 0, 0, false, "7", false)), List.of("ID"), false);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void insertUpdateDeleteWithDefaults() {
        assertEquals(3, f.update("INSERT INTO t (id, grp, name) VALUES (1, 10, 'a'), (2, 10, 'b'), (3, 20, 'c')"));
        assertEquals(1, f.update("INSERT INTO t VALUES (4, 20, 'd', DEFAULT)"));
        assertEquals(List.of("1|10|a|7", "2|10|b|7", "3|20|c|7", "4|20|d|7"), f.rows("SELECT * FROM t ORDER BY id"));
        assertEquals(2, f.update("UPDATE t SET qty = qty + id, name = UPPER(name) WHERE grp = 10"));
        assertEquals(1, f.update("DELETE FROM t WHERE id = 3"));
        assertEquals(List.of("1|10|A|8", "2|10|B|9", "4|20|d|7"), f.rows("SELECT * FROM t ORDER BY id"));
        assertEquals(3, f.update("INSERT INTO t (id, grp, name, qty) SELECT id + 100, grp, name, qty FROM t"));
        assertEquals(List.of("6"), f.rows("SELECT COUNT(*) FROM t"));
        assertEquals(6, f.update("DELETE FROM t"));
        assertEquals(List.of("0"), f.rows("SELECT COUNT(*) FROM t"));
    }

    @Test
    void updateThatChangesThePrimaryKeyMovesRows() {
        f.update("INSERT INTO t (id, grp) VALUES (1, 1), (2, 2), (3, 3)");
        assertEquals(3, f.update("UPDATE t SET id = id + 1"));
        assertEquals(List.of("2|1", "3|2", "4|3"), f.rows("SELECT id, grp FROM t ORDER BY id"));
        assertEquals(List.of("3|2"), f.rows("SELECT id, grp FROM t WHERE id = 3"));
        assertEquals(List.of(), f.rows("SELECT id FROM t WHERE id = 1"));
    }

    @Test
    void parametersOfEveryApiType() {
        f.catalog.createTable("PUBLIC", "TY", List.of(col("ID", ColumnType.BIGINT, false),
                col("B", ColumnType.BOOLEAN, true), col("S", ColumnType.SMALLINT, true),
                col("R", ColumnType.REAL, true), col("DB", ColumnType.DOUBLE, true),
                col("DEC", ColumnType.DECIMAL, 12, 3, true), col("CH", ColumnType.CHAR, 3, 0, true),
                col("D", ColumnType.DATE, true), col("TM", ColumnType.TIME, true),
                col("TS", ColumnType.TIMESTAMP, true), col("BIN", ColumnType.VARBINARY, 8, 0, true)),
                List.of("ID"), false);
        f.update("INSERT INTO ty VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 1, true, (short) 5, 1.5f, 2.25,
                new BigDecimal("3.5"), "x", LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15),
                LocalDateTime.of(1999, 12, 31, 23, 59, 58, 123_000_000), new byte[] {1, 2, 3});
        f.update("INSERT INTO ty (id, d, ts) VALUES (?, ?, ?)", 2L, "1970-01-01", "2000-01-02 03:04:05");
        List<List<Object>> rows = f.query("SELECT * FROM ty ORDER BY id");
        List<Object> r = rows.get(0);
        assertEquals(1L, r.get(0));
        assertEquals(true, r.get(1));
        assertEquals((short) 5, r.get(2));
        assertEquals(1.5f, r.get(3));
        assertEquals(2.25, r.get(4));
        assertEquals(new BigDecimal("3.500"), r.get(5));
        assertEquals("x  ", r.get(6));
        assertEquals(LocalDate.of(2024, 2, 29), r.get(7));
        assertEquals(LocalTime.of(13, 14, 15), r.get(8));
        assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 58, 123_000_000), r.get(9));
        assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3}, (byte[]) r.get(10)));
        assertEquals(LocalDate.of(1970, 1, 1), rows.get(1).get(7));
        assertEquals(LocalDateTime.of(2000, 1, 2, 3, 4, 5), rows.get(1).get(9));
        assertEquals(List.of("1"), f.rows("SELECT id FROM ty WHERE d = ?", LocalDate.of(2024, 2, 29)));
    }

    @Test
    void datesTimesAndTimestampsAreCopiedByTheInterpreterIntoRowsToWrite() {
        f.catalog.createTable("PUBLIC", "DLV", List.of(col("ID", ColumnType.INTEGER, false),
                col("D", ColumnType.DATE, true), col("TM", ColumnType.TIME, true),
                col("TS", ColumnType.TIMESTAMP, true), col("N", ColumnType.INTEGER, true)), List.of("ID"), false);
        f.update("INSERT INTO dlv (id, n) VALUES (1, 1), (2, 2)");
        String set = "UPDATE dlv SET d = ?, tm = ?, ts = ?, n = n + 1 WHERE id >= ?";
        assertTrue(f.rows("EXPLAIN PLAN FOR " + set).contains("execution: interpreted"), "TPC-C Delivery's shape");
        assertEquals(2, f.update(set, LocalDate.of(2026, 12, 7), LocalTime.of(10, 30),
                LocalDateTime.of(2026, 12, 7, 10, 30, 1, 5_000_000), 1));
        assertEquals(1, f.update("UPDATE dlv SET ts = ts, d = d WHERE id = 2"), "a column copied onto itself");
        List<List<Object>> rows = f.query("SELECT * FROM dlv ORDER BY id");
        for (int i = 0; i < 2; i++) {
            assertEquals(LocalDate.of(2026, 12, 7), rows.get(i).get(1));
            assertEquals(LocalTime.of(10, 30), rows.get(i).get(2));
            assertEquals(LocalDateTime.of(2026, 12, 7, 10, 30, 1, 5_000_000), rows.get(i).get(3));
            assertEquals(i + 2, rows.get(i).get(4));
        }
    }

    @Test
    void tableWithoutPrimaryKeyGetsHiddenRowIds() {
        f.catalog.createTable("PUBLIC", "NOPK", List.of(col("X", ColumnType.INTEGER, true)), List.of(), false);
        f.update("INSERT INTO nopk VALUES (1), (1), (2)");
        assertEquals(List.of("1", "1", "2"), f.rows("SELECT * FROM nopk ORDER BY x"));
        assertEquals(1, f.query("SELECT * FROM nopk").get(0).size());
        assertEquals(2, f.update("UPDATE nopk SET x = 5 WHERE x = 1"));
        assertEquals(List.of("2", "5", "5"), f.rows("SELECT x FROM nopk ORDER BY x"));
        assertEquals(2, f.update("DELETE FROM nopk WHERE x = 5"));
        assertEquals(List.of("2"), f.rows("SELECT x FROM nopk"));
    }

    @Test
    void indexLookupsMatchFullScansThroughChanges() {
        f.catalog.createIndex("PUBLIC", "T", "T_GRP", List.of("GRP"), List.of(false), false, false);
        f.catalog.createIndex("PUBLIC", "T", "T_NAME", List.of("NAME"), List.of(true), true, false);
        for (int i = 1; i <= 30; i++) {
            f.update("INSERT INTO t (id, grp, name) VALUES (?, ?, ?)", i, i % 4, i % 5 == 0 ? null : "n" + i);
        }
        f.update("UPDATE t SET grp = 9 WHERE id IN (1, 2, 3)");
        f.update("UPDATE t SET id = id + 100, name = name || 'x' WHERE grp = 2");
        f.update("DELETE FROM t WHERE grp = 3");
        for (int g : new int[] {0, 1, 2, 3, 9}) {
            String viaIndex = "SELECT id, name FROM t WHERE grp = " + g + " ORDER BY id";
            String viaScan = "SELECT id, name FROM t WHERE grp * 2 = " + (2 * g) + " ORDER BY id";
            assertTrue(explain(viaIndex).contains("via INDEX T_GRP"), explain(viaIndex));
            assertTrue(explain(viaScan).contains("full scan"), explain(viaScan));
            assertEquals(f.rows(viaScan), f.rows(viaIndex), "grp " + g);
        }
        assertEquals(List.of("3|9"), f.rows("SELECT id, grp FROM t WHERE grp = 9 AND id = 3"));
        assertEquals(List.of("106|n6x"), f.rows("SELECT id, name FROM t WHERE name = 'n6x'"));
        assertTrue(explain("SELECT id FROM t WHERE name = 'n6x'").contains("via INDEX T_NAME"));
        assertEquals(List.of(), f.rows("SELECT id FROM t WHERE name = 'n6'"));
        assertEquals(f.rows("SELECT id FROM t WHERE grp * 2 = 2 ORDER BY id"),
                f.rows("SELECT id FROM t WHERE grp = ? ORDER BY id", 1));
    }

    @Test
    void uniqueIndexRejectsDuplicatesButAllowsNulls() {
        f.catalog.createIndex("PUBLIC", "T", "U_NAME", List.of("NAME"), List.of(false), true, false);
        f.update("INSERT INTO t (id, name) VALUES (1, 'a'), (2, NULL), (3, NULL)");
        assertEquals("23505", f.errorOf("INSERT INTO t (id, name) VALUES (4, 'a')"));
        assertEquals("23505", f.errorOf("UPDATE t SET name = 'a' WHERE id = 2"));
        f.update("UPDATE t SET name = 'b' WHERE id = 1");
        f.update("INSERT INTO t (id, name) VALUES (4, 'a')");
        assertEquals(List.of("1|b", "4|a"), f.rows("SELECT id, name FROM t WHERE name IS NOT NULL ORDER BY id"));
    }

    @Test
    void createUniqueIndexOverDuplicatesFailsAndCreatesNothing() {
        f.update("INSERT INTO t (id, grp) VALUES (1, 5), (2, 5)");
        long before = f.catalog.current().version();
        try {
            f.catalog.createIndex("PUBLIC", "T", "U_GRP", List.of("GRP"), List.of(false), true, false);
        } catch (SqlStateException e) {
            assertEquals("23505", e.sqlState());
        }
        assertEquals(before, f.catalog.current().version());
        assertEquals(null, f.catalog.current().index("PUBLIC", "U_GRP"));
        f.catalog.createIndex("PUBLIC", "T", "I_GRP", List.of("GRP"), List.of(false), false, false);
        assertEquals(List.of("1", "2"), f.rows("SELECT id FROM t WHERE grp = 5 ORDER BY id"));
        f.catalog.dropIndex("PUBLIC", "I_GRP", false);
        assertEquals(List.of("1", "2"), f.rows("SELECT id FROM t WHERE grp = 5 ORDER BY id"));
    }

    private String explain(String sql) {
        return String.join("\n", f.rows("EXPLAIN PLAN FOR " + sql));
    }

    @Test
    void indexRangesOnTableWithoutPrimaryKey() {
        f.catalog.createTable("PUBLIC", "TAB", List.of(col("COL0", ColumnType.INTEGER, true),
                col("COL1", ColumnType.DOUBLE, true), col("COL3", ColumnType.VARCHAR, true)), List.of(), false);
        f.catalog.createIndex("PUBLIC", "TAB", "IDX_TAB_0", List.of("COL0"), List.of(false), false, false);
        f.catalog.createIndex("PUBLIC", "TAB", "IDX_TAB_1", List.of("COL1", "COL3"), List.of(true, false), false,
                false);
        for (int i = 0; i < 40; i++) {
            f.update("INSERT INTO tab VALUES (?, ?, ?)", i % 7 == 0 ? null : i, i * 1.5, "s" + (i % 3));
        }
        String[] preds = {"col0 BETWEEN 5 AND 12", "col0 > 30", "col0 < 4", "col0 >= 10 AND col0 < 11",
            "col0 IN (3, 9, 27, 28)", "col1 = 15.0", "col1 = 15.0 AND col3 = 's1'", "col0 IS NULL",
            "col0 > 5 AND col1 < 20"};
        for (String p : preds) {
            List<String> indexed = f.rows("SELECT col0, col1, col3 FROM tab WHERE " + p + " ORDER BY col1");
            List<String> scanned = f.rows("SELECT col0, col1, col3 FROM tab WHERE (" + p + ") AND col3 || '' = col3"
                    + " ORDER BY col1");
            assertEquals(scanned, indexed, p);
        }
        assertEquals(List.of("5", "6", "8", "9", "10", "11", "12"),
                f.rows("SELECT col0 FROM tab WHERE col0 BETWEEN 5 AND 12 ORDER BY col0"));
        assertTrue(explain("SELECT col0 FROM tab WHERE col0 BETWEEN 5 AND 12")
                .contains("key span via INDEX IDX_TAB_0 (COL0) where COL0 >= 5 AND COL0 <= 12"));
        assertTrue(explain("SELECT col0 FROM tab WHERE col1 = 15.0 AND col3 = 's1'")
                .contains("via INDEX IDX_TAB_1 (COL1, COL3) where COL1 = 15"));
        assertEquals(List.of("10|15.0|s1"), f.rows("SELECT * FROM tab WHERE col1 = 15.0 AND col3 = 's1'"));
        assertEquals(6, f.update("DELETE FROM tab WHERE col0 IS NULL"));
        assertEquals(List.of(), f.rows("SELECT col0 FROM tab WHERE col1 = 0"));
        assertEquals(List.of("34"), f.rows("SELECT COUNT(*) FROM tab WHERE col0 > -1"));
    }
}
