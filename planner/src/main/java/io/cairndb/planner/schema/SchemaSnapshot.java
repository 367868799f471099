package io.cairndb.planner.schema;

import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.catalog.ViewDef;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.storage.StorageNode;
import java.util.function.BiFunction;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The Calcite schema tree for one catalog version: a sub-schema per catalog schema holding its tables and views,
 * plus SYS. Immutable and shared by every plan made against that version.
 */
public final class SchemaSnapshot {
    private final Catalog catalog;
    private final SchemaPlus root;
    private final boolean includeHidden;

    /**
     * @param viewTyper computes a view's row type by validating its SQL against this snapshot
     */
    public SchemaSnapshot(Catalog catalog, StorageNode storage, boolean includeHidden,
                          BiFunction<SchemaSnapshot, CairnViewTable, RelDataType> viewTyper) {
        this.catalog = catalog;
        this.includeHidden = includeHidden;
        this.root = CalciteSchema.createRootSchema(false, false).plus();
        for (String s : catalog.schemas()) {
            SchemaPlus sub = root.add(s, new AbstractSchema());
            for (TableDef t : catalog.tables(s)) {
                sub.add(t.name(), new CairnTable(t, new RowCodec(t), includeHidden));
            }
            for (ViewDef v : catalog.views(s)) {
                sub.add(v.name(), new CairnViewTable(v, view -> viewTyper.apply(this, view)));
            }
        }
        SchemaPlus sys = root.getSubSchema(SqlConfig.SYSTEM_SCHEMA);
        if (sys == null) {
            sys = root.add(SqlConfig.SYSTEM_SCHEMA, new AbstractSchema());
        }
        if (storage != null) {
            sys.add("NODES", new SystemTables.Nodes(storage));
            sys.add("RANGES", new SystemTables.Ranges(storage, catalog));
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public SchemaPlus root() {
        return root;
    }

    public boolean includesHidden() {
        return includeHidden;
    }
}
