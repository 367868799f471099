package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.SQLException;
import java.util.List;

/**
 * A server cursor read page by page: the first batch comes with the query's reply, further batches are FETCHed
 * with the statement's fetch size only when the current one is used up, so a huge result never sits in memory.
 */
final class RemoteRows extends RowSource {
    private final CairnStatement statement;
    private final long cursorId;
    private int fetchSize;
    private List<Object[]> batch;
    private int index = -1;
    private boolean hasMore;
    private int rowNumber;
    private boolean done;

    RemoteRows(CairnStatement statement, Message.RowBatch first, int fetchSize) {
        this.statement = statement;
        this.cursorId = first.cursorId();
        this.fetchSize = fetchSize;
        this.batch = first.rows();
        this.hasMore = first.hasMore();
    }

    @Override
    boolean next() throws SQLException {
        if (done) {
            return false;
        }
        index++;
        while (index >= batch.size()) {
            if (!hasMore) {
                done = true;
                batch = List.of();
                return false;
            }
            WireChannel.Reply reply = statement.callRunning(new Message.Fetch(cursorId, fetchSize));
            if (!(reply.message() instanceof Message.RowBatch b)) {
                throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "expected ROW_BATCH, got "
                        + reply.message().type());
            }
            batch = b.rows();
            hasMore = b.hasMore();
            index = 0;
        }
        rowNumber++;
        return true;
    }

    @Override
    Object[] row() {
        return !done && index >= 0 && index < batch.size() ? batch.get(index) : null;
    }

    @Override
    int rowNumber() {
        return done ? 0 : rowNumber;
    }

    @Override
    boolean isBeforeFirst() {
        return !done && rowNumber == 0 && (!batch.isEmpty() || hasMore);
    }

    @Override
    boolean isAfterLast() {
        return done && rowNumber > 0;
    }

    @Override
    boolean isLast() {
        return !done && index >= 0 && index == batch.size() - 1 && !hasMore;
    }

    /** Rows per FETCH from now on. */
    void setFetchSize(int rows) {
        fetchSize = rows;
    }

    @Override
    void close() throws SQLException {
        if (hasMore && !statement.connection.isClosed()) {
            hasMore = false;
            statement.connection.call(new Message.CloseCursor(cursorId));
        }
        done = true;
        batch = List.of();
    }
}
