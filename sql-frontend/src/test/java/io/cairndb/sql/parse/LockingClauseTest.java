package io.cairndb.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.SqlStateException;
import org.junit.jupiter.api.Test;

class LockingClauseTest {

    @Test
    void cutsEveryStrengthWithOfAndNowaitOffTheQuery() {
        LockingClause c = LockingClause.of("SELECT * FROM t WHERE id = 1 FOR UPDATE");
        assertEquals("SELECT * FROM t WHERE id = 1 ", c.query());
        assertFalse(c.noWait());
        assertEquals("select a from t ", LockingClause.of("select a from t for no key update of t nowait;").query());
        assertTrue(LockingClause.of("select a from t for no key update of t nowait;").noWait());
        assertEquals("SELECT 1 FROM s.t ", LockingClause.of("SELECT 1 FROM s.t FOR SHARE OF s.t, u FOR KEY SHARE")
                .query());
    }

    @Test
    void leavesOtherStatementsAlone() {
        assertNull(LockingClause.of("SELECT 'FOR UPDATE' FROM t"));
        assertNull(LockingClause.of("SELECT * FROM (SELECT * FROM t FOR UPDATE) x"), "only a top-level clause");
        assertNull(LockingClause.of("SELECT * FROM t FOR UPDATE LIMIT 1"), "the query parser reports this");
        assertNull(LockingClause.of("SELECT \"FOR\" FROM t"));
        assertNull(LockingClause.of("UPDATE t SET a = 1"));
    }

    @Test
    void refusesSkipLocked() {
        SqlStateException e = assertThrows(SqlStateException.class,
                () -> LockingClause.of("SELECT * FROM t FOR UPDATE SKIP LOCKED"));
        assertEquals("0A000", e.sqlState());
    }
}
