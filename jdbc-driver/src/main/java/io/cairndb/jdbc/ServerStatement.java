package io.cairndb.jdbc;

import io.cairndb.protocol.Message;
import java.sql.SQLException;

/**
 * A prepared statement's server side: its SQL, and its id on the channel it was prepared on. A statement id
 * means nothing to another session, so after the connection moved to a new channel the statement is prepared
 * again from its SQL, lazily, the first time it runs there.
 */
final class ServerStatement {
    private final String sql;
    private Message.Prepared prepared;
    private WireChannel preparedOn;

    private ServerStatement(String sql, Message.Prepared prepared, WireChannel preparedOn) {
        this.sql = sql;
        this.prepared = prepared;
        this.preparedOn = preparedOn;
    }

    static ServerStatement prepare(CairnConnection connection, String sql) throws SQLException {
        WireChannel.Reply reply = connection.call(new Message.Prepare(sql), RequestKind.SESSION);
        return new ServerStatement(sql, described(reply), reply.channel());
    }

    String sql() {
        return sql;
    }

    /** The parameter and column descriptions from the latest PREPARE. */
    synchronized Message.Prepared description() {
        return prepared;
    }

    /**
     * The statement's id on {@code channel}, preparing it there first when it was prepared on another one.
     * The parameters must not have changed, since the application bound them for the old description.
     */
    synchronized long idOn(WireChannel channel) throws SQLException {
        if (channel != preparedOn) {
            Message.Prepared again = described(channel.call(new Message.Prepare(sql)));
            if (again.parameters().size() != prepared.parameters().size()) {
                // the old description is what the application bound its parameters to: do not guess
                channel.call(new Message.CloseStatement(again.statementId()));
                throw JdbcErrors.error("0A000", "the statement prepared again on " + channel.server() + " has "
                        + again.parameters().size() + " parameters instead of " + prepared.parameters().size()
                        + "; prepare it anew: " + sql);
            }
            prepared = again;
            preparedOn = channel;
        }
        return prepared.statementId();
    }

    /** Drops the server's copy, if the session holding it still exists. */
    synchronized void close(CairnConnection connection) throws SQLException {
        connection.release(preparedOn, new Message.CloseStatement(prepared.statementId()));
    }

    private static Message.Prepared described(WireChannel.Reply reply) throws SQLException {
        if (!(reply.message() instanceof Message.Prepared p)) {
            throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "unexpected reply " + reply.message().type());
        }
        return p;
    }
}
