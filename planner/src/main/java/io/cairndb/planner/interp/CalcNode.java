package io.cairndb.planner.interp;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;

/** Filter then project (Calcite's Calc, Filter and Project): lazily, row by row. */
final class CalcNode implements RowNode {
    private final RowNode input;
    private final Scalar condition;
    private final Scalar[] projects;

    /** @param condition null for none; @param projects null to pass rows through */
    CalcNode(RowNode input, Scalar condition, Scalar[] projects) {
        this.input = input;
        this.condition = condition;
        this.projects = projects;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        Enumerator<Object[]> in = input.open(dc);
        return new RowEnumerator() {
            @Override
            public boolean moveNext() {
                while (in.moveNext()) {
                    Object[] row = in.current();
                    if (condition != null && !ScalarCompiler.isTrue(condition.eval(row, dc))) {
                        continue;
                    }
                    if (projects == null) {
                        current = row;
                    } else {
                        Object[] out = new Object[projects.length];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = projects[i].eval(row, dc);
                        }
                        current = out;
                    }
                    return true;
                }
                return false;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
