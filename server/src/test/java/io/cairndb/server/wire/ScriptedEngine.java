package io.cairndb.server.wire;

import io.cairndb.planner.SqlStateException;
import io.cairndb.sql.SqlEngine;
import io.cairndb.sql.SqlSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A test engine whose sessions follow a fixed script (see {@link ScriptedSession}); not a SQL implementation. */
final class ScriptedEngine implements SqlEngine {
    final List<ScriptedSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public SqlSession openSession(String user, String schema) {
        if ("NOSUCH".equals(schema)) {
            throw new SqlStateException("3F000", "schema NOSUCH does not exist");
        }
        ScriptedSession s = new ScriptedSession(ids.incrementAndGet(), user, schema == null ? "PUBLIC" : schema);
        sessions.add(s);
        return s;
    }

    ScriptedSession last() {
        return sessions.get(sessions.size() - 1);
    }

    @Override
    public void close() {
    }
}
