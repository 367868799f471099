package io.cairndb.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every protocol message, one record per {@link MessageType}. Client requests come first, server replies after.
 * Each record writes its own payload; {@link #decode} reads one back by type.
 */
public sealed interface Message {

    MessageType type();

    void encode(WireWriter w);

    // ---------------------------------------------------------------- client -> server

    /** Handshake: must be the first message on a connection. Answered by HELLO_OK or ERROR (then closed). */
    record Hello(int magic, int version, String user, String password, String schema,
                 Map<String, String> properties) implements Message {
        public MessageType type() { return MessageType.HELLO; }

        public void encode(WireWriter w) {
            w.writeInt(magic).writeInt(version).writeString(user).writeString(password).writeString(schema)
                    .writeStringMap(properties);
        }
    }

    /** Runs a statement. Answered by UPDATE_COUNT, or RESULT_HEADER followed by the first ROW_BATCH. */
    record Execute(String sql, Object[] params, int fetchSize, long maxRows, int queryTimeoutSeconds)
            implements Message {
        public MessageType type() { return MessageType.EXECUTE; }

        public void encode(WireWriter w) {
            w.writeString(sql).writeValues(params).writeInt(fetchSize).writeLong(maxRows)
                    .writeInt(queryTimeoutSeconds);
        }
    }

    /** Next rows of an open cursor. Answered by ROW_BATCH. */
    record Fetch(long cursorId, int maxRows) implements Message {
        public MessageType type() { return MessageType.FETCH; }

        public void encode(WireWriter w) { w.writeLong(cursorId).writeInt(maxRows); }
    }

    /** Closes a cursor before its end. Answered by OK (also for a cursor already gone). */
    record CloseCursor(long cursorId) implements Message {
        public MessageType type() { return MessageType.CLOSE_CURSOR; }

        public void encode(WireWriter w) { w.writeLong(cursorId); }
    }

    /** Prepares a statement on the server. Answered by PREPARED. */
    record Prepare(String sql) implements Message {
        public MessageType type() { return MessageType.PREPARE; }

        public void encode(WireWriter w) { w.writeString(sql); }
    }

    /** Runs a prepared statement; answered like EXECUTE. */
    record ExecutePrepared(long statementId, Object[] params, int fetchSize, long maxRows, int queryTimeoutSeconds)
            implements Message {
        public MessageType type() { return MessageType.EXECUTE_PREPARED; }

        public void encode(WireWriter w) {
            w.writeLong(statementId).writeValues(params).writeInt(fetchSize).writeLong(maxRows)
                    .writeInt(queryTimeoutSeconds);
        }
    }

    /**
     * A batch: with {@code statementId >= 0}, the prepared statement once per parameter row; otherwise each SQL
     * text of {@code sqls} once, without parameters. Answered by BATCH_RESULT, which stops at the first error.
     */
    record ExecuteBatch(long statementId, List<String> sqls, List<Object[]> paramRows, int queryTimeoutSeconds)
            implements Message {
        public MessageType type() { return MessageType.EXECUTE_BATCH; }

        public void encode(WireWriter w) {
            w.writeLong(statementId).writeStringList(sqls);
            w.writeInt(paramRows.size());
            for (Object[] row : paramRows) {
                w.writeValues(row);
            }
            w.writeInt(queryTimeoutSeconds);
        }
    }

    /** Forgets a prepared statement. Answered by OK. */
    record CloseStatement(long statementId) implements Message {
        public MessageType type() { return MessageType.CLOSE_STATEMENT; }

        public void encode(WireWriter w) { w.writeLong(statementId); }
    }

    /** Answered by OK. */
    record SetAutoCommit(boolean autoCommit) implements Message {
        public MessageType type() { return MessageType.SET_AUTOCOMMIT; }

        public void encode(WireWriter w) { w.writeBoolean(autoCommit); }
    }

    /** Answered by OK. */
    record Commit() implements Message {
        public MessageType type() { return MessageType.COMMIT; }

        public void encode(WireWriter w) { }
    }

    /** Answered by OK. */
    record Rollback() implements Message {
        public MessageType type() { return MessageType.ROLLBACK; }

        public void encode(WireWriter w) { }
    }

    /** Answered by OK. */
    record SetReadOnly(boolean readOnly) implements Message {
        public MessageType type() { return MessageType.SET_READ_ONLY; }

        public void encode(WireWriter w) { w.writeBoolean(readOnly); }
    }

    /** Answered by OK. */
    record SetSchema(String schema) implements Message {
        public MessageType type() { return MessageType.SET_SCHEMA; }

        public void encode(WireWriter w) { w.writeString(schema); }
    }

    /**
     * A DatabaseMetaData request ({@code kind} is the name of the server's MetadataRequest.Kind constant).
     * Answered like a query: RESULT_HEADER + first ROW_BATCH.
     */
    record Metadata(String kind, String catalog, String schemaPattern, String tablePattern, String columnPattern,
                    List<String> tableTypes, boolean uniqueOnly, int fetchSize) implements Message {
        public MessageType type() { return MessageType.METADATA; }

        public void encode(WireWriter w) {
            w.writeString(kind).writeString(catalog).writeString(schemaPattern).writeString(tablePattern)
                    .writeString(columnPattern).writeStringList(tableTypes).writeBoolean(uniqueOnly)
                    .writeInt(fetchSize);
        }
    }

    /** Cancels the statement running on this connection now. Processed at once; never answered. */
    record Cancel() implements Message {
        public MessageType type() { return MessageType.CANCEL; }

        public void encode(WireWriter w) { }
    }

    /** Answered by OK. */
    record Ping() implements Message {
        public MessageType type() { return MessageType.PING; }

        public void encode(WireWriter w) { }
    }

    /** Ends the session (rolling back an open transaction). Answered by OK, then the server closes. */
    record Close() implements Message {
        public MessageType type() { return MessageType.CLOSE; }

        public void encode(WireWriter w) { }
    }

    // ---------------------------------------------------------------- server -> client

    /** Handshake accepted. {@code isolation} is a java.sql.Connection TRANSACTION_* constant. */
    record HelloOk(long sessionId, String serverVersion, int protocolVersion, String schema, int isolation)
            implements Message {
        public MessageType type() { return MessageType.HELLO_OK; }

        public void encode(WireWriter w) {
            w.writeLong(sessionId).writeString(serverVersion).writeInt(protocolVersion).writeString(schema)
                    .writeInt(isolation);
        }
    }

    /** Success without data. */
    record Ok() implements Message {
        public MessageType type() { return MessageType.OK; }

        public void encode(WireWriter w) { }
    }

    /** Failure of the request with this request id (request id 0: of the connection). */
    record Error(String sqlState, String message) implements Message {
        public MessageType type() { return MessageType.ERROR; }

        public void encode(WireWriter w) { w.writeString(sqlState).writeString(message); }
    }

    /** A statement without rows. {@code schema} is the session's current schema afterwards (SET SCHEMA). */
    record UpdateCount(long count, String schema) implements Message {
        public MessageType type() { return MessageType.UPDATE_COUNT; }

        public void encode(WireWriter w) { w.writeLong(count).writeString(schema); }
    }

    /** A query's columns; the first ROW_BATCH follows at once. */
    record ResultHeader(long cursorId, List<ColumnInfo> columns) implements Message {
        public MessageType type() { return MessageType.RESULT_HEADER; }

        public void encode(WireWriter w) {
            w.writeLong(cursorId).writeInt(columns.size());
            for (ColumnInfo c : columns) {
                c.encode(w);
            }
        }
    }

    /** Rows of a cursor. With {@code hasMore == false} the server has already closed the cursor. */
    record RowBatch(long cursorId, List<Object[]> rows, boolean hasMore) implements Message {
        public MessageType type() { return MessageType.ROW_BATCH; }

        public void encode(WireWriter w) {
            w.writeLong(cursorId).writeInt(rows.size());
            for (Object[] row : rows) {
                w.writeValues(row);
            }
            w.writeBoolean(hasMore);
        }
    }

    /** A prepared statement's id and description. */
    record Prepared(long statementId, List<ParamInfo> parameters, List<ColumnInfo> columns) implements Message {
        public MessageType type() { return MessageType.PREPARED; }

        public void encode(WireWriter w) {
            w.writeLong(statementId).writeInt(parameters.size());
            for (ParamInfo p : parameters) {
                p.encode(w);
            }
            w.writeInt(columns.size());
            for (ColumnInfo c : columns) {
                c.encode(w);
            }
        }
    }

    /** Update counts of a batch; when an element failed, the counts before it and the error. */
    record BatchResult(long[] counts, String errorSqlState, String errorMessage) implements Message {
        public MessageType type() { return MessageType.BATCH_RESULT; }

        public void encode(WireWriter w) {
            w.writeInt(counts.length);
            for (long c : counts) {
                w.writeLong(c);
            }
            w.writeString(errorSqlState).writeString(errorMessage);
        }

        public boolean failed() {
            return errorSqlState != null;
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Reads the payload of a message of type {@code type}. */
    static Message decode(MessageType type, WireReader r) {
        return switch (type) {
            case HELLO -> new Hello(r.readInt(), r.readInt(), r.readString(), r.readString(), r.readString(),
                    r.readStringMap());
            case EXECUTE -> new Execute(r.readString(), r.readValues(), r.readInt(), r.readLong(), r.readInt());
            case FETCH -> new Fetch(r.readLong(), r.readInt());
            case CLOSE_CURSOR -> new CloseCursor(r.readLong());
            case PREPARE -> new Prepare(r.readString());
            case EXECUTE_PREPARED -> new ExecutePrepared(r.readLong(), r.readValues(), r.readInt(), r.readLong(),
                    r.readInt());
            case EXECUTE_BATCH -> new ExecuteBatch(r.readLong(), r.readStringList(), readRows(r), r.readInt());
            case CLOSE_STATEMENT -> new CloseStatement(r.readLong());
            case SET_AUTOCOMMIT -> new SetAutoCommit(r.readBoolean());
            case COMMIT -> new Commit();
            case ROLLBACK -> new Rollback();
            case SET_READ_ONLY -> new SetReadOnly(r.readBoolean());
            case SET_SCHEMA -> new SetSchema(r.readString());
            case METADATA -> new Metadata(r.readString(), r.readString(), r.readString(), r.readString(),
                    r.readString(), r.readStringList(), r.readBoolean(), r.readInt());
            case CANCEL -> new Cancel();
            case PING -> new Ping();
            case CLOSE -> new Close();
            case HELLO_OK -> new HelloOk(r.readLong(), r.readString(), r.readInt(), r.readString(), r.readInt());
            case OK -> new Ok();
            case ERROR -> new Error(r.readString(), r.readString());
            case UPDATE_COUNT -> new UpdateCount(r.readLong(), r.readString());
            case RESULT_HEADER -> new ResultHeader(r.readLong(), readColumns(r));
            case ROW_BATCH -> new RowBatch(r.readLong(), readRows(r), r.readBoolean());
            case PREPARED -> {
                long id = r.readLong();
                int n = r.readCount(16, false);
                List<ParamInfo> params = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    params.add(ParamInfo.decode(r));
                }
                yield new Prepared(id, Collections.unmodifiableList(params), readColumns(r));
            }
            case BATCH_RESULT -> {
                int n = r.readCount(8, false);
                long[] counts = new long[n];
                for (int i = 0; i < n; i++) {
                    counts[i] = r.readLong();
                }
                yield new BatchResult(counts, r.readString(), r.readString());
            }
        };
    }

    private static List<ColumnInfo> readColumns(WireReader r) {
        int n = r.readCount(33, false);
        List<ColumnInfo> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cols.add(ColumnInfo.decode(r));
        }
        return Collections.unmodifiableList(cols);
    }

    private static List<Object[]> readRows(WireReader r) {
        int n = r.readCount(4, false);
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(r.readValues());
        }
        return rows;
    }
}
