package io.cairndb.planner.interp;

import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/** ORDER BY: reads all input rows and sorts them, stably (rows that compare equal keep their input order). */
final class SortNode implements RowNode {
    private final RowNode input;
    private final Comparator<Object[]> order;

    SortNode(RowNode input, Comparator<Object[]> order) {
        this.input = input;
        this.order = order;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        List<Object[]> rows = RowEnumerator.drain(input.open(dc));
        rows.sort(order);
        return Linq4j.enumerator(rows);
    }
}
