package io.cairndb.planner.interp;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;

/**
 * One operator of an interpreted plan. Immutable and shareable between executions: each {@link #open} returns a
 * fresh enumerator of rows (arrays in the operator's output field order) holding all per-execution state.
 */
@FunctionalInterface
interface RowNode {
    Enumerator<Object[]> open(DataContext dc);
}
