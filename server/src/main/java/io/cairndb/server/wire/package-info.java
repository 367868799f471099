/**
 * The node's SQL/JDBC listener: Netty, speaking {@code io.cairndb.protocol}. {@link io.cairndb.server.wire.WireServer}
 * binds the port; each connection gets a {@code ConnectionHandler} (event loop: framing, CANCEL) and a
 * {@code ConnectionSession} (worker thread: the SqlSession, cursors paged by FETCH, prepared statements).
 */
package io.cairndb.server.wire;
