package io.cairndb.planner.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of a join, produced a left row at a time: {@link #joinNext} adds the rows one step yields (none, one
 * or several), and they are handed out in that order before the next step.
 */
abstract class JoinedRows extends RowEnumerator {
    private final List<Object[]> pending = new ArrayList<>();
    private int pendingAt;

    /** Adds the next step's rows to {@code out}; false when there are no more steps. */
    abstract boolean joinNext(List<Object[]> out);

    @Override
    public final boolean moveNext() {
        while (true) {
            if (pendingAt < pending.size()) {
                current = pending.get(pendingAt++);
                return true;
            }
            pending.clear();
            pendingAt = 0;
            if (!joinNext(pending)) {
                return false;
            }
        }
    }
}
