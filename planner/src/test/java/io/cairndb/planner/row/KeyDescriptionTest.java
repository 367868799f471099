package io.cairndb.planner.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.planner.catalog.IndexDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.storage.keys.KeySpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDescriptionTest {
    private final TableDef customer = new TableDef(7, "PUBLIC", "CUSTOMER", List.of(
            ColumnDef.of("C_W_ID", ColumnType.INTEGER, false), ColumnDef.of("C_ID", ColumnType.INTEGER, false),
            ColumnDef.of("C_LAST", ColumnType.VARCHAR, true), ColumnDef.of("C_SINCE", ColumnType.DATE, true)),
            List.of("C_W_ID", "C_ID"),
            List.of(new IndexDef(2, "IX_LAST", List.of("C_LAST", "C_SINCE"), List.of(false, true), false)));
    private final Catalog catalog = new Catalog(1, 8, List.of("PUBLIC"), List.of(customer), List.of());
    private final RowCodec codec = new RowCodec(customer);

    @Test
    void aRowKeyIsNamedByItsTableAndPrimaryKeyValues() {
        byte[] key = codec.primaryKey(new Object[] {1, 42, "O'BRIEN", 19000});
        assertEquals("PUBLIC.CUSTOMER (C_W_ID, C_ID) = (1, 42)", KeyDescription.describe(catalog, key));
    }

    @Test
    void anIndexEntryIsNamedByItsIndexColumnsAsStored() {
        byte[] entry = codec.indexEntry(customer.indexes().get(0), new Object[] {1, 42, "O'BRIEN", 19000}).key();
        assertEquals("index IX_LAST of PUBLIC.CUSTOMER (C_LAST, C_SINCE) = ('O''BRIEN', DATE '2022-01-08')",
                KeyDescription.describe(catalog, entry));
    }

    @Test
    void keysOfNoKnownTableAreLeftUnnamed() {
        assertNull(KeyDescription.describe(catalog, KeySpace.indexKey(99, 0).writeLong(1).toBytes()));
        assertNull(KeyDescription.describe(catalog, KeySpace.systemKey("catalog", new byte[] {1})));
    }
}
