package io.cairndb.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.protocol.Frame;
import io.cairndb.protocol.Frames;
import io.cairndb.protocol.Message;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The driver against a minimal in-test peer that speaks the protocol over a real socket, for connection
 * failures a real server does not produce on demand.
 */
class FakeServerTest {

    /** Serves one connection: handshake, then each request answered by {@code answer} (null: drop the socket). */
    private static CompletableFuture<Void> serveOne(ServerSocket listener, Function<Message, Message> answer) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = listener.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                Frame hello = Frames.read(in, Frames.DEFAULT_MAX_FRAME_SIZE);
                out.write(Frames.encode(hello.requestId(), new Message.HelloOk(7, "0.1.0", 1, "PUBLIC",
                        Connection.TRANSACTION_SERIALIZABLE)));
                while (true) {
                    Frame f = Frames.read(in, Frames.DEFAULT_MAX_FRAME_SIZE);
                    Message reply = answer.apply(f.message());
                    if (reply == null) {
                        return;
                    }
                    out.write(Frames.encode(f.requestId(), reply));
                }
            } catch (java.io.IOException e) {
                // the client went away
            }
        });
    }

    private static Connection connect(ServerSocket listener) throws SQLException {
        return new Driver().connect("jdbc:cairndb://127.0.0.1:" + listener.getLocalPort(), new Properties());
    }

    @Test
    void connectionLostDuringCommitReportsOutcomeUnknown() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            CompletableFuture<Void> server = serveOne(listener,
                    m -> m instanceof Message.Commit ? null : new Message.Ok());
            Connection c = connect(listener);
            c.setAutoCommit(false);
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("08006", e.getSQLState());
            assertTrue(e.getMessage().contains("outcome is unknown"), e.getMessage());
            assertTrue(c.isClosed());
            assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());
            server.join();
        }
    }

    @Test
    void connectionLostDuringAQueryIs08006() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            CompletableFuture<Void> server = serveOne(listener, m -> null);
            Connection c = connect(listener);
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("SELECT 1"));
            assertEquals("08006", e.getSQLState());
            assertTrue(!c.isValid(1));
            server.join();
        }
    }

    @Test
    void aReplyToAnotherRequestIsAProtocolError() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    Frame hello = Frames.read(in, Frames.DEFAULT_MAX_FRAME_SIZE);
                    out.write(Frames.encode(hello.requestId(), new Message.HelloOk(1, "0.1.0", 1, "PUBLIC", 8)));
                    Frame f = Frames.read(in, Frames.DEFAULT_MAX_FRAME_SIZE);
                    out.write(Frames.encode(f.requestId() + 100, new Message.UpdateCount(1, "PUBLIC")));
                    in.read();
                } catch (java.io.IOException e) {
                    // expected: the driver hangs up
                }
            });
            Connection c = connect(listener);
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("X"));
            assertEquals("08006", e.getSQLState());
            assertTrue(c.isClosed());
            server.join();
        }
    }

    @Test
    void aPeerThatIsNotACairnDbServerIsRefusedWithoutBigAllocations() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    // what an HTTP server answers to bytes it does not understand: "HTTP" reads as a 1.2 GB length
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    s.getInputStream().read();
                } catch (java.io.IOException e) {
                    // the driver hangs up
                }
            });
            SQLException e = assertThrows(SQLException.class, () -> connect(listener));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("bad frame length"), e.getMessage());
            server.join();
        }
    }
}
