package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.assertSqlState;
import static io.cairndb.server.it.Sql.rows;
import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error of issue #2 has its SQLSTATE, changes nothing, and leaves the session (and server) usable. */
class ErrorsIT {
    private static TestNode node;
    private static Connection c;

    @BeforeAll
    static void start() throws SQLException {
        node = TestNode.start();
        c = node.connect();
        update(c, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(5) NOT NULL, small SMALLINT, amount DECIMAL(5,2))");
        update(c, "INSERT INTO t VALUES (1, 'one', 1, 1.00)");
    }

    @AfterAll
    static void stop() throws SQLException {
        c.close();
        node.close();
    }

    private static void assertUsable() throws SQLException {
        assertEquals(List.of("1|one"), rows(c, "SELECT id, name FROM t ORDER BY id"));
    }

    @Test
    void syntaxError() throws SQLException {
        assertSqlState("42601", () -> rows(c, "SELEC id FROM t"));
        assertSqlState("42601", () -> update(c, "CREATE TABLE x (a INT"));
        assertSqlState("42601", () -> update(c, "INSERT INTO t VALUES (1,"));
        assertUsable();
    }

    @Test
    void unknownTableAndColumn() throws SQLException {
        assertSqlState("42P01", () -> rows(c, "SELECT * FROM nowhere"));
        assertSqlState("42P01", () -> update(c, "INSERT INTO nowhere VALUES (1)"));
        assertSqlState("42P01", () -> update(c, "DROP TABLE nowhere"));
        assertSqlState("42703", () -> rows(c, "SELECT nothing FROM t"));
        assertSqlState("42703", () -> update(c, "UPDATE t SET nothing = 1"));
        assertUsable();
    }

    @Test
    void duplicateKeyAndFailedStatementChangesNothing() throws SQLException {
        assertSqlState("23505", () -> update(c, "INSERT INTO t VALUES (1, 'dup', 1, 1)"));
        assertSqlState("23505", () -> update(c, "INSERT INTO t VALUES (2, 'two', 2, 2), (1, 'dup', 1, 1)"));
        assertEquals("0", single(c, "SELECT COUNT(*) FROM t WHERE id = 2"));
        assertSqlState("42P07", () -> update(c, "CREATE TABLE t (a INT)"));
        assertUsable();
    }

    @Test
    void notNull() throws SQLException {
        assertSqlState("23502", () -> update(c, "INSERT INTO t (id, small) VALUES (3, 3)"));
        assertSqlState("23502", () -> update(c, "INSERT INTO t VALUES (NULL, 'x', 1, 1)"));
        assertSqlState("23502", () -> update(c, "UPDATE t SET name = NULL WHERE id = 1"));
        assertUsable();
    }

    @Test
    void outOfRangeAndDivisionByZero() throws SQLException {
        assertSqlState("22003", () -> update(c, "INSERT INTO t VALUES (4, 'x', 40000, 1)"));
        assertSqlState("22003", () -> update(c, "INSERT INTO t VALUES (4, 'x', 1, 12345.6)"));
        assertSqlState("22001", () -> update(c, "INSERT INTO t VALUES (4, 'toolong', 1, 1)"));
        assertSqlState("22012", () -> rows(c, "SELECT id / 0 FROM t"));
        assertSqlState("22012", () -> rows(c, "SELECT 1 / 0"));
        assertEquals("0", single(c, "SELECT COUNT(*) FROM t WHERE id = 4"));
        assertUsable();
    }

    @Test
    void serverErrorsArriveAsTheJdbcSubclassOfTheirClass() throws SQLException {
        assertEquals("42601", assertThrows(SQLSyntaxErrorException.class, () -> rows(c, "SELEC 1")).getSQLState());
        assertEquals("23505", assertThrows(SQLIntegrityConstraintViolationException.class,
                () -> update(c, "INSERT INTO t VALUES (1, 'dup', 1, 1)")).getSQLState());
        assertEquals("22012", assertThrows(SQLDataException.class, () -> rows(c, "SELECT 1 / 0")).getSQLState());
        assertUsable();
    }

    @Test
    void malformedFrameClosesOnlyThatConnection() throws Exception {
        URI uri = URI.create(node.url().substring("jdbc:".length()));
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            raw.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(-7);
            out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            out.flush();
            InputStream in = raw.getInputStream();
            // the server answers with an error frame and/or closes: drain until end of stream
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // draining
            }
        }
        assertUsable();
        try (Connection other = node.connect()) {
            assertEquals("1", single(other, "SELECT COUNT(*) FROM t"));
        }
    }
}
