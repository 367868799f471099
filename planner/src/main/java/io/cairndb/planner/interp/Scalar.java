package io.cairndb.planner.interp;

import org.apache.calcite.DataContext;

/** A compiled expression: its value (Calcite's internal Java representation, or null) for one input row. */
@FunctionalInterface
public interface Scalar {
    Object eval(Object[] row, DataContext dc);
}
