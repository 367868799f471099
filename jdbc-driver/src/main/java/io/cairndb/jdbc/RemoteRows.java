package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.SQLException;
import java.util.List;

/**
 * A server cursor read page by page: the first batch comes with the query's reply, further batches are FETCHed
 * with the statement's fetch size only when the current one is used up, so a huge result never sits in memory.
 *
 * <p>The cursor exists only in the session of the channel the query ran on: its FETCHes go there and nowhere
 * else (08006 once that connection is lost), and while it still has rows to fetch the connection does not move
 * to another host without telling (see {@link FailoverChannel}).
 */
final class RemoteRows extends RowSource {
    private final CairnStatement statement;
    private final WireChannel channel;
    private final long cursorId;
    private int fetchSize;
    private List<Object[]> batch;
    private int index = -1;
    private boolean hasMore;
    private int rowNumber;
    private boolean done;

    RemoteRows(CairnStatement statement, WireChannel channel, Message.RowBatch first, int fetchSize) {
        this.statement = statement;
        this.channel = channel;
        this.cursorId = first.cursorId();
        this.fetchSize = fetchSize;
        this.batch = first.rows();
        this.hasMore = first.hasMore();
        if (hasMore) {
            statement.connection.cursorOpened(this);
        }
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
            WireChannel.Reply reply;
            try {
                reply = statement.fetch(channel, new Message.Fetch(cursorId, fetchSize));
            } catch (SQLException e) {
                if (channel.isClosed()) {
                    // the cursor is gone and the application has been told: it no longer holds the connection
                    statement.connection.cursorClosed(this);
                }
                throw e;
            }
            if (!(reply.message() instanceof Message.RowBatch b)) {
                throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "expected ROW_BATCH, got "
                        + reply.message().type());
            }
            batch = b.rows();
            hasMore = b.hasMore();
            index = 0;
            if (!hasMore) {
                statement.connection.cursorClosed(this); // the server closed it with its last rows
            }
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
        boolean open = hasMore;
        hasMore = false;
        done = true;
        batch = List.of();
        if (open) {
            statement.connection.cursorClosed(this);
            statement.connection.release(channel, new Message.CloseCursor(cursorId));
        }
    }
}
