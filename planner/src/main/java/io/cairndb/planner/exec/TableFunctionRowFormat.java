package io.cairndb.planner.exec;

import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScan;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Before a plan is compiled: an identity Calc over every one-column table function scan (generate_series).
 * Calcite's code for such a scan declares its rows as arrays (its element type is {@code Object[]}), while the
 * operators above it (sort, set operations, joins) derive their row format from the row type alone and take a
 * one-column row to be the bare value: {@code ORDER BY} under a join failed with a ClassCastException and EXCEPT
 * compared arrays by identity. A Calc reads its input in the input's declared format and hands on bare values.
 * The plan interpreter always uses arrays and runs the plan unchanged.
 */
final class TableFunctionRowFormat {
    private TableFunctionRowFormat() {
    }

    static EnumerableRel apply(EnumerableRel plan) {
        return (EnumerableRel) plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                if (visited instanceof EnumerableTableFunctionScan scan && scan.getRowType().getFieldCount() == 1) {
                    return EnumerableCalc.create(scan, RexProgram.createIdentity(scan.getRowType()));
                }
                return visited;
            }
        });
    }
}
