package io.cairndb.server.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.protocol.Frame;
import io.cairndb.protocol.Frames;
import io.cairndb.protocol.Message;
import io.cairndb.server.ServerMetrics;
import io.cairndb.sql.MetadataRequest;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty server and the real JDBC driver over a real socket, against a scripted SqlSession. */
class WireServerTest {
    private ScriptedEngine engine;
    private ServerMetrics metrics;
    private WireServer server;
    private String url;

    @BeforeEach
    void start() {
        engine = new ScriptedEngine();
        metrics = new ServerMetrics();
        server = WireServer.start("127.0.0.1", 0, metrics, 1024 * 1024);
        server.setEngine(engine);
        url = "jdbc:cairndb://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "tester", "secret");
    }

    @Test
    void handshakeOpensASessionWithUserAndSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(url + "/SALES?user=ann")) {
            ScriptedSession s = engine.last();
            assertEquals("ann", s.user);
            assertEquals("SALES", c.getSchema());
            assertEquals("CAIRNDB", c.getCatalog());
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            assertTrue(c.getAutoCommit());
            assertTrue(c.isValid(5));
            assertEquals(1, metrics.openSessions());
        }
    }

    @Test
    void sessionErrorInHandshakeIsReportedWithItsSqlState() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "/NOSUCH"));
        assertEquals("3F000", e.getSQLState());
    }

    @Test
    void resultsArePagedByFetchSize() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.setFetchSize(10);
            long batchesBefore = metrics.rowBatches();
            try (ResultSet rs = st.executeQuery("ROWS 25")) {
                ScriptedSession s = engine.last();
                for (int i = 1; i <= 10; i++) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt("ID"));
                }
                // one page plus the one-row look-ahead: the rest has not been produced yet
                assertEquals(11, s.rowsProduced.get());
                assertTrue(rs.next());
                assertEquals(11, rs.getInt(1));
                assertEquals("row-11", rs.getString(2));
                assertEquals(21, s.rowsProduced.get());
                int count = 11;
                while (rs.next()) {
                    count++;
                    assertEquals(count, rs.getInt(1));
                }
                assertEquals(25, count);
                assertEquals(0, s.openCursors.get(), "an exhausted cursor is closed on the server");
            }
            // the first page came with the query, then two FETCHes: 10 + 10 + 5
            assertEquals(3, metrics.rowBatches() - batchesBefore);
        }
    }

    @Test
    void forwardOnlyPositionQueries() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.setFetchSize(2);
            try (ResultSet rs = st.executeQuery("ROWS 3")) {
                assertTrue(rs.isBeforeFirst());
                assertTrue(rs.next());
                assertTrue(rs.isFirst());
                assertEquals(1, rs.getRow());
                assertTrue(rs.next());
                assertFalse(rs.isLast(), "a third row is still on the server");
                assertTrue(rs.next());
                assertTrue(rs.isLast());
                assertEquals(3, rs.getRow());
                assertFalse(rs.next());
                assertTrue(rs.isAfterLast());
                assertEquals(0, rs.getRow());
                assertThrows(SQLException.class, rs::previous, "forward only");
            }
            try (ResultSet empty = st.executeQuery("ROWS 0")) {
                assertFalse(empty.isBeforeFirst(), "an empty result has no position before a first row");
                assertFalse(empty.next());
                assertFalse(empty.isAfterLast());
            }
        }
    }

    @Test
    void closingAResultSetEarlyClosesTheServerCursor() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.setFetchSize(5);
            ResultSet rs = st.executeQuery("ROWS 1000");
            assertTrue(rs.next());
            ScriptedSession s = engine.last();
            assertEquals(1, s.openCursors.get());
            rs.close();
            assertEquals(0, s.openCursors.get());
            assertTrue(s.rowsProduced.get() <= 6);
            // the connection goes on
            try (ResultSet rs2 = st.executeQuery("ROWS 2")) {
                assertTrue(rs2.next());
            }
        }
    }

    @Test
    void maxRowsAndTimeoutReachTheSession() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.setMaxRows(3);
            st.setQueryTimeout(7);
            int n = 0;
            try (ResultSet rs = st.executeQuery("ROWS 10")) {
                while (rs.next()) {
                    n++;
                }
            }
            assertEquals(3, n);
            assertEquals(7, engine.last().lastOptions.queryTimeoutSeconds());
        }
    }

    @Test
    void errorsCarryTheServersSqlStateAndTheConnectionSurvives() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("FAIL 42P01"));
            assertEquals("42P01", e.getSQLState());
            assertTrue(e.getMessage().contains("scripted failure"));
            SQLException bug = assertThrows(SQLException.class, () -> st.execute("CRASH"));
            assertEquals("XX000", bug.getSQLState());
            assertEquals(1, st.executeUpdate("INSERT x"));
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void updateCountsAndResultKindsFollowJdbc() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            assertFalse(st.execute("INSERT 1"));
            assertEquals(1, st.getUpdateCount());
            assertNull(st.getResultSet());
            assertTrue(st.execute("ROWS 1"));
            assertEquals(-1, st.getUpdateCount());
            assertFalse(st.getMoreResults());
            assertEquals(-1, st.getUpdateCount());
            assertThrows(SQLException.class, () -> st.executeQuery("INSERT 1"));
            assertThrows(SQLException.class, () -> st.executeUpdate("ROWS 1"));
            st.execute("SET SCHEMA OTHER");
            assertEquals("OTHER", c.getSchema(), "the session's schema comes back with the update count");
        }
    }

    @Test
    void preparedStatementsSendTypedParameters() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("ECHO ? ? ? ? ? ? ? ? ? ? ?")) {
            ParameterMetaData pmd = ps.getParameterMetaData();
            assertEquals(11, pmd.getParameterCount());
            assertEquals(Types.VARCHAR, pmd.getParameterType(1));
            assertThrows(SQLException.class, ps::executeQuery, "unset parameters are refused");
            ps.setInt(1, 42);
            ps.setLong(2, 1L << 40);
            ps.setString(3, "héllo");
            ps.setBigDecimal(4, new BigDecimal("-12.340"));
            ps.setDate(5, java.sql.Date.valueOf("2024-02-29"));
            ps.setTimestamp(6, java.sql.Timestamp.valueOf("2024-02-29 01:02:03.000000456"));
            ps.setObject(7, LocalTime.of(23, 59));
            ps.setNull(8, Types.INTEGER);
            ps.setBytes(9, new byte[] {9, 8});
            ps.setBoolean(10, true);
            ps.setDouble(11, 0.5);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getObject(1));
                assertEquals(1L << 40, rs.getLong(2));
                assertEquals("héllo", rs.getString(3));
                assertEquals(new BigDecimal("-12.340"), rs.getBigDecimal(4));
                assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(5, LocalDate.class));
                assertEquals(LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456), rs.getObject(6, LocalDateTime.class));
                assertEquals(LocalTime.of(23, 59), rs.getObject(7, LocalTime.class));
                assertNull(rs.getObject(8));
                assertTrue(rs.wasNull());
                assertArrayEquals(new byte[] {9, 8}, rs.getBytes(9));
                assertTrue(rs.getBoolean(10));
                assertEquals(0.5, rs.getDouble(11));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void preparedQueryDescribesItsColumnsBeforeRunning() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("ROWS 3")) {
            ResultSetMetaData md = ps.getMetaData();
            assertEquals(2, md.getColumnCount());
            assertEquals("NAME", md.getColumnLabel(2));
            assertEquals(Types.VARCHAR, md.getColumnType(2));
            assertEquals("java.lang.String", md.getColumnClassName(2));
            assertEquals("PUBLIC", md.getSchemaName(1));
            assertEquals("T", md.getTableName(1));
        }
        try (Connection c = connect()) {
            SQLException e = assertThrows(SQLException.class, () -> c.prepareStatement("FAIL"));
            assertEquals("42P01", e.getSQLState());
        }
    }

    @Test
    void batchesStopAtTheFirstErrorWithTheCountsSoFar() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT ?")) {
            ps.setString(1, "a");
            ps.addBatch();
            ps.setString(1, "b");
            ps.addBatch();
            assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
            ps.setString(1, "c");
            ps.addBatch();
            ps.setString(1, "dup");
            ps.addBatch();
            ps.setString(1, "e");
            ps.addBatch();
            BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
            assertEquals("23505", e.getSQLState());
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.addBatch("INSERT 1");
            st.addBatch("INSERT 2");
            st.addBatch("FAIL 22012");
            st.addBatch("INSERT 3");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, st::executeBatch);
            assertEquals("22012", e.getSQLState());
            assertArrayEquals(new int[] {1, 1}, e.getUpdateCounts());
            assertEquals(List.of("INSERT 1", "INSERT 2", "FAIL 22012"), engine.last().calls);
        }
    }

    @Test
    void cancelStopsARunningStatementFromAnotherThread() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            Future<Boolean> running = runner.submit(() -> st.execute("SLEEP"));
            ScriptedSession s = engine.last();
            assertTrue(s.sleeping.await(30, TimeUnit.SECONDS), "the statement never started");
            st.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, running::get);
            SQLException sql = assertInstanceOf(SQLException.class, e.getCause());
            assertEquals("57014", sql.getSQLState());
            assertEquals(1, st.executeUpdate("INSERT after-cancel"));
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void transactionControlReachesTheSession() throws Exception {
        try (Connection c = connect()) {
            ScriptedSession s = engine.last();
            assertThrows(SQLException.class, c::commit, "commit in autocommit mode");
            c.setAutoCommit(false);
            c.commit();
            c.rollback();
            c.setReadOnly(true);
            c.setSchema("S2");
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            assertTrue(c.getWarnings() != null, "a weaker level is upgraded with a warning");
            assertEquals(List.of("AUTOCOMMIT false", "COMMIT", "ROLLBACK", "READONLY true", "SCHEMA S2"), s.calls);
            assertEquals("S2", c.getSchema());
            SQLException e = assertThrows(SQLException.class, () -> c.setSchema("NOSUCH"));
            assertEquals("3F000", e.getSQLState());
        }
    }

    @Test
    void closingTheConnectionClosesTheSession() throws Exception {
        Connection c = connect();
        ScriptedSession s = engine.last();
        c.close();
        assertTrue(s.closed.await(30, TimeUnit.SECONDS));
        assertTrue(c.isClosed());
        assertThrows(SQLException.class, c::createStatement);
    }

    @Test
    void droppedSocketClosesTheSessionAndItsCursors() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            DataInputStream in = new DataInputStream(raw.getInputStream());
            OutputStream out = raw.getOutputStream();
            out.write(Frames.encode(1, new Message.Hello(Frames.MAGIC, Frames.PROTOCOL_VERSION, "raw", null, null,
                    Map.of())));
            assertInstanceOf(Message.HelloOk.class, Frames.read(in, Integer.MAX_VALUE).message());
            out.write(Frames.encode(2, new Message.Execute("ROWS 100", new Object[0], 10, 0, 0)));
            assertInstanceOf(Message.ResultHeader.class, Frames.read(in, Integer.MAX_VALUE).message());
            assertInstanceOf(Message.RowBatch.class, Frames.read(in, Integer.MAX_VALUE).message());
            assertEquals(1, engine.last().openCursors.get());
        }
        ScriptedSession s = engine.last();
        assertTrue(s.closed.await(30, TimeUnit.SECONDS));
        assertEquals(0, s.openCursors.get());
    }

    @Test
    void metadataRequestsAreForwardedAndAnsweredLikeQueries() throws Exception {
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, "PUB%", "%", new String[] {"TABLE"})) {
                assertTrue(rs.next());
                assertEquals("T", rs.getString("TABLE_NAME"));
                assertEquals("TABLE", rs.getString("TABLE_TYPE"));
                assertFalse(rs.next());
            }
            MetadataRequest req = engine.last().metadataRequests.get(0);
            assertEquals(MetadataRequest.Kind.TABLES, req.kind());
            assertEquals("PUB%", req.schemaPattern());
            assertEquals(List.of("TABLE"), req.tableTypes());
            try (ResultSet rs = md.getIndexInfo(null, "PUBLIC", "T", true, false)) {
                assertTrue(rs.next());
            }
            MetadataRequest idx = engine.last().metadataRequests.get(1);
            assertEquals(MetadataRequest.Kind.INDEX_INFO, idx.kind());
            assertTrue(idx.uniqueOnly());
            try (ResultSet rs = md.getImportedKeys(null, "PUBLIC", "T")) {
                assertFalse(rs.next());
                assertEquals(14, rs.getMetaData().getColumnCount());
                assertEquals(9, rs.findColumn("KEY_SEQ"));
            }
            assertEquals("CairnDB", md.getDatabaseProductName());
            assertEquals("\"", md.getIdentifierQuoteString());
            assertTrue(md.storesUpperCaseIdentifiers());
            assertTrue(md.supportsBatchUpdates());
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, md.getDefaultTransactionIsolation());
            assertTrue(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
        }
    }

    @Test
    void scrollInsensitiveResultsCanMoveBackwards() throws Exception {
        try (Connection c = connect();
             Statement st = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
             ResultSet rs = st.executeQuery("ROWS 5")) {
            assertTrue(rs.last());
            assertEquals(5, rs.getInt(1));
            assertTrue(rs.previous());
            assertEquals(4, rs.getInt(1));
            assertTrue(rs.absolute(1));
            assertEquals(1, rs.getInt(1));
            assertTrue(rs.isFirst());
        }
    }

    @Test
    void malformedFrameClosesOnlyThatConnection() throws Exception {
        try (Connection good = connect(); Statement st = good.createStatement()) {
            for (byte[] garbage : List.of(
                    new byte[] {0, 0, 0, 5, 99, 0, 0, 0, 1},                       // unknown message type
                    new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1},   // length past the maximum
                    new byte[] {0, 0, 0, 2, 1, 1},                                 // length too short
                    new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0},  // negative length
                    new byte[] {0, 0, 0, 6, 16, 0, 0, 0, 1, 7})) {                 // PING with trailing garbage
                try (Socket raw = new Socket("127.0.0.1", server.port())) {
                    raw.getOutputStream().write(garbage);
                    raw.getOutputStream().flush();
                    DataInputStream in = new DataInputStream(raw.getInputStream());
                    Frame reply = Frames.read(in, Integer.MAX_VALUE);
                    Message.Error err = assertInstanceOf(Message.Error.class, reply.message());
                    assertEquals("08P01", err.sqlState());
                    assertThrows(EOFException.class, () -> Frames.read(in, Integer.MAX_VALUE), "then closed");
                }
            }
            assertTrue(good.isValid(5));
            assertEquals(1, st.executeUpdate("INSERT still-fine"));
        }
    }

    @Test
    void malformedFrameAfterTheHandshakeEndsThatSession() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            DataInputStream in = new DataInputStream(raw.getInputStream());
            OutputStream out = raw.getOutputStream();
            out.write(Frames.encode(1, new Message.Hello(Frames.MAGIC, Frames.PROTOCOL_VERSION, "raw", null, null,
                    Map.of())));
            assertInstanceOf(Message.HelloOk.class, Frames.read(in, Integer.MAX_VALUE).message());
            out.write(new byte[] {0, 0, 0, 9, 2, 0, 0, 0, 2, 0, 0, 0, 50}); // EXECUTE whose SQL is cut short
            Message.Error err = assertInstanceOf(Message.Error.class, Frames.read(in, Integer.MAX_VALUE).message());
            assertEquals("08P01", err.sqlState());
            assertThrows(EOFException.class, () -> Frames.read(in, Integer.MAX_VALUE));
        }
        assertTrue(engine.last().closed.await(30, TimeUnit.SECONDS));
    }

    @Test
    void wrongMagicOrVersionIsRefused() throws Exception {
        for (Message.Hello hello : List.of(
                new Message.Hello(0x12345678, Frames.PROTOCOL_VERSION, "u", null, null, Map.of()),
                new Message.Hello(Frames.MAGIC, 99, "u", null, null, Map.of()))) {
            try (Socket raw = new Socket("127.0.0.1", server.port())) {
                raw.getOutputStream().write(Frames.encode(1, hello));
                DataInputStream in = new DataInputStream(raw.getInputStream());
                Message.Error err = assertInstanceOf(Message.Error.class, Frames.read(in, Integer.MAX_VALUE)
                        .message());
                assertEquals("08P01", err.sqlState());
            }
        }
        assertTrue(engine.sessions.isEmpty());
    }

    @Test
    void aNodeThatIsStartingUpRefusesSessionsAndTheDriverTriesTheNextHost() throws Exception {
        try (WireServer starting = WireServer.start("127.0.0.1", 0, new ServerMetrics())) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:cairndb://127.0.0.1:" + starting.port(), "u", "p"));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("starting"), e.getMessage());
            try (Connection c = DriverManager.getConnection("jdbc:cairndb://127.0.0.1:" + starting.port()
                    + ",127.0.0.1:" + server.port(), "u", "p")) {
                assertTrue(c.isValid(5));
            }
        }
    }

    @Test
    void badReferencesAreSqlErrorsAndTheConnectionGoesOn() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            DataInputStream in = new DataInputStream(raw.getInputStream());
            OutputStream out = raw.getOutputStream();
            out.write(Frames.encode(1, new Message.Hello(Frames.MAGIC, Frames.PROTOCOL_VERSION, "raw", null, null,
                    Map.of())));
            assertInstanceOf(Message.HelloOk.class, Frames.read(in, Integer.MAX_VALUE).message());
            List<Message> requests = List.of(new Message.Fetch(999, 10),
                    new Message.ExecutePrepared(999, new Object[0], 10, 0, 0),
                    new Message.Metadata("BOGUS", null, null, null, null, null, false, 10),
                    new Message.ExecuteBatch(999, null, List.of(), 0),
                    new Message.Execute(null, new Object[0], 10, 0, 0));
            List<String> states = List.of("34000", "26000", "22023", "26000", "42601");
            int id = 10;
            for (int i = 0; i < requests.size(); i++) {
                out.write(Frames.encode(++id, requests.get(i)));
                Frame reply = Frames.read(in, Integer.MAX_VALUE);
                assertEquals(id, reply.requestId());
                if (reply.message() instanceof Message.BatchResult br) {
                    assertEquals(states.get(i), br.errorSqlState(), requests.get(i).toString());
                } else {
                    Message.Error err = assertInstanceOf(Message.Error.class, reply.message());
                    assertEquals(states.get(i), err.sqlState(), requests.get(i).toString());
                }
            }
            out.write(Frames.encode(++id, new Message.CloseCursor(12345)));
            assertInstanceOf(Message.Ok.class, Frames.read(in, Integer.MAX_VALUE).message());
            out.write(Frames.encode(++id, new Message.Ping()));
            Frame pong = Frames.read(in, Integer.MAX_VALUE);
            assertEquals(id, pong.requestId());
            assertInstanceOf(Message.Ok.class, pong.message());
            out.write(Frames.encode(++id, new Message.Close()));
            assertInstanceOf(Message.Ok.class, Frames.read(in, Integer.MAX_VALUE).message());
            assertThrows(EOFException.class, () -> Frames.read(in, Integer.MAX_VALUE), "CLOSE ends the connection");
        }
        assertTrue(engine.last().closed.await(30, TimeUnit.SECONDS));
    }
}
