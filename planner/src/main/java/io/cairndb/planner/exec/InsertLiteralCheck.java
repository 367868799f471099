package io.cairndb.planner.exec;

import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.row.ValueCoercion;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Checks the string literals of INSERT ... VALUES against their target columns before Calcite sees them: the
 * converter would silently truncate a too-long literal to VARCHAR(n)/CHAR(n), where SQL requires 22001.
 */
public final class InsertLiteralCheck {
    private InsertLiteralCheck() {
    }

    /** UPDATE ... SET col = 'literal': the same check. */
    public static void check(org.apache.calcite.sql.SqlUpdate update, Catalog catalog, String defaultSchema) {
        if (!(update.getTargetTable() instanceof SqlIdentifier id)) {
            return;
        }
        TableDef t = resolve(id, catalog, defaultSchema);
        if (t == null) {
            return;
        }
        List<SqlNode> cols = update.getTargetColumnList().getList();
        List<SqlNode> exprs = update.getSourceExpressionList().getList();
        for (int i = 0; i < cols.size() && i < exprs.size(); i++) {
            ColumnDef c = cols.get(i) instanceof SqlIdentifier ci ? t.column(ci.getSimple()) : null;
            if (c != null && c.type().isString() && exprs.get(i) instanceof SqlCharStringLiteral lit) {
                ValueCoercion.coerce(lit.getValueAs(String.class), c);
            }
        }
    }

    private static TableDef resolve(SqlIdentifier id, Catalog catalog, String defaultSchema) {
        List<String> names = id.names;
        return names.size() == 1 ? catalog.table(defaultSchema, names.get(0))
                : catalog.table(names.get(names.size() - 2), names.get(names.size() - 1));
    }

    public static void check(SqlInsert insert, Catalog catalog, String defaultSchema) {
        if (!(insert.getTargetTable() instanceof SqlIdentifier id) || insert.getSource().getKind() != SqlKind.VALUES) {
            return;
        }
        List<String> names = id.names;
        TableDef t = names.size() == 1 ? catalog.table(defaultSchema, names.get(0))
                : catalog.table(names.get(names.size() - 2), names.get(names.size() - 1));
        if (t == null) {
            return;
        }
        List<ColumnDef> targets = new ArrayList<>();
        if (insert.getTargetColumnList() == null) {
            for (int p : t.visiblePositions()) {
                targets.add(t.columns().get(p));
            }
        } else {
            for (SqlNode n : insert.getTargetColumnList()) {
                ColumnDef c = n instanceof SqlIdentifier ci ? t.column(ci.getSimple()) : null;
                targets.add(c);
            }
        }
        for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
            if (!(row instanceof SqlBasicCall rowCall) || rowCall.getKind() != SqlKind.ROW) {
                continue;
            }
            List<SqlNode> values = rowCall.getOperandList();
            for (int i = 0; i < values.size() && i < targets.size(); i++) {
                ColumnDef c = targets.get(i);
                if (c != null && c.type().isString() && values.get(i) instanceof SqlCharStringLiteral lit) {
                    ValueCoercion.coerce(lit.getValueAs(String.class), c);
                }
            }
        }
    }
}
