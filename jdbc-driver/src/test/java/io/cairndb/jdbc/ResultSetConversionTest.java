package io.cairndb.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.protocol.ColumnInfo;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultSetConversionTest {
    private static final List<ColumnInfo> COLUMNS = List.of(
            col("B", Types.BOOLEAN, "BOOLEAN"), col("S", Types.SMALLINT, "SMALLINT"),
            col("I", Types.INTEGER, "INTEGER"), col("L", Types.BIGINT, "BIGINT"), col("F", Types.REAL, "REAL"),
            col("D", Types.DOUBLE, "DOUBLE"), col("DEC", Types.DECIMAL, "DECIMAL"),
            col("V", Types.VARCHAR, "VARCHAR"), col("DT", Types.DATE, "DATE"), col("T", Types.TIME, "TIME"),
            col("TS", Types.TIMESTAMP, "TIMESTAMP"), col("BIN", Types.VARBINARY, "VARBINARY"),
            col("N", Types.INTEGER, "INTEGER"), col("NUMTEXT", Types.VARCHAR, "VARCHAR"));

    private ResultSet rs;

    private static ColumnInfo col(String name, int type, String typeName) {
        return new ColumnInfo(name, name, "PUBLIC", "T", type, typeName, 10, type == Types.DECIMAL ? 2 : 0, true);
    }

    @BeforeEach
    void open() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {true, (short) 300, 70000, 5_000_000_000L, 1.5f, 2.75d, new BigDecimal("123.45"),
                "hello", LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15), LocalDateTime.of(2024, 2, 29, 13, 14,
                15, 500_000_000), new byte[] {1, 2, (byte) 0xff}, null, " 42 "});
        rs = new CairnResultSet(null, COLUMNS, new BufferedRows(rows), 10);
        assertTrue(rs.next());
    }

    @Test
    void eachTypeThroughItsOwnGetter() throws SQLException {
        assertTrue(rs.getBoolean(1));
        assertEquals(300, rs.getShort("s"));
        assertEquals(70000, rs.getInt("I"));
        assertEquals(5_000_000_000L, rs.getLong(4));
        assertEquals(1.5f, rs.getFloat(5));
        assertEquals(2.75d, rs.getDouble(6));
        assertEquals(new BigDecimal("123.45"), rs.getBigDecimal(7));
        assertEquals("hello", rs.getString(8));
        assertEquals(Date.valueOf("2024-02-29"), rs.getDate(9));
        assertEquals(Time.valueOf("13:14:15"), rs.getTime(10));
        assertEquals(Timestamp.valueOf("2024-02-29 13:14:15.5"), rs.getTimestamp(11));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, rs.getBytes(12));
    }

    @Test
    void getStringOfEveryType() throws SQLException {
        List<String> expected = List.of("true", "300", "70000", "5000000000", "1.5", "2.75", "123.45", "hello",
                "2024-02-29", "13:14:15", "2024-02-29 13:14:15.5", "0102ff");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), rs.getString(i + 1), "column " + (i + 1));
        }
        assertNull(rs.getString(13));
    }

    @Test
    void numericConversionsAndOverflow() throws SQLException {
        assertEquals(5_000_000_000.0, rs.getDouble(4));
        assertEquals(123, rs.getInt(7), "decimals truncate toward zero");
        assertEquals(2, rs.getLong(6));
        assertEquals(42, rs.getInt(14), "numeric text converts");
        assertEquals(1, rs.getInt(1), "true is 1");
        assertEquals(new BigDecimal("70000"), rs.getBigDecimal(3));
        SQLException e = assertThrows(SQLException.class, () -> rs.getInt(4));
        assertEquals("22003", e.getSQLState());
        assertEquals("22003", assertThrows(SQLException.class, () -> rs.getShort(3)).getSQLState());
        assertEquals("22003", assertThrows(SQLException.class, () -> rs.getByte(2)).getSQLState());
        assertEquals("22018", assertThrows(SQLDataException.class, () -> rs.getInt(8)).getSQLState());
        assertEquals("22018", assertThrows(SQLDataException.class, () -> rs.getLong(8)).getSQLState(),
                "non-numeric text read as a number is a data exception (the sqllogictest runner relies on the class)");
        assertEquals("22018", assertThrows(SQLException.class, () -> rs.getDate(8)).getSQLState());
    }

    @Test
    void nullsReadAsZeroWithWasNull() throws SQLException {
        assertEquals(0, rs.getInt(13));
        assertTrue(rs.wasNull());
        assertNull(rs.getObject("n"));
        assertTrue(rs.wasNull());
        assertFalse(rs.getBoolean(13));
        assertNull(rs.getBigDecimal(13));
        assertNull(rs.getTimestamp(13));
        rs.getInt(3);
        assertFalse(rs.wasNull());
    }

    @Test
    void getObjectDefaultMappingAndWithClass() throws SQLException {
        assertEquals(300, rs.getObject(2), "SMALLINT maps to Integer");
        assertEquals(Date.valueOf("2024-02-29"), rs.getObject(9));
        assertEquals(Timestamp.valueOf("2024-02-29 13:14:15.5"), rs.getObject(11));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(9, LocalDate.class));
        assertEquals(LocalTime.of(13, 14, 15), rs.getObject(10, LocalTime.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000), rs.getObject(11, LocalDateTime.class));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(11, LocalDate.class));
        assertEquals(5_000_000_000L, rs.getObject(4, Long.class));
        assertEquals("123.45", rs.getObject(7, String.class));
        assertEquals(new BigDecimal("2.75"), rs.getObject(6, BigDecimal.class));
        assertNull(rs.getObject(13, Integer.class));
        assertEquals("22018", assertThrows(SQLException.class, () -> rs.getObject(1, Thread.class))
                .getSQLState());
    }

    @Test
    void calendarVariantsInterpretWallClockInTheCalendarZone() throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Calendar plus2 = Calendar.getInstance(TimeZone.getTimeZone("GMT+2"));
        long utcMillis = rs.getTimestamp(11, utc).getTime();
        long plus2Millis = rs.getTimestamp(11, plus2).getTime();
        assertEquals(2 * 3600_000L, utcMillis - plus2Millis);
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000)
                .toEpochSecond(java.time.ZoneOffset.UTC) * 1000 + 500, utcMillis);
        assertEquals(2 * 3600_000L, rs.getDate(9, utc).getTime() - rs.getDate(9, plus2).getTime());
    }

    @Test
    void labelsAreCaseInsensitiveAndUnknownOnesFail() throws SQLException {
        assertEquals(7, rs.findColumn("dec"));
        assertEquals("42703", assertThrows(SQLException.class, () -> rs.findColumn("nope")).getSQLState());
        assertThrows(SQLException.class, () -> rs.getString(0));
        assertThrows(SQLException.class, () -> rs.getString(15));
    }

    @Test
    void navigationAndClose() throws SQLException {
        assertFalse(rs.next());
        assertEquals("24000", assertThrows(SQLException.class, () -> rs.getString(1)).getSQLState());
        assertTrue(rs.first(), "buffered rows scroll");
        assertEquals("hello", rs.getString(8));
        rs.close();
        assertTrue(rs.isClosed());
        assertThrows(SQLException.class, () -> rs.next());
    }

    @Test
    void metaDataDescribesColumns() throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(14, md.getColumnCount());
        assertEquals("DEC", md.getColumnLabel(7));
        assertEquals(Types.DECIMAL, md.getColumnType(7));
        assertEquals("DECIMAL", md.getColumnTypeName(7));
        assertEquals(2, md.getScale(7));
        assertEquals("java.math.BigDecimal", md.getColumnClassName(7));
        assertEquals("java.lang.String", md.getColumnClassName(8));
        assertEquals("[B", md.getColumnClassName(12));
        assertTrue(md.isSigned(3));
        assertFalse(md.isSigned(8));
        assertFalse(md.isAutoIncrement(1));
        assertEquals(ResultSetMetaData.columnNullable, md.isNullable(1));
        assertEquals("T", md.getTableName(1));
        assertEquals("PUBLIC", md.getSchemaName(1));
        assertEquals("CAIRNDB", md.getCatalogName(1));
        assertEquals(11, md.getColumnDisplaySize(3));
    }

    @Test
    void parameterConversions() throws SQLException {
        assertEquals(LocalDate.of(2020, 1, 2), ValueConverter.toParameter(Date.valueOf("2020-01-02")));
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5),
                ValueConverter.toParameter(Timestamp.valueOf("2020-01-02 03:04:05")));
        assertEquals((short) 7, ValueConverter.toParameter((byte) 7));
        assertEquals(new BigDecimal("12345678901234567890"),
                ValueConverter.toParameter(new java.math.BigInteger("12345678901234567890")));
        assertEquals("x", ValueConverter.toParameter('x'));
        assertEquals(12, ValueConverter.toSqlType("12", Types.INTEGER));
        assertEquals(LocalDate.of(2020, 1, 2), ValueConverter.toSqlType("2020-01-02", Types.DATE));
        assertEquals("22003", assertThrows(SQLException.class,
                () -> ValueConverter.toSqlType(1L << 40, Types.INTEGER)).getSQLState());
        assertEquals("22023", assertThrows(SQLException.class,
                () -> ValueConverter.toParameter(new Object())).getSQLState());
    }
}
