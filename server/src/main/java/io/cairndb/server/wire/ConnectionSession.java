package io.cairndb.server.wire;

import io.cairndb.planner.RowCursor;
import io.cairndb.planner.SqlStateException;
import io.cairndb.protocol.Message;
import io.cairndb.server.ServerMetrics;
import io.cairndb.sql.MetadataRequest;
import io.cairndb.sql.PreparedSql;
import io.cairndb.sql.SqlSession;
import io.cairndb.sql.StatementOptions;
import io.cairndb.sql.StatementResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client connection owns after its handshake: its {@link SqlSession}, its open cursors and its prepared
 * statements. {@link #handle} turns one request into its reply messages; it runs on the connection's serial
 * executor, never on the event loop. Failures are thrown (SqlStateException) and turned into ERROR by the caller.
 */
final class ConnectionSession {
    static final int DEFAULT_FETCH_SIZE = 1000;
    /** Open cursors per connection; each pins a snapshot, so a client may not pile them up without end. */
    static final int MAX_OPEN_CURSORS = 1000;
    /** Prepared statements per connection. */
    static final int MAX_PREPARED = 10_000;

    private final SqlSession session;
    private final ServerMetrics metrics;
    private final Map<Long, OpenCursor> cursors = new HashMap<>();
    private final Map<Long, PreparedSql> prepared = new HashMap<>();
    private long nextCursorId = 1;
    private long nextStatementId = 1;

    ConnectionSession(SqlSession session, ServerMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
    }

    SqlSession sqlSession() {
        return session;
    }

    int openCursors() {
        return cursors.size();
    }

    List<Message> handle(Message request) {
        if (request instanceof Message.Execute m) {
            return execute(m.sql(), m.params(), m.fetchSize(), m.maxRows(), m.queryTimeoutSeconds());
        } else if (request instanceof Message.ExecutePrepared m) {
            return execute(preparedSql(m.statementId()).sql(), m.params(), m.fetchSize(), m.maxRows(),
                    m.queryTimeoutSeconds());
        } else if (request instanceof Message.Fetch m) {
            OpenCursor c = cursors.get(m.cursorId());
            if (c == null) {
                throw new SqlStateException("34000", "cursor " + m.cursorId() + " does not exist");
            }
            return List.of(batch(c, m.maxRows()));
        } else if (request instanceof Message.CloseCursor m) {
            OpenCursor c = cursors.remove(m.cursorId());
            if (c != null) {
                c.close();
            }
            return ok();
        } else if (request instanceof Message.Prepare m) {
            return List.of(prepare(m.sql()));
        } else if (request instanceof Message.ExecuteBatch m) {
            return List.of(executeBatch(m));
        } else if (request instanceof Message.CloseStatement m) {
            prepared.remove(m.statementId());
            return ok();
        } else if (request instanceof Message.SetAutoCommit m) {
            session.setAutoCommit(m.autoCommit());
            return ok();
        } else if (request instanceof Message.Commit) {
            session.commit();
            return ok();
        } else if (request instanceof Message.Rollback) {
            session.rollback();
            return ok();
        } else if (request instanceof Message.SetReadOnly m) {
            session.setReadOnly(m.readOnly());
            return ok();
        } else if (request instanceof Message.SetSchema m) {
            session.setSchema(m.schema());
            return ok();
        } else if (request instanceof Message.Metadata m) {
            return metadata(m);
        } else if (request instanceof Message.Ping) {
            return ok();
        }
        throw new SqlStateException("08P01", "unexpected message " + request.type() + " from a client");
    }

    private static List<Message> ok() {
        return List.of(new Message.Ok());
    }

    private PreparedSql preparedSql(long id) {
        PreparedSql p = prepared.get(id);
        if (p == null) {
            throw new SqlStateException("26000", "prepared statement " + id + " does not exist");
        }
        return p;
    }

    private List<Message> execute(String sql, Object[] params, int fetchSize, long maxRows, int timeout) {
        if (sql == null) {
            throw new SqlStateException("42601", "no SQL text");
        }
        metrics.statementExecuted();
        StatementResult result = session.execute(sql, Arrays.asList(params), options(timeout, maxRows));
        if (!result.hasRows()) {
            return List.of(new Message.UpdateCount(result.updateCount(), session.schema()));
        }
        return openCursor(result.rows(), fetchSize);
    }

    private static StatementOptions options(int timeout, long maxRows) {
        return new StatementOptions(Math.max(0, timeout), Math.max(0, maxRows));
    }

    private List<Message> openCursor(RowCursor rows, int fetchSize) {
        if (cursors.size() >= MAX_OPEN_CURSORS) {
            rows.close();
            throw new SqlStateException("54000", "too many open cursors on this connection (" + MAX_OPEN_CURSORS
                    + "); close result sets");
        }
        OpenCursor cursor = new OpenCursor(nextCursorId++, rows);
        try {
            Message header = new Message.ResultHeader(cursor.id(), WireValues.columns(rows.columns()));
            Message.RowBatch first = cursor.nextBatch(fetchSize > 0 ? fetchSize : DEFAULT_FETCH_SIZE);
            metrics.rowBatchSent();
            if (!cursor.isClosed()) {
                cursors.put(cursor.id(), cursor);
            }
            return List.of(header, first);
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    private Message.RowBatch batch(OpenCursor c, int max) {
        try {
            Message.RowBatch b = c.nextBatch(max > 0 ? max : DEFAULT_FETCH_SIZE);
            metrics.rowBatchSent();
            if (c.isClosed()) {
                cursors.remove(c.id());
            }
            return b;
        } catch (RuntimeException e) {
            cursors.remove(c.id());
            c.close();
            throw e;
        }
    }

    private Message prepare(String sql) {
        if (sql == null) {
            throw new SqlStateException("42601", "no SQL text");
        }
        if (prepared.size() >= MAX_PREPARED) {
            throw new SqlStateException("54000", "too many prepared statements on this connection");
        }
        PreparedSql p = session.prepare(sql);
        long id = nextStatementId++;
        prepared.put(id, p);
        return new Message.Prepared(id, WireValues.parameters(p.parameters()), WireValues.columns(p.columns()));
    }

    /**
     * Runs a batch through the session (in autocommit one transaction, see {@link SqlSession#executeBatch}); on a
     * failure reports the counts the session handed over and the error.
     */
    private Message executeBatch(Message.ExecuteBatch m) {
        List<Long> counts = new ArrayList<>();
        StatementOptions options = options(m.queryTimeoutSeconds(), 0);
        List<String> sqls = new ArrayList<>();
        List<List<Object>> params = new ArrayList<>();
        if (m.statementId() >= 0) {
            String sql = preparedSql(m.statementId()).sql();
            for (Object[] row : m.paramRows()) {
                sqls.add(sql);
                params.add(Arrays.asList(row));
            }
        } else if (m.sqls() != null) {
            for (String sql : m.sqls()) {
                sqls.add(sql);
                params.add(List.of());
            }
        }
        try {
            session.executeBatch(sqls, params, options, count -> {
                metrics.statementExecuted();
                counts.add(count);
            });
        } catch (SqlStateException e) {
            metrics.errorReturned();
            return new Message.BatchResult(toArray(counts), e.sqlState(), String.valueOf(e.getMessage()));
        }
        return new Message.BatchResult(toArray(counts), null, null);
    }

    private static long[] toArray(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    private List<Message> metadata(Message.Metadata m) {
        MetadataRequest.Kind kind;
        try {
            kind = MetadataRequest.Kind.valueOf(String.valueOf(m.kind()));
        } catch (IllegalArgumentException e) {
            throw new SqlStateException("22023", "unknown metadata request " + m.kind());
        }
        RowCursor rows = session.metadata(new MetadataRequest(kind, m.catalog(), m.schemaPattern(), m.tablePattern(),
                m.columnPattern(), m.tableTypes(), m.uniqueOnly()));
        return openCursor(rows, m.fetchSize());
    }

    /** Closes every cursor, then the session (which rolls back an open transaction). */
    void close() {
        for (OpenCursor c : cursors.values()) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        cursors.clear();
        prepared.clear();
        session.close();
    }
}
