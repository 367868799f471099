package io.cairndb.planner.interp;

import org.apache.calcite.linq4j.Enumerator;

/** Base of the interpreter's enumerators: holds the current row; one pass only (plans never reset them). */
abstract class RowEnumerator implements Enumerator<Object[]> {
    protected Object[] current;

    @Override
    public Object[] current() {
        return current;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("interpreted rows are read once");
    }

    @Override
    public void close() {
    }

    /** Reads all rows of an enumerator into a list and closes it. */
    static java.util.List<Object[]> drain(Enumerator<Object[]> in) {
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        try (in) {
            while (in.moveNext()) {
                rows.add(in.current());
            }
        }
        return rows;
    }
}
