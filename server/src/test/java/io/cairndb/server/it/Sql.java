package io.cairndb.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Small helpers to run SQL through the driver and compare results as text. */
final class Sql {
    private Sql() {
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** Rows as "a|b|c" strings (NULL as "null"), in the order the server returned them. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        row.append('|');
                    }
                    row.append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    static String single(Connection c, String sql) throws SQLException {
        List<String> rows = rows(c, sql);
        assertEquals(1, rows.size(), "one row expected from " + sql + " but got " + rows);
        return rows.get(0);
    }

    /** Polls {@code sql} (one value) until it returns {@code expected}; fails after {@code timeoutMs}. */
    static void awaitValue(Connection c, String sql, String expected, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String last;
        while (!(last = single(c, sql)).equals(expected)) {
            org.junit.jupiter.api.Assertions.assertTrue(System.currentTimeMillis() < deadline,
                    sql + " still returned " + last + ", not " + expected + ", after " + timeoutMs + " ms");
            Thread.sleep(200);
        }
    }

    static void assertSqlState(String sqlState, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(sqlState, e.getSQLState(), "SQLSTATE of: " + e.getMessage());
    }
}
