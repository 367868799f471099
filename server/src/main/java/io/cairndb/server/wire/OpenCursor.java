package io.cairndb.server.wire;

import io.cairndb.planner.RowCursor;
import io.cairndb.protocol.Frames;
import io.cairndb.protocol.Message;
import io.cairndb.protocol.ValueCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * A query result being paged to the client. It reads one row ahead so each batch can say whether more follow;
 * the cursor is closed as soon as it is exhausted. A batch stops at the fetch size or at about
 * {@link Frames#TARGET_BATCH_BYTES}, whichever comes first.
 */
final class OpenCursor {
    private final long id;
    private final RowCursor rows;
    private Object[] lookahead;
    private boolean exhausted;
    private boolean closed;

    OpenCursor(long id, RowCursor rows) {
        this.id = id;
        this.rows = rows;
    }

    long id() {
        return id;
    }

    boolean isClosed() {
        return closed;
    }

    /** Up to {@code max} rows; when the result ends, the batch says so and the cursor is already closed. */
    Message.RowBatch nextBatch(int max) {
        List<Object[]> batch = new ArrayList<>(Math.min(max, 1024));
        long bytes = 0;
        while (batch.size() < max && bytes < Frames.TARGET_BATCH_BYTES) {
            Object[] row = take();
            if (row == null) {
                break;
            }
            batch.add(row);
            for (Object v : row) {
                bytes += ValueCodec.estimateSize(v);
            }
        }
        boolean hasMore = peek();
        if (!hasMore) {
            close();
        }
        return new Message.RowBatch(id, batch, hasMore);
    }

    private Object[] take() {
        if (!peek()) {
            return null;
        }
        Object[] row = lookahead;
        lookahead = null;
        return row;
    }

    private boolean peek() {
        if (lookahead != null) {
            return true;
        }
        if (exhausted || closed) {
            return false;
        }
        if (rows.next()) {
            lookahead = WireValues.row(rows.row());
            return true;
        }
        exhausted = true;
        return false;
    }

    void close() {
        if (!closed) {
            closed = true;
            lookahead = null;
            rows.close();
        }
    }
}
