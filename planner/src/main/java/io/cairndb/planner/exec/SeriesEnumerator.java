package io.cairndb.planner.exec;

import io.cairndb.planner.ExecutionContext;
import io.cairndb.planner.SqlStateException;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The values of one {@link GenerateSeries} call, computed one at a time: start, start + step, … while not past
 * stop. Nothing is held but the next value, so a series of any length costs no memory.
 */
final class SeriesEnumerator implements Enumerator<Object[]> {
    /**
     * Rows between cancellation checks: a row costs a few nanoseconds here, so checking each one (as table scans
     * do, where a row costs a storage read) would be most of the work; 1024 rows still take well under a millisecond.
     */
    private static final int CANCEL_CHECK_ROWS = 1024;

    private final long start;
    private final long stop;
    private final long step;
    private final boolean integer;
    private final ExecutionContext ctx;
    private long next;
    private boolean exhausted;
    private long produced;
    private Object[] current;

    private SeriesEnumerator(long start, long stop, long step, boolean integer, ExecutionContext ctx) {
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.integer = integer;
        this.ctx = ctx;
        this.next = start;
    }

    /**
     * The series, or no rows when an argument is NULL (checked before the step: PostgreSQL's function is strict, so
     * {@code generate_series(1, NULL, 0)} is empty); a zero step fails with 22023 as in PostgreSQL.
     *
     * @param ctx checked for cancellation, or null
     */
    static Enumerator<Object[]> of(Object start, Object stop, Object step, boolean integer, ExecutionContext ctx) {
        if (start == null || stop == null || step == null) {
            return Linq4j.emptyEnumerator();
        }
        long s = ((Number) step).longValue();
        if (s == 0) {
            throw new SqlStateException("22023", "step size cannot equal zero");
        }
        return new SeriesEnumerator(((Number) start).longValue(), ((Number) stop).longValue(), s, integer, ctx);
    }

    @Override
    public boolean moveNext() {
        if (exhausted || (step > 0 ? next > stop : next < stop)) {
            exhausted = true;
            current = null;
            return false;
        }
        if (ctx != null && ++produced % CANCEL_CHECK_ROWS == 0) {
            ctx.checkCancelled();
        }
        long value = next;
        next = value + step;
        // the next value would leave BIGINT's range: this one is the last (PostgreSQL stops there too, no error)
        exhausted = step > 0 ? next < value : next > value;
        // a fresh array per row: operators above may keep rows (sorts, hash tables)
        current = new Object[] {integer ? (Object) (int) value : (Object) value};
        return true;
    }

    @Override
    public Object[] current() {
        return current;
    }

    @Override
    public void reset() {
        next = start;
        exhausted = false;
        current = null;
    }

    @Override
    public void close() {
    }
}
