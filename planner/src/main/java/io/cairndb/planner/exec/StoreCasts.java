package io.cairndb.planner.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Removes the casts to the target column types that the SQL-to-rel converter puts on top of a DML source, so the
 * row writer sees the original values and can report out-of-range (22003) and too-long (22001) values instead
 * of Calcite silently wrapping or truncating them.
 */
public final class StoreCasts {
    private StoreCasts() {
    }

    /** @param keepFirst number of leading fields to leave alone (UPDATE: the old row) */
    public static RelNode strip(RelNode input, int keepFirst) {
        if (!(input instanceof LogicalProject project)) {
            return input;
        }
        List<RexNode> exprs = new ArrayList<>(project.getProjects());
        boolean changed = false;
        for (int i = keepFirst; i < exprs.size(); i++) {
            RexNode e = exprs.get(i);
            if (e.getKind() == SqlKind.CAST && e instanceof RexCall call) {
                RexNode operand = call.getOperands().get(0);
                if (castable(operand)) {
                    exprs.set(i, operand);
                    changed = true;
                }
            }
        }
        if (!changed) {
            return input;
        }
        return LogicalProject.create(project.getInput(), project.getHints(), exprs,
                project.getRowType().getFieldNames(), project.getVariablesSet());
    }

    /** Only value types the row writer converts itself (numbers, strings, date/time, binary). */
    private static boolean castable(RexNode operand) {
        return switch (operand.getType().getSqlTypeName().getFamily() == null ? "" :
                operand.getType().getSqlTypeName().getFamily().toString()) {
            case "NUMERIC", "CHARACTER", "BINARY", "DATE", "TIME", "TIMESTAMP", "BOOLEAN" -> true;
            default -> false;
        };
    }
}
