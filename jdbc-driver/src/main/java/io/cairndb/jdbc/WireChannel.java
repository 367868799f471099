package io.cairndb.jdbc;

import io.cairndb.protocol.Frame;
import io.cairndb.protocol.Frames;
import io.cairndb.protocol.Message;
import io.cairndb.protocol.ProtocolException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TCP connection to a server, speaking the protocol with plain blocking sockets. One request is in flight
 * at a time ({@link #call} holds the request lock until its whole reply is read); {@link #cancel} only takes the
 * write lock, so another thread can send CANCEL while a request waits for its reply.
 */
final class WireChannel implements AutoCloseable {
    /**
     * A reply: the first message, for a query the first ROW_BATCH that follows its RESULT_HEADER, and the channel
     * it came on (a cursor lives on that connection only).
     */
    record Reply(Message message, Message.RowBatch firstBatch, WireChannel channel) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ConnectionUrl.HostPort server;
    private final ReentrantLock requestLock = new ReentrantLock();
    /** Id of the request waiting for its reply (0: none); read by cancel() from other threads. */
    private volatile int inFlight;
    private final Object writeLock = new Object();
    /** Until the handshake succeeds, a peer that is not a CairnDB server must not make us allocate much. */
    private static final int HANDSHAKE_MAX_FRAME = 1 << 20;

    private Message.HelloOk hello;
    private volatile int maxFrameSize = HANDSHAKE_MAX_FRAME;
    private int nextRequestId = 1;
    private volatile boolean broken;
    private volatile boolean closed;

    private WireChannel(Socket socket, ConnectionUrl.HostPort server) throws IOException {
        this.socket = socket;
        this.server = server;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /**
     * Connects to the first host that accepts the handshake, trying the next one when a host is unreachable or
     * not ready. An error the server gives for the session itself (bad credentials, unknown schema) is final.
     * The hosts are tried in {@link ConnectionUrl#connectOrder} order (list order, or from a random one with
     * {@code loadBalanceHosts}).
     */
    static WireChannel connect(ConnectionUrl url) throws SQLException {
        int timeout = url.connectTimeoutMillis();
        List<String> failures = new ArrayList<>();
        for (ConnectionUrl.HostPort hp : url.connectOrder(ThreadLocalRandom.current())) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(hp.host(), hp.port()), timeout);
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.setSoTimeout(timeout);
                WireChannel channel = new WireChannel(socket, hp);
                channel.handshake(url);
                socket.setSoTimeout(url.socketTimeoutMillis());
                return channel;
            } catch (SQLException e) {
                closeQuietly(socket);
                String state = e.getSQLState();
                if (state == null || !(state.startsWith("08") || state.startsWith("57P"))) {
                    throw e;
                }
                failures.add(hp + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
                failures.add(hp + ": " + e);
            }
        }
        throw JdbcErrors.error(JdbcErrors.CONNECT_FAILED, "could not connect to CairnDB: " + String.join("; ",
                failures));
    }

    private void handshake(ConnectionUrl url) throws SQLException {
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>(url.properties());
        props.remove("password");
        props.remove("user");
        Reply reply = call(new Message.Hello(Frames.MAGIC, Frames.PROTOCOL_VERSION, url.user(), url.password(),
                url.schema(), props));
        if (!(reply.message() instanceof Message.HelloOk ok)) {
            throw protocolError("unexpected handshake reply " + reply.message().type());
        }
        this.hello = ok;
        this.maxFrameSize = Integer.MAX_VALUE;
    }

    Message.HelloOk hello() {
        return hello;
    }

    ConnectionUrl.HostPort server() {
        return server;
    }

    boolean isClosed() {
        return closed || broken;
    }

    /**
     * Sends {@code request} and reads its reply. An ERROR reply becomes a SQLException with the server's
     * SQLSTATE; a broken socket marks this channel unusable and is 08006.
     */
    Reply call(Message request) throws SQLException {
        requestLock.lock();
        try {
            if (closed || broken) {
                throw new ConnectionLost(server, ConnectionLost.Stage.NOT_SENT,
                        JdbcErrors.CONNECTION_DOES_NOT_EXIST, "the connection is closed");
            }
            int requestId = nextRequestId++;
            if (nextRequestId <= 0) {
                nextRequestId = 1;
            }
            inFlight = requestId;
            boolean replyStarted = false;
            try {
                write(Frames.encode(requestId, request));
                Message first = readReply(requestId);
                replyStarted = true;
                if (first instanceof Message.ResultHeader) {
                    Message second = readReply(requestId);
                    if (!(second instanceof Message.RowBatch batch)) {
                        throw protocolError("RESULT_HEADER not followed by ROW_BATCH but " + second.type());
                    }
                    return new Reply(first, batch, this);
                }
                return new Reply(first, null, this);
            } catch (IOException | ProtocolException e) {
                broken = true;
                closeQuietly(socket);
                // whether a reply had begun is what tells a caller if sending the request again could repeat it
                ConnectionLost.Stage stage = e instanceof SocketTimeoutException ? ConnectionLost.Stage.TIMED_OUT
                        : replyStarted ? ConnectionLost.Stage.REPLY_STARTED : ConnectionLost.Stage.NO_REPLY;
                throw new ConnectionLost(server, stage, JdbcErrors.CONNECTION_FAILURE,
                        "connection to " + server + " lost: " + e);
            }
        } finally {
            inFlight = 0;
            requestLock.unlock();
        }
    }

    /**
     * PING with a bound on the whole exchange (Connection.isValid): false when the channel is busy past
     * {@code timeoutMillis}, broken, or the server does not answer in time (which breaks the channel, since a
     * late reply would be taken for the next request's).
     */
    boolean ping(int timeoutMillis) {
        try {
            if (!requestLock.tryLock(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            int previous = socket.getSoTimeout();
            socket.setSoTimeout(timeoutMillis);
            try {
                call(new Message.Ping());
                return true;
            } finally {
                if (!broken) {
                    socket.setSoTimeout(previous);
                }
            }
        } catch (SQLException | IOException e) {
            return false;
        } finally {
            requestLock.unlock();
        }
    }

    /** Bounds every later read from the server (Connection.setNetworkTimeout); 0 waits forever. */
    void setReadTimeout(int timeoutMillis) throws SQLException {
        try {
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            throw JdbcErrors.error(JdbcErrors.CONNECTION_FAILURE, "cannot set the network timeout: " + e);
        }
    }

    private Message readReply(int requestId) throws IOException, SQLException {
        Frame frame = Frames.read(in, maxFrameSize);
        Message m = frame.message();
        if (m instanceof Message.Error err) {
            if (frame.requestId() != requestId && frame.requestId() != 0) {
                throw protocolError("error for request " + frame.requestId() + " while waiting for " + requestId);
            }
            SQLException e = JdbcErrors.error(err.sqlState(), err.message());
            if (frame.requestId() == 0 || (err.sqlState() != null && err.sqlState().startsWith("08"))) {
                // a connection-level error: the server closes the connection after it
                broken = true;
                closeQuietly(socket);
            }
            throw e;
        }
        if (frame.requestId() != requestId) {
            throw protocolError("reply for request " + frame.requestId() + " while waiting for " + requestId);
        }
        return m;
    }

    private SQLException protocolError(String message) {
        broken = true;
        closeQuietly(socket);
        return new ConnectionLost(server, ConnectionLost.Stage.REPLY_STARTED, JdbcErrors.CONNECTION_FAILURE,
                "protocol error from " + server + ": " + message);
    }

    private void write(byte[] frame) throws IOException {
        synchronized (writeLock) {
            out.write(frame);
            out.flush();
        }
    }

    /**
     * Sends CANCEL for the request in flight, without waiting; the server cancels it whether it is running or
     * still queued. Nothing is sent when no request is in flight.
     */
    void cancel() {
        int requestId = inFlight;
        if (closed || broken || requestId == 0) {
            return;
        }
        try {
            write(Frames.encode(requestId, new Message.Cancel()));
        } catch (IOException e) {
            // the running request will see the broken socket itself
        }
    }

    /** Sends CLOSE (best effort, the server rolls back anyway when the socket drops) and closes the socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!broken && requestLock.tryLock()) {
                try {
                    socket.setSoTimeout(2000);
                    write(Frames.encode(nextRequestId++, new Message.Close()));
                    Frames.read(in, Integer.MAX_VALUE);
                } finally {
                    requestLock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            // closing anyway
        } finally {
            closed = true;
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
