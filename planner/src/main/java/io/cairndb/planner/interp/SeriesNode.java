package io.cairndb.planner.interp;

import io.cairndb.planner.exec.GenerateSeries;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;

/**
 * generate_series: its arguments (constants, '?' parameters, expressions of them) evaluated once per execution,
 * then the rows enumerated lazily by the same code compiled plans run ({@link GenerateSeries#rows}).
 */
final class SeriesNode implements RowNode {
    private static final Object[] NO_ROW = new Object[0];
    private final Scalar[] args;
    private final boolean integer;

    /** @param integer whether the column is INTEGER (else BIGINT): the Java class of its values */
    SeriesNode(Scalar[] args, boolean integer) {
        this.args = args;
        this.integer = integer;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = args[i].eval(NO_ROW, dc);
        }
        return GenerateSeries.rows(dc, values, integer).enumerator();
    }
}
