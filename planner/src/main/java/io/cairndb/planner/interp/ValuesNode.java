package io.cairndb.planner.interp;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/** Constant rows (VALUES, and the one empty row of a SELECT without FROM). */
final class ValuesNode implements RowNode {
    private final List<Object[]> rows;

    ValuesNode(List<Object[]> rows) {
        this.rows = rows;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        return Linq4j.enumerator(rows);
    }
}
