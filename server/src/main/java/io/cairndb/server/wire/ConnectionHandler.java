package io.cairndb.server.wire;

import io.cairndb.protocol.Frame;
import io.cairndb.protocol.Frames;
import io.cairndb.protocol.Message;
import io.cairndb.protocol.MessageType;
import io.cairndb.protocol.ProtocolException;
import io.cairndb.server.ServerMetrics;
import io.cairndb.server.ServerVersion;
import io.cairndb.sql.SqlEngine;
import io.cairndb.sql.SqlSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Frames arrive on the event loop; CANCEL is acted on right there (so it reaches a
 * statement that is running), everything else runs in order on the connection's {@link SerialExecutor}. A
 * malformed frame or a broken conversation gets ERROR 08P01 and closes this connection only; closing the
 * connection closes its session, which rolls back.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    /** Requests a client may queue behind a running one; the driver keeps one in flight. */
    static final int MAX_PIPELINED = 64;
    /**
     * Backpressure: past this many queued requests the connection stops reading until the queue drains, so a
     * client that pipelines large frames cannot fill the heap (the driver keeps one request in flight, so it
     * never hits this, and its CANCEL for the running request is still read).
     */
    static final int PAUSE_READING_AT = 4;

    private final WireServer server;
    private final ServerMetrics metrics;
    private final SerialExecutor executor;
    /** Set on the executor after the handshake; read on the event loop by CANCEL. */
    private volatile ConnectionSession session;
    /** The request a worker is processing now (0: none); written by the worker, read by CANCEL. */
    private volatile int runningRequest;
    /** The request a CANCEL named; if it has not started yet it is answered 57014 without running. */
    private volatile int cancelledRequest;
    // event-loop state
    private boolean handshakeSeen;
    private boolean failed;

    ConnectionHandler(WireServer server, ServerMetrics metrics, Executor workers) {
        this.server = server;
        this.metrics = metrics;
        this.executor = new SerialExecutor(workers);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (failed) {
            return;
        }
        Message m = frame.message();
        if (m instanceof Message.Cancel) {
            cancel(frame.requestId());
            return;
        }
        if (!handshakeSeen) {
            if (!(m instanceof Message.Hello hello)) {
                fail(ctx, frame.requestId(), "08P01", "the first message must be HELLO, not " + m.type());
                return;
            }
            handshakeSeen = true;
            submit(ctx, () -> handshake(ctx, frame.requestId(), hello));
            return;
        }
        if (m instanceof Message.Hello || m.type().code() >= MessageType.HELLO_OK.code()) {
            fail(ctx, frame.requestId(), "08P01", "unexpected " + m.type() + " after the handshake");
            return;
        }
        if (executor.pending() >= MAX_PIPELINED) {
            fail(ctx, frame.requestId(), "08P01", "too many requests queued on one connection");
            return;
        }
        if (m instanceof Message.Close) {
            submit(ctx, () -> ctx.writeAndFlush(encode(frame.requestId(), new Message.Ok()))
                    .addListener(ChannelFutureListener.CLOSE));
            return;
        }
        submit(ctx, () -> process(ctx, frame));
    }

    private void submit(ChannelHandlerContext ctx, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    resumeReadingIfDrained(ctx);
                }
            });
        } catch (RejectedExecutionException e) {
            fail(ctx, 0, "57P01", "the server is shutting down");
            return;
        }
        if (executor.pending() >= PAUSE_READING_AT) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resumeReadingIfDrained(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead() && executor.pending() < PAUSE_READING_AT
                && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * A client that does not read its replies fills the outbound buffer: stop reading its requests (which is
     * what produces replies) until the buffer drains below Netty's low watermark.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        } else {
            resumeReadingIfDrained(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void handshake(ChannelHandlerContext ctx, int requestId, Message.Hello hello) {
        if (hello.magic() != Frames.MAGIC) {
            reject(ctx, requestId, "08P01", "not a CairnDB client (bad magic)");
            return;
        }
        if (hello.version() != Frames.PROTOCOL_VERSION) {
            reject(ctx, requestId, "08P01", "protocol version " + hello.version() + " is not supported; this"
                    + " server speaks version " + Frames.PROTOCOL_VERSION);
            return;
        }
        SqlEngine engine = server.engine();
        if (engine == null) {
            reject(ctx, requestId, "57P03", "the node is starting up; try again shortly");
            return;
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        try {
            // No authentication yet: every user is accepted (see server/README.md).
            SqlSession sql = engine.openSession(hello.user(), hello.schema());
            ConnectionSession s = new ConnectionSession(sql, metrics);
            session = s;
            metrics.sessionOpened();
            LOG.debug("session {} opened for user {} from {}", sql.id(), hello.user(), ctx.channel().remoteAddress());
            ctx.writeAndFlush(encode(requestId, new Message.HelloOk(sql.id(), ServerVersion.VERSION,
                    Frames.PROTOCOL_VERSION, sql.schema(), sql.transactionIsolation())));
        } catch (Throwable t) {
            Message.Error e = ErrorReplies.of(t);
            reject(ctx, requestId, e.sqlState(), e.message());
        }
    }

    private void reject(ChannelHandlerContext ctx, int requestId, String state, String message) {
        metrics.errorReturned();
        ctx.writeAndFlush(encode(requestId, new Message.Error(state, message)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * CANCEL names the request it cancels (0: whatever runs). Marking it first and then checking what runs, while
     * {@link #process} marks what runs first and then checks the cancel, means a cancel that races with the
     * start of its request is never lost.
     */
    private void cancel(int requestId) {
        ConnectionSession s = session;
        if (requestId != 0) {
            cancelledRequest = requestId;
        }
        if (s != null && (requestId == 0 || runningRequest == requestId)) {
            s.sqlSession().cancel();
        }
    }

    private void process(ChannelHandlerContext ctx, Frame frame) {
        ConnectionSession s = session;
        if (s == null || !ctx.channel().isActive()) {
            return; // the handshake failed or the client left: nothing to answer
        }
        List<Message> replies;
        runningRequest = frame.requestId();
        try {
            if (cancelledRequest == frame.requestId()) {
                replies = List.of(new Message.Error("57014", "canceling statement due to user request"));
            } else {
                replies = s.handle(frame.message());
            }
        } catch (Throwable t) {
            metrics.errorReturned();
            replies = List.of(ErrorReplies.of(t));
        } finally {
            runningRequest = 0;
        }
        for (int i = 0; i < replies.size(); i++) {
            ByteBuf buf;
            try {
                buf = encode(frame.requestId(), replies.get(i));
            } catch (RuntimeException e) {
                // a value the codec cannot carry; nothing of this reply was sent yet only if i == 0
                metrics.errorReturned();
                ctx.writeAndFlush(encode(frame.requestId(), ErrorReplies.of(e)));
                if (i > 0) {
                    ctx.close(); // half a reply went out: the conversation cannot continue
                }
                return;
            }
            ctx.write(buf);
        }
        ctx.flush();
    }

    private static ByteBuf encode(int requestId, Message m) {
        return Unpooled.wrappedBuffer(Frames.encode(requestId, m));
    }

    /** Sends ERROR and closes this connection; later frames from it are ignored. */
    private void fail(ChannelHandlerContext ctx, int requestId, String state, String message) {
        if (failed) {
            return;
        }
        failed = true;
        metrics.protocolError();
        LOG.debug("closing connection from {}: {}", ctx.channel().remoteAddress(), message);
        ctx.writeAndFlush(encode(requestId, new Message.Error(state, message)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (cause instanceof DecoderException || root instanceof ProtocolException) {
            fail(ctx, 0, ProtocolException.SQL_STATE, "malformed frame: " + root.getMessage());
        } else if (root instanceof IOException) {
            LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.warn("unexpected error on connection from {}", ctx.channel().remoteAddress(), root);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ConnectionSession s = session;
        if (s != null) {
            s.sqlSession().cancel(); // do not make the close wait behind a long statement
        }
        try {
            executor.execute(this::closeSession);
        } catch (RejectedExecutionException e) {
            closeSession();
        }
        ctx.fireChannelInactive();
    }

    private void closeSession() {
        ConnectionSession s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
                LOG.debug("session {} closed", s.sqlSession().id());
            } catch (Throwable t) {
                LOG.warn("error closing session {}", s.sqlSession().id(), t);
            } finally {
                metrics.sessionClosed();
            }
        }
    }
}
