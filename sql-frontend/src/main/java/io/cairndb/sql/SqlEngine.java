package io.cairndb.sql;

/** The SQL service of one node: opens sessions. One per node; thread-safe. */
public interface SqlEngine extends AutoCloseable {

    /** A new session for {@code user}, with {@code schema} as its current schema (null: the default, "PUBLIC"). */
    SqlSession openSession(String user, String schema);

    @Override
    void close();
}
