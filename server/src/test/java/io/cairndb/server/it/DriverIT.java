package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC driver against a real node: types, prepared statements, batches, paging, cancel, metadata. */
class DriverIT {
    private static TestNode node;
    private static Connection c;

    @BeforeAll
    static void start() throws SQLException {
        node = TestNode.start();
        c = node.connect();
        update(c, "CREATE TABLE all_types (id INT PRIMARY KEY, b BOOLEAN, s SMALLINT, i INTEGER, l BIGINT, r REAL, "
                + "d DOUBLE, m DECIMAL(12,4), ch CHAR(4), vc VARCHAR(30), dt DATE, tm TIME, ts TIMESTAMP, vb VARBINARY(8))");
    }

    @AfterAll
    static void stop() throws SQLException {
        c.close();
        node.close();
    }

    @Test
    void everyTypeRoundTripsExactlyThroughPreparedStatements() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO all_types VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setInt(1, 1);
            ps.setBoolean(2, true);
            ps.setShort(3, (short) -32768);
            ps.setInt(4, Integer.MAX_VALUE);
            ps.setLong(5, Long.MIN_VALUE);
            ps.setFloat(6, 1.5f);
            ps.setDouble(7, Math.PI);
            ps.setBigDecimal(8, new BigDecimal("-12345678.1234"));
            ps.setString(9, "ab");
            ps.setString(10, "héllo, wörld ✓");
            ps.setDate(11, Date.valueOf("1999-12-31"));
            ps.setTime(12, Time.valueOf("23:59:58"));
            ps.setTimestamp(13, Timestamp.valueOf("2024-02-29 12:34:56.789"));
            ps.setBytes(14, new byte[] {0, 1, (byte) 0xff});
            assertEquals(1, ps.executeUpdate());
            ps.setInt(1, 2);
            for (int i = 2; i <= 14; i++) {
                ps.setNull(i, Types.NULL);
            }
            assertEquals(1, ps.executeUpdate());
        }
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM all_types WHERE id = ?")) {
            q.setInt(1, 1);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean("B"));
                assertEquals(-32768, rs.getShort("S"));
                assertEquals(Integer.MAX_VALUE, rs.getInt("I"));
                assertEquals(Long.MIN_VALUE, rs.getLong("L"));
                assertEquals(1.5f, rs.getFloat("R"));
                assertEquals(Math.PI, rs.getDouble("D"));
                assertEquals(new BigDecimal("-12345678.1234"), rs.getBigDecimal("M"));
                assertEquals("ab  ", rs.getString("CH"));
                assertEquals("héllo, wörld ✓", rs.getString("VC"));
                assertEquals(LocalDate.of(1999, 12, 31), rs.getDate("DT").toLocalDate());
                assertEquals(LocalTime.of(23, 59, 58), rs.getTime("TM").toLocalTime());
                assertEquals(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000),
                        rs.getTimestamp("TS").toLocalDateTime());
                assertEquals(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000),
                        rs.getObject("TS", LocalDateTime.class));
                assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes("VB"));
                assertFalse(rs.wasNull());
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(14, md.getColumnCount());
                assertEquals(Types.DECIMAL, md.getColumnType(8));
                assertEquals(12, md.getPrecision(8));
                assertEquals(4, md.getScale(8));
                assertEquals(Types.VARCHAR, md.getColumnType(10));
                assertEquals(Types.TIMESTAMP, md.getColumnType(13));
                assertFalse(rs.next());
            }
            q.setInt(1, 2);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                for (int i = 2; i <= 14; i++) {
                    assertNull(rs.getObject(i), "column " + i);
                    assertTrue(rs.wasNull());
                }
                assertEquals(0, rs.getInt("I"));
                assertTrue(rs.wasNull());
            }
        }
    }

    @Test
    void batchesAndPagedResults() throws SQLException {
        update(c, "CREATE TABLE many (id INT PRIMARY KEY, payload VARCHAR(40))");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO many VALUES (?, ?)")) {
            for (int i = 0; i < 5000; i++) {
                ps.setInt(1, i);
                ps.setString(2, "row-" + i);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(5000, counts.length);
            for (int n : counts) {
                assertEquals(1, n);
            }
        }
        try (Statement s = c.createStatement()) {
            s.setFetchSize(100);
            Set<Integer> seen = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT id, payload FROM many")) {
                while (rs.next()) {
                    assertEquals("row-" + rs.getInt(1), rs.getString(2));
                    seen.add(rs.getInt(1));
                }
            }
            assertEquals(5000, seen.size());
            s.setMaxRows(7);
            try (ResultSet rs = s.executeQuery("SELECT id FROM many")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertEquals(7, n);
            }
        }
    }

    @Test
    void anAutocommitBatchCommitsAsOneTransaction() throws SQLException {
        update(c, "CREATE TABLE batch_all (id INT PRIMARY KEY, v VARCHAR(10))");
        update(c, "INSERT INTO batch_all VALUES (3, 'old')");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_all VALUES (?, ?)")) {
            for (int id : new int[] {1, 2, 3, 4}) {
                ps.setInt(1, id);
                ps.setString(2, "new");
                ps.addBatch();
            }
            // id 3 exists: the whole batch is rolled back, the rows before it too (as PostgreSQL's driver does)
            java.sql.BatchUpdateException e = assertThrows(java.sql.BatchUpdateException.class, ps::executeBatch);
            assertEquals("23505", e.getSQLState());
            assertEquals(0, e.getUpdateCounts().length, "nothing committed, so no statement counts as done");
        }
        assertEquals("1", single(c, "SELECT COUNT(*) FROM batch_all"));
        try (Statement st = c.createStatement()) {
            st.addBatch("INSERT INTO batch_all VALUES (1, 'a')");
            st.addBatch("UPDATE batch_all SET v = 'b' WHERE id = 1");
            st.addBatch("DELETE FROM batch_all WHERE id = 3");
            assertArrayEquals(new int[] {1, 1, 1}, st.executeBatch());
        }
        assertEquals("b", single(c, "SELECT v FROM batch_all WHERE id = 1"));
        assertEquals("1", single(c, "SELECT COUNT(*) FROM batch_all"));
        // a batch holding DDL runs statement by statement: what ran before the failure stays
        try (Statement st = c.createStatement()) {
            st.addBatch("INSERT INTO batch_all VALUES (5, 'c')");
            st.addBatch("CREATE TABLE batch_all (id INT PRIMARY KEY)");
            java.sql.BatchUpdateException e = assertThrows(java.sql.BatchUpdateException.class, st::executeBatch);
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
        }
        assertEquals("2", single(c, "SELECT COUNT(*) FROM batch_all"));
        // inside an explicit transaction a batch joins it and commits or rolls back with it
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_all VALUES (?, 'tx')")) {
            ps.setInt(1, 10);
            ps.addBatch();
            ps.setInt(1, 11);
            ps.addBatch();
            assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
            c.rollback();
        } finally {
            c.setAutoCommit(true);
        }
        assertEquals("2", single(c, "SELECT COUNT(*) FROM batch_all"));
    }

    @Test
    void queryTimeoutCancelsALongQuery() throws SQLException {
        update(c, "CREATE TABLE spin (id INT PRIMARY KEY)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO spin VALUES (?)")) {
            for (int i = 0; i < 300; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            // 300^3 = 27 million joined rows: far more than a second of work
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT COUNT(*) FROM spin a, spin b, spin c WHERE a.id + b.id + c.id >= 0"));
            assertEquals("57014", e.getSQLState());
        }
        assertEquals("300", single(c, "SELECT COUNT(*) FROM spin"));
    }

    @Test
    void queryTimeoutCountsServerTimeNotTheClientsPausesBetweenFetches() throws Exception {
        update(c, "CREATE TABLE slow_reader (id INT PRIMARY KEY)");
        update(c, "INSERT INTO slow_reader VALUES (1), (2), (3), (4), (5), (6)");
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            s.setFetchSize(2);
            int n = 0;
            try (ResultSet rs = s.executeQuery("SELECT id FROM slow_reader")) {
                while (rs.next()) {
                    n++;
                    if (n % 2 == 0) {
                        Thread.sleep(700); // 3 pauses: past the 1 s timeout in total, none of it server time
                    }
                }
            }
            assertEquals(6, n);
        }
    }

    @Test
    void cancelFromAnotherThread() throws Exception {
        update(c, "CREATE TABLE spin2 (id INT PRIMARY KEY)");
        update(c, "INSERT INTO spin2 SELECT id FROM (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)) AS v(id)");
        try (Connection other = node.connect(); Statement s = other.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    s.cancel();
                } catch (Exception ignored) {
                    // the assertion below reports a failed cancel
                }
            });
            canceller.start();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
                    "SELECT COUNT(*) FROM spin2 a, spin2 b, spin2 c, spin2 d, spin2 e, spin2 f, spin2 g, spin2 h"));
            canceller.join();
            assertEquals("57014", e.getSQLState());
            assertEquals("10", single(other, "SELECT COUNT(*) FROM spin2"));
        }
    }

    @Test
    void databaseMetaDataDescribesTablesColumnsKeysAndIndexes() throws SQLException {
        update(c, "CREATE TABLE meta_t (a INT, b VARCHAR(12) NOT NULL, c DECIMAL(8,3), PRIMARY KEY (a))");
        update(c, "CREATE UNIQUE INDEX meta_b ON meta_t (b)");
        DatabaseMetaData md = c.getMetaData();
        assertEquals("CairnDB", md.getDatabaseProductName());
        assertFalse(md.getDriverName().isEmpty());
        List<String> catalogs = column(md.getCatalogs(), "TABLE_CAT");
        assertEquals(List.of("CAIRNDB"), catalogs);
        assertTrue(column(md.getSchemas(), "TABLE_SCHEM").contains("PUBLIC"));
        assertTrue(column(md.getTableTypes(), "TABLE_TYPE").contains("TABLE"));
        assertEquals(List.of("META_T"), column(md.getTables(null, "PUBLIC", "META%", new String[] {"TABLE"}), "TABLE_NAME"));
        try (ResultSet cols = md.getColumns(null, "PUBLIC", "META_T", "%")) {
            assertTrue(cols.next());
            assertEquals("A", cols.getString("COLUMN_NAME"));
            assertEquals(Types.INTEGER, cols.getInt("DATA_TYPE"));
            assertEquals(1, cols.getInt("ORDINAL_POSITION"));
            assertTrue(cols.next());
            assertEquals("B", cols.getString("COLUMN_NAME"));
            assertEquals(12, cols.getInt("COLUMN_SIZE"));
            assertEquals("NO", cols.getString("IS_NULLABLE"));
            assertTrue(cols.next());
            assertEquals(Types.DECIMAL, cols.getInt("DATA_TYPE"));
            assertEquals(8, cols.getInt("COLUMN_SIZE"));
            assertEquals(3, cols.getInt("DECIMAL_DIGITS"));
            assertFalse(cols.next());
        }
        assertEquals(List.of("A"), column(md.getPrimaryKeys(null, "PUBLIC", "META_T"), "COLUMN_NAME"));
        List<String> indexes = column(md.getIndexInfo(null, "PUBLIC", "META_T", false, false), "INDEX_NAME");
        assertTrue(indexes.contains("META_B"), indexes.toString());
        assertFalse(column(md.getTypeInfo(), "TYPE_NAME").isEmpty());
        assertEquals(List.of(), column(md.getImportedKeys(null, "PUBLIC", "META_T"), "PKTABLE_NAME"));
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }
}
