package io.cairndb.planner.interp;

import io.cairndb.planner.schema.CairnTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rex.RexNode;

/**
 * A table scan with pushed filters and projection: the table picks its access path from the filters (as for
 * compiled plans), the filters are then applied to each full row, which is finally projected.
 */
final class ScanNode implements RowNode {
    private final CairnTable table;
    private final List<RexNode> filters;
    private final Scalar condition;
    private final int[] projects;

    /** @param condition all filters, over the table's full row, or null; @param projects null for all fields */
    ScanNode(CairnTable table, List<RexNode> filters, Scalar condition, int[] projects) {
        this.table = table;
        this.filters = List.copyOf(filters);
        this.condition = condition;
        this.projects = projects;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        Enumerator<Object[]> in = table.scan(dc, new ArrayList<>(filters), null).enumerator();
        return new RowEnumerator() {
            @Override
            public boolean moveNext() {
                while (in.moveNext()) {
                    Object[] row = in.current();
                    if (condition == null || ScalarCompiler.isTrue(condition.eval(row, dc))) {
                        current = project(row);
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    private Object[] project(Object[] row) {
        if (projects == null) {
            return row;
        }
        Object[] out = new Object[projects.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = row[projects[i]];
        }
        return out;
    }
}
