package io.cairndb.planner.catalog;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairndb.planner.PlannerFixture;
import io.cairndb.planner.SqlStateException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogManagerTest {
    PlannerFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new PlannerFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String state(Runnable r) {
        return assertThrows(SqlStateException.class, r::run).sqlState();
    }

    @Test
    void catalogAndDataSurviveReopen() {
        TableDef t = f.catalog.createTable("PUBLIC", "A", List.of(col("ID", ColumnType.INTEGER, false),
                new ColumnDef("V", ColumnType.DECIMAL, 9, 2, true, "1.5", false)), List.of("ID"), false);
        f.catalog.createTable("OTHER", "B", List.of(col("X", ColumnType.VARCHAR, true)), List.of(), false);
        f.catalog.createIndex("PUBLIC", "A", "A_V", List.of("V"), List.of(true), false, false);
        f.catalog.createView("PUBLIC", "AV", "SELECT id FROM a WHERE v > 1", List.of("AID"), false);
        f.update("INSERT INTO a (id) VALUES (1)");
        long version = f.catalog.current().version();
        f.reopen();
        Catalog c = f.catalog.current();
        assertEquals(version, c.version());
        TableDef a = c.table("PUBLIC", "A");
        assertEquals(t, new TableDef(a.tableId(), a.schema(), a.name(), a.columns(), a.primaryKey(), List.of()));
        assertEquals(new IndexDef(1, "A_V", List.of("V"), List.of(true), false), a.index("A_V"));
        TableDef b = c.table("OTHER", "B");
        assertEquals(List.of(ColumnDef.ROWID), b.primaryKey());
        assertEquals(true, b.columns().get(1).hidden());
        assertEquals(new ViewDef("PUBLIC", "AV", "SELECT id FROM a WHERE v > 1", List.of("AID")), c.view("PUBLIC", "AV"));
        assertEquals(List.of("1"), f.rows("SELECT aid FROM av"));
        assertEquals(List.of("1|1.50"), f.rows("SELECT * FROM a"));
        assertEquals(List.of("OTHER", "PUBLIC", "SYS"), List.copyOf(c.schemas()));
    }

    @Test
    void ddlErrors() {
        f.catalog.createTable("PUBLIC", "A", List.of(col("ID", ColumnType.INTEGER, false)), List.of("ID"), false);
        assertEquals("42P07", state(() -> f.catalog.createTable("PUBLIC", "A",
                List.of(col("ID", ColumnType.INTEGER, false)), List.of("ID"), false)));
        assertNotNull(f.catalog.createTable("PUBLIC", "A", List.of(col("ID", ColumnType.INTEGER, false)),
                List.of("ID"), true));
        assertEquals("42703", state(() -> f.catalog.createTable("PUBLIC", "B",
                List.of(col("ID", ColumnType.INTEGER, false)), List.of("NOPE"), false)));
        assertEquals("42701", state(() -> f.catalog.createTable("PUBLIC", "B",
                List.of(col("ID", ColumnType.INTEGER, false), col("ID", ColumnType.INTEGER, false)), List.of(),
                false)));
        assertEquals("42P16", state(() -> f.catalog.createTable("PUBLIC", "B",
                List.of(new ColumnDef("D", ColumnType.DECIMAL, 50, 2, true, null, false)), List.of(), false)));
        assertEquals("42P01", state(() -> f.catalog.dropTable("PUBLIC", "NOPE", false, false)));
        f.catalog.dropTable("PUBLIC", "NOPE", true, false);
        assertEquals("42P01", state(() -> f.catalog.createView("PUBLIC", "V", "SELECT * FROM nope", null, false)));
        assertEquals("42703", state(() -> f.catalog.createView("PUBLIC", "V", "SELECT nope FROM a", null, false)));
        assertEquals("42704", state(() -> f.catalog.dropIndex("PUBLIC", "NOPE", false)));
        f.catalog.dropIndex("PUBLIC", "NOPE", true);
        assertEquals("42703", state(() -> f.catalog.createIndex("PUBLIC", "A", "I", List.of("NOPE"),
                List.of(false), false, false)));
    }

    @Test
    void dropWithDependentViews() {
        f.catalog.createTable("PUBLIC", "A", List.of(col("ID", ColumnType.INTEGER, false)), List.of("ID"), false);
        f.catalog.createView("PUBLIC", "V1", "SELECT id FROM a", null, false);
        f.catalog.createView("PUBLIC", "V2", "SELECT id FROM v1", null, false);
        assertEquals("2BP01", state(() -> f.catalog.dropTable("PUBLIC", "A", false, false)));
        assertEquals("2BP01", state(() -> f.catalog.dropView("PUBLIC", "V1", false, false)));
        f.catalog.createView("PUBLIC", "V1", "SELECT id + 1 AS id FROM a", null, true);
        f.update("INSERT INTO a VALUES (1)");
        assertEquals(List.of("2"), f.rows("SELECT * FROM v2"));
        f.catalog.dropTable("PUBLIC", "A", false, true);
        assertNull(f.catalog.current().view("PUBLIC", "V1"));
        assertNull(f.catalog.current().view("PUBLIC", "V2"));
        assertNull(f.catalog.current().table("PUBLIC", "A"));
        assertEquals("42P01", f.errorOf("SELECT * FROM a"));
        // a new table with the same name starts empty
        f.catalog.createTable("PUBLIC", "A", List.of(col("ID", ColumnType.INTEGER, false)), List.of("ID"), false);
        assertEquals(List.of("0"), f.rows("SELECT COUNT(*) FROM a"));
    }
}
