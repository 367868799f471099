package io.cairndb.planner.schema;

import io.cairndb.planner.catalog.ViewDef;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** A view: expanded from its stored SQL wherever it is used, with its column aliases applied. */
public final class CairnViewTable extends AbstractTable implements TranslatableTable {
    private final ViewDef def;
    private final Function<CairnViewTable, RelDataType> typer;
    private volatile RelDataType rowType;

    public CairnViewTable(ViewDef def, Function<CairnViewTable, RelDataType> typer) {
        this.def = def;
        this.typer = typer;
    }

    public ViewDef def() {
        return def;
    }

    /** The query to expand: the stored SQL, wrapped to rename its columns when the view names them. */
    public String expandedSql() {
        if (def.columnNames() == null) {
            return def.sql();
        }
        StringBuilder sb = new StringBuilder("SELECT * FROM (").append(def.sql()).append(") AS ")
                .append(quote("$V")).append(" (");
        for (int i = 0; i < def.columnNames().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quote(def.columnNames().get(i)));
        }
        return sb.append(")").toString();
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataType t = rowType;
        if (t == null) {
            t = typer.apply(this);
            rowType = t;
        }
        return t;
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        RelRoot root = context.expandView(relOptTable.getRowType(), expandedSql(), List.of(def.schema()),
                List.of(def.schema(), def.name()));
        RelNode rel = root.project();
        return RelOptUtil.createCastRel(rel, relOptTable.getRowType(), true);
    }
}
