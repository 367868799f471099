package io.cairndb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/** Every error the driver raises or receives is the JDBC subclass of its SQLSTATE's class, state and text kept. */
class JdbcErrorsTest {
    private static void assertMapped(Class<? extends SQLException> expected, String sqlState) {
        SQLException e = JdbcErrors.error(sqlState, "message of " + sqlState);
        assertSame(expected, e.getClass(), sqlState);
        assertEquals(sqlState, e.getSQLState());
        assertEquals("message of " + sqlState, e.getMessage());
    }

    @Test
    void sqlStateClassesMapToTheirSubclasses() {
        assertMapped(SQLNonTransientConnectionException.class, "08006");
        assertMapped(SQLFeatureNotSupportedException.class, "0A000");
        assertMapped(SQLDataException.class, "22012");
        assertMapped(SQLDataException.class, "22018");
        assertMapped(SQLIntegrityConstraintViolationException.class, "23505");
        assertMapped(SQLInvalidAuthorizationSpecException.class, "28000");
        assertMapped(SQLTransactionRollbackException.class, "40001");
        assertMapped(SQLSyntaxErrorException.class, "42601");
        assertMapped(SQLSyntaxErrorException.class, "42P01");
        assertMapped(SQLException.class, "XX000");
        assertMapped(SQLException.class, "25000");
        assertMapped(SQLException.class, null);
    }
}
