package io.cairndb.planner.interp;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;

/** OFFSET and FETCH over rows in their input order. */
final class LimitNode implements RowNode {
    private final RowNode input;
    private final Scalar offset;
    private final Scalar fetch;

    /** Either may be null (none). */
    LimitNode(RowNode input, Scalar offset, Scalar fetch) {
        this.input = input;
        this.offset = offset;
        this.fetch = fetch;
    }

    static long value(Scalar s, DataContext dc, long none) {
        if (s == null) {
            return none;
        }
        Object v = s.eval(new Object[0], dc);
        return v == null ? none : ((Number) v).longValue();
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        long skip = value(offset, dc, 0);
        long limit = value(fetch, dc, Long.MAX_VALUE);
        Enumerator<Object[]> in = input.open(dc);
        return new RowEnumerator() {
            private long skipped;
            private long returned;

            @Override
            public boolean moveNext() {
                if (returned >= limit) {
                    return false;
                }
                while (skipped < skip) {
                    if (!in.moveNext()) {
                        return false;
                    }
                    skipped++;
                }
                if (!in.moveNext()) {
                    return false;
                }
                current = in.current();
                returned++;
                return true;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
