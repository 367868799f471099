package io.cairndb.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static Frame roundTrip(int requestId, Message m) throws IOException {
        byte[] bytes = Frames.encode(requestId, m);
        Frame f = Frames.read(new DataInputStream(new ByteArrayInputStream(bytes)), Frames.DEFAULT_MAX_FRAME_SIZE);
        assertEquals(requestId, f.requestId());
        assertEquals(m.type(), f.message().type());
        return f;
    }

    @Test
    void recordMessagesWithoutArraysRoundTripEqual() throws IOException {
        List<Message> messages = List.of(
                new Message.Hello(Frames.MAGIC, Frames.PROTOCOL_VERSION, "alice", null, "PUBLIC",
                        Map.of("applicationName", "test")),
                new Message.Fetch(7, 10), new Message.CloseCursor(7), new Message.Prepare("SELECT ?"),
                new Message.CloseStatement(3), new Message.SetAutoCommit(false), new Message.Commit(),
                new Message.Rollback(), new Message.SetReadOnly(true), new Message.SetSchema("S"),
                new Message.Metadata("TABLES", null, "P%", "%", null, List.of("TABLE", "VIEW"), false, 100),
                new Message.Metadata("INDEX_INFO", "CAIRNDB", null, "T", null, null, true, 5),
                new Message.Cancel(), new Message.Ping(), new Message.Close(),
                new Message.HelloOk(99, "0.1.0", 1, "PUBLIC", 8), new Message.Ok(),
                new Message.Error("42P01", "table X not found"), new Message.UpdateCount(3, "PUBLIC"),
                new Message.ResultHeader(5, List.of(new ColumnInfo("A", "A", "PUBLIC", "T", 4, "INTEGER", 10, 0,
                        false))),
                new Message.Prepared(8, List.of(new ParamInfo(12, "VARCHAR", 20, 0)),
                        List.of(new ColumnInfo("X", "", "", "", 3, "DECIMAL", 10, 2, true))));
        int id = 1;
        for (Message m : messages) {
            assertEquals(m, roundTrip(id++, m).message());
        }
    }

    @Test
    void messagesWithValuesRoundTrip() throws IOException {
        Object[] params = {1, null, "x", new BigDecimal("1.50"), LocalDate.of(2020, 2, 29), new byte[] {1, 2}};
        Message.Execute e = (Message.Execute) roundTrip(4, new Message.Execute("INSERT", params, 1000, 5, 30))
                .message();
        assertEquals("INSERT", e.sql());
        assertEquals(1000, e.fetchSize());
        assertEquals(5, e.maxRows());
        assertEquals(30, e.queryTimeoutSeconds());
        assertEquals(Arrays.asList(params).subList(0, 5), Arrays.asList(e.params()).subList(0, 5));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) e.params()[5]);

        Message.RowBatch b = (Message.RowBatch) roundTrip(5, new Message.RowBatch(9,
                List.of(new Object[] {1L, "a"}, new Object[] {null, "b"}), true)).message();
        assertEquals(9, b.cursorId());
        assertTrue(b.hasMore());
        assertEquals(2, b.rows().size());
        assertNull(b.rows().get(1)[0]);
        assertEquals("b", b.rows().get(1)[1]);

        Message.ExecuteBatch eb = (Message.ExecuteBatch) roundTrip(6, new Message.ExecuteBatch(-1,
                List.of("DELETE FROM T", "INSERT INTO T VALUES (1)"), java.util.Collections.singletonList(new Object[] {7}), 0)).message();
        assertEquals(List.of("DELETE FROM T", "INSERT INTO T VALUES (1)"), eb.sqls());
        assertEquals(7, eb.paramRows().get(0)[0]);

        Message.BatchResult br = (Message.BatchResult) roundTrip(7,
                new Message.BatchResult(new long[] {1, 1}, "23505", "duplicate key")).message();
        assertArrayEquals(new long[] {1, 1}, br.counts());
        assertTrue(br.failed());
        assertEquals("duplicate key", br.errorMessage());

        Message.ExecutePrepared ep = (Message.ExecutePrepared) roundTrip(8,
                new Message.ExecutePrepared(3, new Object[] {true}, 10, 0, 0)).message();
        assertEquals(3, ep.statementId());
        assertEquals(true, ep.params()[0]);
    }

    @Test
    void lengthOutsideBoundsIsRejected() {
        assertThrows(ProtocolException.class, () -> Frames.checkLength(4, 100));
        assertThrows(ProtocolException.class, () -> Frames.checkLength(-1, 100));
        assertThrows(ProtocolException.class, () -> Frames.checkLength(101, 100));
        byte[] huge = {0x7f, 0, 0, 0, 1};
        assertThrows(ProtocolException.class,
                () -> Frames.read(new DataInputStream(new ByteArrayInputStream(huge)), 1024));
    }

    @Test
    void unknownMessageTypeIsRejected() {
        byte[] body = {120, 0, 0, 0, 1};
        ProtocolException e = assertThrows(ProtocolException.class, () -> Frames.decodeBody(body, 0, body.length));
        assertTrue(e.getMessage().contains("unknown message type"));
        byte[] negative = {-3, 0, 0, 0, 1};
        assertThrows(ProtocolException.class, () -> Frames.decodeBody(negative, 0, negative.length));
    }

    @Test
    void truncatedPayloadIsRejected() {
        byte[] frame = Frames.encode(1, new Message.Prepare("SELECT 1"));
        // claim the real length but give a body cut short inside the string
        assertThrows(ProtocolException.class, () -> Frames.decodeBody(frame, 4, frame.length - 4 - 2));
        // a stream that ends inside the frame
        byte[] cut = Arrays.copyOf(frame, frame.length - 1);
        assertThrows(EOFException.class, () -> Frames.read(new DataInputStream(new ByteArrayInputStream(cut)),
                Frames.DEFAULT_MAX_FRAME_SIZE));
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] frame = Frames.encode(1, new Message.Ping());
        byte[] longer = Arrays.copyOf(frame, frame.length + 1);
        assertThrows(ProtocolException.class, () -> Frames.decodeBody(longer, 4, longer.length - 4));
    }

    @Test
    void badBooleanAndNegativeCountsAreRejected() {
        byte[] body = {MessageType.SET_AUTOCOMMIT.code(), 0, 0, 0, 1, 7};
        assertThrows(ProtocolException.class, () -> Frames.decodeBody(body, 0, body.length));
        WireWriter w = new WireWriter();
        w.writeByte(MessageType.ROW_BATCH.code()).writeInt(1).writeLong(1).writeInt(-5);
        byte[] b = w.toByteArray();
        assertThrows(ProtocolException.class, () -> Frames.decodeBody(b, 0, b.length));
    }

    @Test
    void frameLengthCountsBytesAfterTheLengthField() {
        byte[] frame = Frames.encode(42, new Message.Ping());
        assertEquals(4 + 5, frame.length);
        assertEquals(5, frame[3]);
        assertInstanceOf(Message.Ping.class, Frames.decodeBody(frame, 4, 5).message());
    }
}
